package dev.albc.aws;

import java.util.Locale;
import java.util.Map;

/** Short service names used in call counts and rate-limit keys. */
final class Services {
  private Services() {}

  private static final Map<String, String> SHORT = Map.ofEntries(
      Map.entry("elasticloadbalancingv2", "elbv2"),
      Map.entry("elastic load balancing v2", "elbv2"),
      Map.entry("elbv2", "elbv2"),
      Map.entry("ec2", "ec2"),
      Map.entry("acm", "acm"),
      Map.entry("wafv2", "wafv2"),
      Map.entry("shield", "shield"),
      Map.entry("resourcegroupstaggingapi", "tagging"),
      Map.entry("resource groups tagging api", "tagging"),
      Map.entry("tagging", "tagging"),
      Map.entry("sts", "sts"));

  /** The SDK's service name (ElasticLoadBalancingV2, Ec2, …) or the reference's service id → short name. */
  static String shortName(String service) {
    if (service == null) {
      return "unknown";
    }
    String s = SHORT.get(service.toLowerCase(Locale.ROOT));
    return s == null ? service.toLowerCase(Locale.ROOT).replace(" ", "") : s;
  }
}
