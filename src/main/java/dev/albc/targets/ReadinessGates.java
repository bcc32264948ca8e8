package dev.albc.targets;

import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodReadinessGate;
import java.util.Objects;

/**
 * The pod condition {@code target-health.elbv2.k8s.aws/<binding>} of docs/targets.md ("Readiness
 * gates"): True once the target is {@code healthy}, False otherwise with ELB's reason and
 * description, Unknown when its health is not known. Pure.
 */
public final class ReadinessGates {
  public static final String PREFIX = "target-health.elbv2.k8s.aws/";
  /** The gates of the first controller generation, removed by the pod mutator. */
  public static final String LEGACY_PREFIX = "target-health.alb.ingress.k8s.aws/";

  private ReadinessGates() {}

  /** The condition a pod's gate should show, or null when the pod carries no such gate. */
  public record Wanted(String type, String status, String reason, String message) {}

  public static boolean hasGate(V1Pod pod, String type) {
    return pod.getSpec() != null && pod.getSpec().getReadinessGates() != null
        && pod.getSpec().getReadinessGates().stream().map(V1PodReadinessGate::getConditionType)
            .anyMatch(type::equals);
  }

  public static Wanted wanted(String type, TargetHealth health) {
    if (health == null) {
      return new Wanted(type, "Unknown", "Elb.NotObserved", "the target's health is not known yet");
    }
    if (health.healthy()) {
      return new Wanted(type, "True", "Elb.Healthy", "Target is healthy");
    }
    return new Wanted(type, "False", health.reason() == null ? "Elb." + health.state() : health.reason(),
        health.description() == null ? "Target is " + health.state() : health.description());
  }

  /** True when the pod's condition already shows what is wanted (status, reason, message). */
  public static boolean shows(V1Pod pod, Wanted w) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    for (V1PodCondition c : pod.getStatus().getConditions()) {
      if (w.type().equals(c.getType())) {
        return w.status().equals(c.getStatus()) && Objects.equals(w.reason(), c.getReason())
            && Objects.equals(w.message(), c.getMessage());
      }
    }
    return false;
  }
}
