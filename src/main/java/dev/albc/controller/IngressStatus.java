package dev.albc.controller;

import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressLoadBalancerIngress;
import io.kubernetes.client.openapi.models.V1IngressPortStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares an Ingress's {@code status.loadBalancer.ingress} with what albc would write (hostname → ports). */
public final class IngressStatus {
  private IngressStatus() {}

  /** True when the status maps exactly this hostname to exactly these ports. */
  public static boolean matches(V1Ingress ing, String hostname, List<Integer> ports) {
    Map<String, TreeSet<Integer>> have = new TreeMap<>();
    if (ing.getStatus() != null && ing.getStatus().getLoadBalancer() != null
        && ing.getStatus().getLoadBalancer().getIngress() != null) {
      for (V1IngressLoadBalancerIngress e : ing.getStatus().getLoadBalancer().getIngress()) {
        TreeSet<Integer> p = have.computeIfAbsent(Objects.toString(e.getHostname(), ""), k -> new TreeSet<>());
        if (e.getPorts() != null) {
          e.getPorts().stream().map(V1IngressPortStatus::getPort).forEach(p::add);
        }
      }
    }
    return have.equals(Map.of(hostname, new TreeSet<>(ports)));
  }
}
