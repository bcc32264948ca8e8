package dev.albc.targets;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which nodes serve an instance-mode binding (docs/targets.md, "Instance mode"): not labelled
 * master, excluded from external load balancers or Fargate; not tainted for deletion; matching the
 * binding's {@code nodeSelector}; Ready — or, when no node is Ready and {@code EndpointsFailOpen} is
 * on, the nodes whose Ready condition is Unknown. Pure.
 */
public final class NodeEligibility {
  static final List<String> EXCLUDING_LABELS = List.of(
      "node-role.kubernetes.io/master",
      "node.kubernetes.io/exclude-from-external-load-balancers",
      "alpha.service-controller.kubernetes.io/exclude-balancer");

  private NodeEligibility() {}

  /** The instance targets of the nodes on {@code nodePort}, sorted. */
  public static List<Target> targets(Collection<V1Node> nodes, LabelSelector selector, boolean failOpen, int nodePort) {
    List<Target> out = new ArrayList<>();
    for (V1Node n : eligible(nodes, selector, failOpen)) {
      instanceId(n).ifPresent(id -> out.add(new Target(id, nodePort)));
    }
    return new ArrayList<>(new TreeSet<>(out));
  }

  /** The eligible nodes. */
  public static List<V1Node> eligible(Collection<V1Node> nodes, LabelSelector selector, boolean failOpen) {
    List<V1Node> ready = new ArrayList<>();
    List<V1Node> unknown = new ArrayList<>();
    for (V1Node n : nodes) {
      if (!suitable(n, selector)) {
        continue;
      }
      switch (readyStatus(n)) {
        case "True" -> ready.add(n);
        case "Unknown" -> unknown.add(n);
        default -> { }
      }
    }
    return ready.isEmpty() && failOpen ? unknown : ready;
  }

  /** Labels, taints and selector, regardless of readiness. */
  public static boolean suitable(V1Node n, LabelSelector selector) {
    Map<String, String> labels = n.getMetadata() == null || n.getMetadata().getLabels() == null
        ? Map.of() : n.getMetadata().getLabels();
    if (EXCLUDING_LABELS.stream().anyMatch(labels::containsKey)) {
      return false;
    }
    if ("fargate".equals(labels.get("eks.amazonaws.com/compute-type"))) {
      return false;
    }
    if (n.getSpec() != null && n.getSpec().getTaints() != null) {
      for (V1Taint t : n.getSpec().getTaints()) {
        if ("ToBeDeletedByClusterAutoscaler".equals(t.getKey())
            || ("karpenter.sh/disrupted".equals(t.getKey()) && "NoSchedule".equals(t.getEffect()))) {
          return false;
        }
      }
    }
    return selector == null || selector.matches(labels);
  }

  /** The Ready condition's status: True, False or Unknown (no condition: Unknown). */
  public static String readyStatus(V1Node n) {
    if (n.getStatus() != null && n.getStatus().getConditions() != null) {
      for (V1NodeCondition c : n.getStatus().getConditions()) {
        if ("Ready".equals(c.getType())) {
          return c.getStatus();
        }
      }
    }
    return "Unknown";
  }

  /**
   * The instance id of {@code spec.providerID}: {@code aws:///zone/i-…} gives {@code i-…}; EKS
   * hybrid nodes {@code eks-hybrid:///…/mi-…} give {@code mi-…}. Empty for any other form.
   */
  public static Optional<String> instanceId(V1Node n) {
    String p = n.getSpec() == null ? null : n.getSpec().getProviderID();
    if (p == null || !(p.startsWith("aws://") || p.startsWith("eks-hybrid://"))) {
      return Optional.empty();
    }
    String last = p.substring(p.lastIndexOf('/') + 1);
    return last.startsWith("i-") || last.startsWith("mi-") ? Optional.of(last) : Optional.empty();
  }

  /** What about a node decides its eligibility (a node event that leaves it unchanged is ignored). */
  public static String signature(V1Node n) {
    return readyStatus(n) + "|" + instanceId(n).orElse("") + "|"
        + (n.getMetadata() == null ? "" : n.getMetadata().getLabels()) + "|"
        + (n.getSpec() == null ? "" : n.getSpec().getTaints());
  }
}
