package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.observe.Observer;
import dev.albc.observe.ObservedResource;
import java.util.List;
import java.util.Objects;

/**
 * A load balancer's capacity reservation ({@code minimum-load-balancer-capacity}), as the reference's
 * capacity reservation reconciler: nothing when the intent sets none; {@code CapacityUnits} 0 means
 * "no reservation" (a reset); the reservation AWS reports (DescribeCapacityReservation, read by the
 * observer into the body's {@code CapacityReservation}) is none when it has neither a state nor a
 * minimum capacity. A difference is one {@code ModifyCapacityReservation}: the units, or {@code
 * ResetCapacityReservation}. The executor waits for a provisioning load balancer to be active first.
 */
final class LoadBalancerCapacity {
  static final String CALL = "elbv2:ModifyCapacityReservation";

  private LoadBalancerCapacity() {}

  /** Reserves {@code units} on the load balancer {@code arn} (an ARN or a {@code $ref}). */
  static Step modify(JsonNode arn, int units) {
    ObjectNode req = Requests.obj();
    req.set("LoadBalancerArn", arn);
    req.putObject("MinimumLoadBalancerCapacity").put("CapacityUnits", units);
    return Step.of(CALL, req);
  }

  /** The step that brings the observed reservation of {@code o} to the intent's, if they differ. */
  static void reservation(LoadBalancerIntent d, ObservedResource o, List<FieldDiff> diff, List<Step> steps) {
    if (d.capacityUnits() == null) {
      return;
    }
    JsonNode observed = o.body().get(Observer.CAPACITY_RESERVATION);
    if (observed == null) {
      throw new IllegalStateException("the capacity reservation of " + o.name() + " was not read");
    }
    Integer want = d.capacityUnits() == 0 ? null : d.capacityUnits();
    Integer have = current(observed);
    if (Objects.equals(want, have)) {
      return;
    }
    diff.add(new FieldDiff("MinimumLoadBalancerCapacity", have == null ? null : "CapacityUnits=" + have,
        want == null ? null : "CapacityUnits=" + want));
    if (want == null) {
      ObjectNode req = Requests.obj();
      req.put("LoadBalancerArn", o.id());
      req.put("ResetCapacityReservation", true);
      steps.add(Step.of(CALL, req));
    } else {
      steps.add(modify(com.fasterxml.jackson.databind.node.TextNode.valueOf(o.id()), want));
    }
  }

  /**
   * The reserved units a DescribeCapacityReservation response reports: null when it has no state and
   * no minimum capacity, else the minimum's CapacityUnits (0 when AWS gives none).
   */
  static Integer current(JsonNode response) {
    JsonNode state = response.path("CapacityReservationState");
    JsonNode min = response.get("MinimumLoadBalancerCapacity");
    if ((state.isMissingNode() || state.isNull() || state.isEmpty()) && (min == null || min.isNull())) {
      return null;
    }
    JsonNode units = min == null ? null : min.get("CapacityUnits");
    return units == null || units.isNull() ? 0 : units.asInt();
  }
}
