package dev.albc.it;

import dev.albc.targets.TargetsItFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * {@code albc controller --disable-restricted-sg-rules} (docs/targets.md, "Networking") against moto's
 * EC2: the rules two bindings need on the nodes' security group stay as they are — the all-TCP rule the
 * Ingress rules give a binding under this flag, and another binding's NodePort rule — where the
 * default (restricted) mode would collapse them into one range.
 */
@IntegrationTest
class UnrestrictedSgRulesIT {

  @Test
  void rulesFromOneSourceAreNotCollapsed(ItContext it) throws Exception {
    TargetsItFixture f = new TargetsItFixture(it);
    String backend = f.securityGroup("backend", Map.of());
    String nodes = f.securityGroup("nodes", Map.of("kubernetes.io/cluster/" + it.clusterName(), "owned"));
    Instance i1 = f.instance(f.network().privateSubnets().get(0), nodes);
    it.seedKube().nodeFor(i1);

    f.service("web", "NodePort", Map.of("app", "web"));
    f.service("api", "NodePort", Map.of("app", "api"));
    int apiPort = f.nodePort("api");
    String webArn = f.targetGroup("k8s-user-made-web", TargetTypeEnum.INSTANCE, 80);
    String apiArn = f.targetGroup("k8s-user-made-api", TargetTypeEnum.INSTANCE, 80);
    // what target-groups.drl writes with --disable-restricted-sg-rules: every TCP port from the backend group
    f.binding("web", webArn, "instance", "web", Map.of("networking", Map.of("ingress", List.of(Map.of(
        "from", List.of(Map.of("securityGroup", Map.of("groupID", backend))),
        "ports", List.of(Map.of("protocol", "TCP")))))));
    f.binding("api", apiArn, "instance", "api", Map.of("networking", Map.of("ingress", List.of(Map.of(
        "from", List.of(Map.of("securityGroup", Map.of("groupID", backend))),
        "ports", List.of(Map.of("protocol", "TCP", "port", apiPort)))))));
    f.startControllerProcess("--disable-restricted-sg-rules");

    f.awaitWithLog(() -> f.managedRules(nodes),
        Set.of("tcp 0-65535 " + backend, "tcp " + apiPort + "-" + apiPort + " " + backend),
        "rules of the nodes' security group (restricted mode would leave only tcp 0-65535)");

    f.deleteBinding("web");
    f.awaitWithLog(() -> f.managedRules(nodes), Set.of("tcp " + apiPort + "-" + apiPort + " " + backend),
        "rules of the nodes' security group once the all-TCP binding is gone");
  }
}
