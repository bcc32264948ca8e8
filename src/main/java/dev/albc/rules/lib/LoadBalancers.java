package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.WebAclFact;
import dev.albc.intents.AddonIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.Lookup;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Tags;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Helpers for load-balancer.drl. */
public final class LoadBalancers {
  private LoadBalancers() {}

  /** load-balancer-name: non-empty, at most 32 characters. */
  public static Values.Result name(String raw) {
    if (raw == null || raw.isEmpty()) {
      return new Values.Result(null, "the name is empty", "a name of 1 to 32 characters");
    }
    if (raw.length() > 32) {
      return new Values.Result(null, "\"" + raw + "\" is longer than 32 characters", "a name of 1 to 32 characters");
    }
    if (!raw.matches("[A-Za-z0-9-]+") || raw.startsWith("-") || raw.endsWith("-") || raw.startsWith("internal-")) {
      return new Values.Result(null, "\"" + raw + "\" is not a valid load balancer name",
          "letters, digits and hyphens, not starting or ending with a hyphen nor starting with internal-");
    }
    return new Values.Result(raw, null, null);
  }

  /** wafv2-acl-arn: an ARN, or "none" (→ empty: disassociate). */
  public static Values.Result wafv2Arn(String raw) {
    if ("none".equals(raw)) {
      return new Values.Result("", null, null);
    }
    if (raw == null || !raw.startsWith("arn:")) {
      return new Values.Result(null, "\"" + raw + "\" is not an ARN", "a WAFv2 web ACL ARN or none");
    }
    return new Values.Result(raw, null, null);
  }

  /**
   * {@code wafv2-acl-name} → the WAFv2 association: {@code none} disassociates; a name becomes the
   * ARN of the web ACL of that name ({@link WebAclFact}); a name the facts lack is a {@link Lookup}
   * with an error, and a name a live look-up did not find ({@code LookupMiss}) the reference's error.
   */
  public static List<Object> wafv2ByName(String groupId, Effective e, Collection<?> webAcls, Collection<?> misses,
      String rule) {
    String name = (String) e.value();
    if ("none".equals(name)) {
      return List.of(AddonIntent.wafv2(groupId, ""));
    }
    for (Object o : webAcls) {
      if (o instanceof WebAclFact w && w.name().equals(name)) {
        return List.of(AddonIntent.wafv2(groupId, w.arn()));
      }
    }
    String origin = e.from() == null ? null : e.from().origin();
    String object = Origins.object(origin);
    String field = Origins.field(origin, Ann.alb("wafv2-acl-name"));
    if (Backends.missed(misses, Lookup.WEB_ACL, name)) {
      return List.of(Diagnostic.error(groupId, object, field, "couldn't find WAFv2 WebACL with name: " + name,
          "a REGIONAL WAFv2 web ACL of this name in the region, or wafv2-acl-arn", rule));
    }
    Lookup l = new Lookup(Lookup.WEB_ACL, name, groupId, object, field);
    return List.of(l, Diagnostic.error(groupId, object, field,
        "WAFv2 web ACL \"" + name + "\" needs a look-up in the AWS account (ListWebACLs)",
        "plan with --live, or give the output of `" + l.dump() + "` with --aws-facts", rule));
  }

  public static LoadBalancerIntent assemble(
      ControllerSettings cfg,
      Group g,
      String scheme,
      String ipAddressType,
      List<String> subnets,
      List<Object> securityGroups,
      GroupSettings gs) {
    String scope = Scopes.group(g.id());
    Object explicitName = gs.value(scope, "load-balancer-name");
    String name = explicitName != null ? (String) explicitName : Names.loadBalancer(cfg.clusterName(), g, scheme);
    Map<String, String> attributes = gs.byPrefix(scope, "attribute:");
    Map<String, String> tags = Tags.of(gs, scope, cfg.clusterName(), g.id(), LoadBalancerIntent.RESOURCE_ID);
    Object coip = gs.value(scope, "customer-owned-ipv4-pool");
    Object ipam = gs.value(scope, "ipam-ipv4-pool-id");
    Object capacity = gs.value(scope, "minimum-load-balancer-capacity");
    return new LoadBalancerIntent(
        g.id(), name, "application", scheme, ipAddressType, List.copyOf(subnets),
        List.copyOf(securityGroups), (String) coip, attributes.isEmpty() ? null : attributes, tags,
        ipam == null ? null : Map.of("Ipv4IpamPoolId", (String) ipam),
        capacity == null ? null : Map.of("CapacityUnits", ((Number) capacity).intValue()));
  }

  /**
   * minimum-load-balancer-capacity: {@code CapacityUnits=<int32>}, the only key (the reference's
   * check and words); an empty map sets nothing (null value, no setting).
   */
  public static Values.Result capacity(String raw) {
    Values.Result m = Values.stringMap(raw);
    if (!m.ok()) {
      return m;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> map = (Map<String, String>) m.value();
    Integer units = null;
    for (var e : map.entrySet()) {
      if (!e.getKey().equals("CapacityUnits")) {
        return new Values.Result(null, "invalid key to set the capacity: " + e.getKey() + ", Expected key: CapacityUnits",
            "CapacityUnits=<number of capacity units>");
      }
      Values.Result n = Values.int32(e.getValue());
      if (!n.ok()) {
        return new Values.Result(null, "invalid value to set the capacity: " + e.getValue(),
            "CapacityUnits=<a 32-bit integer>");
      }
      units = ((Number) n.value()).intValue();
    }
    return new Values.Result(units, null, null);
  }
}
