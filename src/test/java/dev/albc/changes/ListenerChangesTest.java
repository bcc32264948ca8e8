package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mutual authentication off and not reported are the same; a trust store is not off. */
class ListenerChangesTest {
  /** The stack with every listener's MutualAuthentication set to {@code mtls} (null: none reported). */
  static ObservedStack withMutualAuthentication(ObservedStack s, ObjectNode mtls) {
    List<ObservedResource> listeners = s.listeners().stream().map(l -> {
      ObjectNode b = l.body().deepCopy();
      b.remove("MutualAuthentication");
      if (mtls != null) {
        b.set("MutualAuthentication", mtls);
      }
      return l.withBody(b);
    }).toList();
    return new ObservedStack(s.groupId(), s.loadBalancers(), listeners, s.rules(), s.targetGroups(),
        s.securityGroups(), s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(),
        s.bindings(), s.conflicts());
  }

  @Test
  void offOrAbsent() {
    assertThat(ListenerChanges.offOrAbsent(null)).isTrue();
    assertThat(ListenerChanges.offOrAbsent(Requests.obj())).isTrue();
    assertThat(ListenerChanges.offOrAbsent(Requests.obj().put("Mode", "off"))).isTrue();
    assertThat(ListenerChanges.offOrAbsent(Requests.obj().put("Mode", "off").putNull("TrustStoreArn"))).isTrue();
    assertThat(ListenerChanges.offOrAbsent(Requests.obj().put("Mode", "verify"))).isFalse();
    assertThat(ListenerChanges.offOrAbsent(Requests.obj().put("Mode", "off").put("TrustStoreArn", "arn:ts"))).isFalse();
  }

  @Test
  void mutualAuthenticationLeftOutAndNoneOrOffReportedIsNoDriftButVerifyIsTurnedOff() {
    DesiredGroup g = ChangesGoldenTest.https(x -> x); // its HTTPS listener leaves MutualAuthentication out
    ObservedStack applied = Simulated.applied(g, false);
    assertThat(ChangePlanner.plan(g, withMutualAuthentication(applied, null), ChangePlannerTest.NO_CLUSTER).changes())
        .isEmpty();
    ObjectNode off = Requests.obj().put("Mode", "off").put("IgnoreClientCertificateExpiry", false);
    assertThat(ChangePlanner.plan(g, withMutualAuthentication(applied, off), ChangePlannerTest.NO_CLUSTER).changes())
        .isEmpty();
    ObjectNode verify = Requests.obj().put("Mode", "verify").put("TrustStoreArn", "arn:ts");
    GroupChanges gc = ChangePlanner.plan(g, withMutualAuthentication(applied, verify), ChangePlannerTest.NO_CLUSTER);
    assertThat(gc.changes()).singleElement().satisfies(c -> {
      assertThat(c.calls()).containsExactly("elbv2:ModifyListener");
      assertThat(c.diff()).extracting(FieldDiff::field).containsExactly("MutualAuthentication");
      assertThat(c.steps().get(0).request().get("MutualAuthentication").toString()).isEqualTo("{\"Mode\":\"off\"}");
    });
  }
}
