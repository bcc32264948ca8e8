package dev.albc.sources;

import dev.albc.rules.Suggest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifest objects albc would otherwise skip without a word: a kind one edit away from a kind albc
 * reads ({@code kind: Ingres}) in an API group that has that kind, and an Ingress, IngressClass or
 * IngressClassParams in the core group ({@code apiVersion: v1}). Other kinds (ConfigMaps,
 * Deployments, custom resources) are still skipped (docs/differences.md).
 */
final class KindCheck {
  private KindCheck() {}

  /** The kinds albc reads, by API group ("" = core). */
  private static final Map<String, List<String>> READ = Map.of(
      "networking.k8s.io", List.of("Ingress", "IngressClass"),
      "extensions", List.of("Ingress"),
      "", List.of("Service", "Namespace"),
      "elbv2.k8s.aws", List.of("IngressClassParams"));

  /** Real kinds of those groups that are close to a kind albc reads and must not be taken for a typo. */
  private static final Set<String> REAL = Set.of(
      "NetworkPolicy", "IPAddress", "ServiceCIDR", "ServiceAccount", "Secret", "Endpoints", "Event", "Node", "Pod",
      "TargetGroupBinding", "ConfigMap", "LimitRange", "ResourceQuota", "PodTemplate", "Binding",
      "ReplicationController", "PersistentVolume", "PersistentVolumeClaim", "ComponentStatus");

  /**
   * Why an object of {@code kind} in API group {@code group} looks like a mistake (with what was
   * likely meant), or null when skipping it is right.
   */
  static String problem(String group, String apiVersion, String kind) {
    if (group.isEmpty() && List.of("Ingress", "IngressClass").contains(kind)) {
      return "apiVersion " + apiVersion + " is not supported for " + kind + "; expected networking.k8s.io/v1";
    }
    if (group.isEmpty() && kind.equals("IngressClassParams")) {
      return "apiVersion " + apiVersion + " is not supported for " + kind + "; expected elbv2.k8s.aws/v1beta1";
    }
    List<String> read = READ.get(group);
    if (read == null || read.contains(kind) || REAL.contains(kind)) {
      return null;
    }
    List<String> close = Suggest.closest(kind, read);
    if (close.isEmpty()) {
      return null;
    }
    return "unknown kind " + kind + " in " + apiVersion + " (did you mean " + String.join(" or ", close) + "?)";
  }
}
