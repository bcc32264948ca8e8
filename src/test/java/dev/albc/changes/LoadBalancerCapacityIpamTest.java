package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.changes.Change.Action;
import dev.albc.desired.DesiredState;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.observe.Observer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The planner on capacity reservations (minimum-load-balancer-capacity), IPAM pools
 * (ipam-ipv4-pool-id) and target control ports: moto serves none of ModifyCapacityReservation,
 * ModifyIpPools and TargetControlPort, so these calls are proved here and by the SDK-shape tests
 * (docs/testing.md).
 */
class LoadBalancerCapacityIpamTest {
  static final String GROUP = ChangePlannerTest.GROUP;

  static DesiredState.DesiredGroup shop(String... annotations) {
    UnaryOperator<String> edit = s -> {
      String extra = "";
      for (String a : annotations) {
        extra += "    alb.ingress.kubernetes.io/" + a + "\n";
      }
      return s.replace("  annotations:\n", "  annotations:\n" + extra);
    };
    return ChangePlannerTest.quickstart(edit);
  }

  static Change lbChange(GroupChanges gc) {
    return gc.changes().stream().filter(c -> c.kind().equals(LoadBalancerIntent.KIND)).findFirst().orElse(null);
  }

  static List<Step> steps(Change c, String call) {
    return c.steps().stream().filter(s -> s.call().equals(call)).toList();
  }

  /** The applied stack with the load balancer's reservation (as the observer reads it) replaced. */
  static ObservedStack withReservation(ObservedStack s, JsonNode reservation) {
    List<ObservedResource> lbs = new ArrayList<>();
    for (ObservedResource lb : s.loadBalancers()) {
      ObjectNode body = lb.body().deepCopy();
      body.set(Observer.CAPACITY_RESERVATION, reservation);
      lbs.add(lb.withBody(body));
    }
    return new ObservedStack(s.groupId(), lbs, s.listeners(), s.rules(), s.targetGroups(), s.securityGroups(),
        s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(), s.bindings(), s.conflicts());
  }

