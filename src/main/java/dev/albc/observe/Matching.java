package dev.albc.observe;

import dev.albc.intents.LoadBalancerIntent;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** How existing resources are matched to intents (shared by the observer and the planner). */
public final class Matching {
  private Matching() {}

  /**
   * The existing load balancer that serves the desired one: tagged {@code ingress.k8s.aws/resource}
   * with its ResourceId ({@code LoadBalancer}, or {@code FrontendNlb}), with the desired scheme and type (the reference replaces a load balancer whose
   * scheme or type differs, whatever its name); one with the desired name first. Null when none.
   */
  public static ObservedResource keptLoadBalancer(LoadBalancerIntent desired, List<ObservedResource> lbs) {
    if (desired == null) {
      return null;
    }
    return lbs.stream()
        .filter(lb -> desired.resourceId().equals(lb.resourceTag()))
        .filter(lb -> !requiresReplacement(desired, lb))
        .min(Comparator.comparing((ObservedResource lb) -> !Objects.equals(lb.name(), desired.name()))
            .thenComparing(ObservedResource::id))
        .orElse(null);
  }

  /** Scheme or type differ: a new load balancer is needed (as the reference decides). */
  public static boolean requiresReplacement(LoadBalancerIntent desired, ObservedResource lb) {
    String type = desired.type() == null ? "application" : desired.type();
    return !Objects.equals(desired.scheme(), lb.text("Scheme")) || !type.equals(lb.text("Type"));
  }
}
