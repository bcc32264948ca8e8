package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;

/**
 * A resource one IngressGroup wants. Sealed: the kinds below are all there are, and {@link #ORDER}
 * is the one order of a group's resources (the plan document, explain, docs/plan-format.md).
 */
public sealed interface Intent
    permits SecurityGroupIntent, TargetGroupIntent, LoadBalancerIntent, ListenerIntent, ListenerRuleIntent,
        TargetGroupBindingIntent, AddonIntent, CertificateIntent {

  /**
   * The kinds in dependency order: security groups, certificates, target groups, load balancer, listeners,
   * listener rules, TargetGroupBindings, add-ons (WAFv2 association, then Shield protection).
   */
  List<String> KIND_ORDER = List.of(
      SecurityGroupIntent.KIND, CertificateIntent.KIND, TargetGroupIntent.KIND, LoadBalancerIntent.KIND, ListenerIntent.KIND,
      ListenerRuleIntent.KIND, TargetGroupBindingIntent.KIND, AddonIntent.WAFV2, AddonIntent.SHIELD);

  /** Kinds in {@link #KIND_ORDER}, then by {@link #orderKey()} within a kind. */
  Comparator<Intent> ORDER = Comparator.comparingInt(Intent::kindRank).thenComparing(Intent::orderKey);

  /** The IngressGroup id. */
  @JsonIgnore
  String groupId();

  /** The value of the {@code ingress.k8s.aws/resource} tag, unique in its group. */
  @JsonProperty("ResourceId")
  String resourceId();

  /** The resource type, as the reference controller's stack names it. */
  @JsonProperty("Kind")
  String kind();

  /** The position of this intent's kind in {@link #KIND_ORDER}. */
  @JsonIgnore
  default int kindRank() {
    return KIND_ORDER.indexOf(kind());
  }

  /**
   * The order within a kind: the ResourceId; listeners override it with their port and listener
   * rules with port and priority, so that they sort numerically.
   */
  @JsonIgnore
  default String orderKey() {
    return resourceId();
  }
}
