package dev.albc.targets;

import io.kubernetes.client.openapi.models.DiscoveryV1EndpointPort;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The pod targets of an ip-mode binding (docs/targets.md, "IP mode"): the endpoints of the
 * Service's EndpointSlices on the port named as the Service port — ready ones, plus not-ready,
 * not-terminating ones whose pod has its containers ready on a Ready node and carries one of the
 * given readiness gates (what lets a readiness-gated pod be registered before it is Ready). An IP
 * outside the VPC gets AvailabilityZone {@code all}. Pure.
 */
public final class PodEndpoints {
  private PodEndpoints() {}

  /** One endpoint chosen: its target and the pod behind it (null when the slice names none). */
  public record Endpoint(Target target, String podName) {}

  /**
   * @param portName the Service port's name ("" for an unnamed single port)
   * @param pods pods by name, in the binding's namespace
   * @param nodes nodes by name
   * @param inVpc whether an IP lies in the VPC's CIDRs
   */
  public static List<Endpoint> endpoints(Collection<V1EndpointSlice> slices, String portName,
      Function<String, V1Pod> pods, Function<String, V1Node> nodes, List<String> readinessGates,
      Predicate<String> inVpc) {
    Map<Target, Endpoint> out = new TreeMap<>();
    for (V1EndpointSlice s : slices) {
      Integer port = portOf(s, portName);
      if (port == null || s.getEndpoints() == null) {
        continue;
      }
      for (V1Endpoint e : s.getEndpoints()) {
        if (e.getAddresses() == null || e.getAddresses().isEmpty()) {
          continue;
        }
        String podName = e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind())
            ? e.getTargetRef().getName() : null;
        if (!usable(e, podName == null ? null : pods.apply(podName), nodes, readinessGates)) {
          continue;
        }
        String ip = e.getAddresses().get(0);
        Target t = new Target(ip, port, inVpc.test(ip) ? null : "all");
        out.put(t.key(), new Endpoint(t, podName));
      }
    }
    return List.copyOf(out.values());
  }

  static Integer portOf(V1EndpointSlice s, String portName) {
    if (s.getPorts() == null) {
      return null;
    }
    for (DiscoveryV1EndpointPort p : s.getPorts()) {
      String n = p.getName() == null ? "" : p.getName();
      if (n.equals(portName) && p.getPort() != null) {
        return p.getPort();
      }
    }
    return null;
  }

  static boolean usable(V1Endpoint e, V1Pod pod, Function<String, V1Node> nodes, List<String> gates) {
    var c = e.getConditions();
    boolean ready = c == null || c.getReady() == null || c.getReady();
    if (ready) {
      return true;
    }
    if (c.getTerminating() != null && c.getTerminating()) {
      return false;
    }
    if (pod == null || pod.getSpec() == null || pod.getSpec().getReadinessGates() == null) {
      return false;
    }
    boolean gated = pod.getSpec().getReadinessGates().stream()
        .anyMatch(g -> gates.contains(g.getConditionType()));
    if (!gated || !"True".equals(condition(pod, "ContainersReady"))) {
      return false;
    }
    String nodeName = e.getNodeName() != null ? e.getNodeName() : pod.getSpec().getNodeName();
    V1Node node = nodeName == null ? null : nodes.apply(nodeName);
    return node != null && "True".equals(NodeEligibility.readyStatus(node));
  }

  /** The status of a pod condition, or null. */
  public static String condition(V1Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream().filter(x -> Objects.equals(type, x.getType()))
        .map(V1PodCondition::getStatus).findFirst().orElse(null);
  }
}
