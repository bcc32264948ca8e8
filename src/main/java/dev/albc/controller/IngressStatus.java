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
    return matches(ing, hostname, ports, null);
  }

  /**
   * True when the status maps exactly this hostname to exactly these ports, plus, with a frontend
   * NLB ({@code nlbHostname} not null), its hostname without ports.
   */
  public static boolean matches(V1Ingress ing, String hostname, List<Integer> ports, String nlbHostname) {
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
    Map<String, TreeSet<Integer>> want = new TreeMap<>();
    want.put(hostname, new TreeSet<>(ports));
    if (nlbHostname != null) {
      want.put(nlbHostname, new TreeSet<>());
    }
    return have.equals(want);
  }
}