  static JsonNode json(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aNewLoadBalancerGetsItsPoolInCreateLoadBalancerAndItsReservationAfterwards() {
    GroupChanges gc = ChangePlanner.plan(shop("minimum-load-balancer-capacity: CapacityUnits=500",
        "ipam-ipv4-pool-id: ipam-pool-0123456789abcdef0"), ObservedStack.empty(GROUP), ChangePlannerTest.NO_CLUSTER);
    Change lb = lbChange(gc);
    assertThat(lb.calls()).containsExactly("elbv2:CreateLoadBalancer", "elbv2:ModifyCapacityReservation");
    JsonNode create = lb.steps().get(0).request();
    assertThat(create.get("IpamPools").toString()).isEqualTo("{\"Ipv4IpamPoolId\":\"ipam-pool-0123456789abcdef0\"}");
    assertThat(create.has("MinimumLoadBalancerCapacity")).isFalse();
    assertThat(lb.steps().get(1).request().toString()).isEqualTo(
        "{\"LoadBalancerArn\":{\"$ref\":\"LoadBalancer\"},\"MinimumLoadBalancerCapacity\":{\"CapacityUnits\":500}}");
  }

  @Test
  void aNewLoadBalancerAskedToResetHasNothingToReset() {
    GroupChanges gc = ChangePlanner.plan(shop("minimum-load-balancer-capacity: CapacityUnits=0"),
        ObservedStack.empty(GROUP), ChangePlannerTest.NO_CLUSTER);
    assertThat(lbChange(gc).calls()).containsExactly("elbv2:CreateLoadBalancer");
  }

  @Test
  void whatWasAppliedNeedsNoChange() {
    DesiredState.DesiredGroup g = shop("minimum-load-balancer-capacity: CapacityUnits=500",
        "ipam-ipv4-pool-id: ipam-pool-1");
    assertThat(ChangePlanner.plan(g, Simulated.applied(g, false), ChangePlannerTest.NO_CLUSTER).changes()).isEmpty();
  }

  @Test
  void anotherCapacityIsOneModifyCapacityReservation() {
    ObservedStack before = Simulated.applied(shop("minimum-load-balancer-capacity: CapacityUnits=500"), false);
    GroupChanges gc = ChangePlanner.plan(shop("minimum-load-balancer-capacity: CapacityUnits=1000"), before,
        ChangePlannerTest.NO_CLUSTER);
    Change lb = lbChange(gc);
    assertThat(lb.action()).isEqualTo(Action.MODIFY);
    assertThat(lb.calls()).containsExactly("elbv2:ModifyCapacityReservation");
    assertThat(lb.diff()).containsExactly(
        new FieldDiff("MinimumLoadBalancerCapacity", "CapacityUnits=500", "CapacityUnits=1000"));
    assertThat(lb.steps().get(0).request().get("MinimumLoadBalancerCapacity").toString())
        .isEqualTo("{\"CapacityUnits\":1000}");
    assertThat(lb.steps().get(0).request().get("LoadBalancerArn").asText()).startsWith("arn:aws:elasticloadbalancing:");
  }

  @Test
  void zeroResetsAReservation() {
    ObservedStack before = Simulated.applied(shop("minimum-load-balancer-capacity: CapacityUnits=500"), false);
    GroupChanges gc = ChangePlanner.plan(shop("minimum-load-balancer-capacity: CapacityUnits=0"), before,
        ChangePlannerTest.NO_CLUSTER);
    Step reset = lbChange(gc).steps().get(0);
    assertThat(reset.call()).isEqualTo("elbv2:ModifyCapacityReservation");
    assertThat(reset.request().get("ResetCapacityReservation").asBoolean()).isTrue();
    assertThat(reset.request().has("MinimumLoadBalancerCapacity")).isFalse();
  }

  @Test
  void zeroWithoutAReservationAndARemovedAnnotationChangeNothing() {
    DesiredState.DesiredGroup zero = shop("minimum-load-balancer-capacity: CapacityUnits=0");
    ObservedStack none = withReservation(Simulated.applied(zero, false),
        json("{\"CapacityReservationState\":[]}"));
    assertThat(ChangePlanner.plan(zero, none, ChangePlannerTest.NO_CLUSTER).changes()).isEmpty();
    // removing the annotation leaves the reservation as it is (the reference's default)
    ObservedStack reserved = Simulated.applied(shop("minimum-load-balancer-capacity: CapacityUnits=500"), false);
    assertThat(lbChange(ChangePlanner.plan(shop(), reserved, ChangePlannerTest.NO_CLUSTER))).isNull();
  }

  @Test
  void aReportedStateWithoutUnitsIsZeroUnitsAsTheReferenceReadsIt() {
    // moto answers DescribeCapacityReservation with a state and no MinimumLoadBalancerCapacity
    JsonNode stateOnly = json("{\"CapacityReservationState\":[{\"State\":{\"Code\":\"provisioned\"}}]}");
    assertThat(LoadBalancerCapacity.current(stateOnly)).isEqualTo(0);
    assertThat(LoadBalancerCapacity.current(json("{}"))).isNull();
    assertThat(LoadBalancerCapacity.current(json("{\"MinimumLoadBalancerCapacity\":{\"CapacityUnits\":7}}")))
        .isEqualTo(7);
    DesiredState.DesiredGroup zero = shop("minimum-load-balancer-capacity: CapacityUnits=0");
    GroupChanges gc = ChangePlanner.plan(zero, withReservation(Simulated.applied(zero, false), stateOnly),
        ChangePlannerTest.NO_CLUSTER);
    assertThat(lbChange(gc).steps().get(0).request().get("ResetCapacityReservation").asBoolean()).isTrue();
  }

  @Test
  void anotherPoolIsSetLastAndARemovedPoolIsRemovedFirst() {
    ObservedStack foo = Simulated.applied(shop("ipam-ipv4-pool-id: ipam-pool-foo"), false);
    Change change = lbChange(ChangePlanner.plan(shop("ipam-ipv4-pool-id: ipam-pool-bar", "load-balancer-attributes: idle_timeout.timeout_seconds=120"), foo,
        ChangePlannerTest.NO_CLUSTER));
    assertThat(change.calls()).containsExactly("elbv2:ModifyLoadBalancerAttributes", "elbv2:ModifyIpPools");
    assertThat(steps(change, "elbv2:ModifyIpPools").get(0).request().get("IpamPools").toString())
        .isEqualTo("{\"Ipv4IpamPoolId\":\"ipam-pool-bar\"}");
    assertThat(change.diff()).contains(new FieldDiff("IpamPools.Ipv4IpamPoolId", "ipam-pool-foo", "ipam-pool-bar"));

    Change removal = lbChange(ChangePlanner.plan(shop("load-balancer-attributes: idle_timeout.timeout_seconds=120"),
        foo, ChangePlannerTest.NO_CLUSTER));
    assertThat(removal.calls()).containsExactly("elbv2:ModifyIpPools", "elbv2:ModifyLoadBalancerAttributes");
    assertThat(removal.steps().get(0).request().get("RemoveIpamPools").toString()).isEqualTo("[\"ipv4\"]");
  }

  @Test
  void anotherTargetControlPortReplacesTheTargetGroup() {
    UnaryOperator<String> ip = s -> s.replace("  annotations:\n",
        "  annotations:\n    alb.ingress.kubernetes.io/target-type: ip\n");
    DesiredState.DesiredGroup before = ChangePlannerTest.quickstart(ip);
    DesiredState.DesiredGroup after = ChangePlannerTest.quickstart(s -> ip.apply(s).replace("  annotations:\n",
        "  annotations:\n    alb.ingress.kubernetes.io/target-control-port.web.80: \"3000\"\n"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), ChangePlannerTest.NO_CLUSTER);
    Change web = gc.changes().stream()
        .filter(c -> c.kind().equals(TargetGroupIntent.KIND) && c.resourceId().equals("demo/shop-web:80"))
        .findFirst().orElseThrow();
    assertThat(web.action()).isEqualTo(Action.REPLACE);
    assertThat(web.diff()).contains(new FieldDiff("TargetControlPort", null, "3000"));
    assertThat(web.steps().get(0).request().get("TargetControlPort").asInt()).isEqualTo(3000);
    assertThat(gc.changes().stream().filter(c -> c.kind().equals(TargetGroupIntent.KIND)
        && c.resourceId().equals("demo/shop-api:http"))).isEmpty();
  }
}
