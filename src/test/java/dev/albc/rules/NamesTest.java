package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.api.Group;
import dev.albc.rules.api.Names;
import org.junit.jupiter.api.Test;

/** Literal names from the reference controller's test fixtures (aws-lbc-behaviour.md §8). */
class NamesTest {
  static final Group IMPLICIT = new Group("ns-1/ing-1", false);

  @Test
  void internalAlbName() {
    assertThat(Names.loadBalancer("cluster-dummy", IMPLICIT, "internal")).isEqualTo("k8s-ns1-ing1-b7e914000d");
  }

  @Test
  void internetFacingAlbName() {
    assertThat(Names.loadBalancer("cluster-dummy", IMPLICIT, "internet-facing"))
        .isEqualTo("k8s-ns1-ing1-159dd7a143");
  }

  @Test
  void managedSecurityGroupName() {
    assertThat(Names.managedSecurityGroup("cluster-dummy", IMPLICIT)).isEqualTo("k8s-ns1-ing1-bd83176788");
  }

  @Test
  void targetGroupName() {
    assertThat(
            Names.targetGroup("cluster-dummy", "ns-1/ing-1", "ns-1", "ing-1", "ns-1", "svc-1", "", "http",
                32768, "instance", "HTTP", "HTTP1"))
        .isEqualTo("k8s-ns1-svc1-9889425938");
  }
}
