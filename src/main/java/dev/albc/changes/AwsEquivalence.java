package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values AWS reports in another form than albc (or the reference controller) sends them, brought
 * to one form before they are compared, so a stack made by either controller is never rewritten
 * by the other (docs/differences.md, "Equivalent forms"):
 *
 * <ul>
 *   <li>rule conditions: in any order (sorted by {@code Field}, as the reference compares them);
 *       the values of one condition in any order, host names, HTTP header names and values and
 *       query strings in any case (ALB matches them so);
 *   <li>actions: in {@code Order} (an action without one has its index + 1, as the SDK call gets
 *       it); a forward's target groups in any order; a forward given as {@code TargetGroupArn}
 *       alone is the same forward with one target group;
 *   <li>certificates: in any order, {@code IsDefault} ignored;
 *   <li>security-group protocols: {@code TCP}, {@code 6} and {@code tcp} are one protocol;
 *   <li>attributes: a value AWS does not report equals its documented default.
 * </ul>
 *
 * <p>Pure functions over JSON; the inputs are not changed.
 */
final class AwsEquivalence {
  private AwsEquivalence() {}

  /** Load-balancer attributes of an ALB that AWS sets when nothing else is asked for. */
  static final Map<String, String> LOAD_BALANCER_DEFAULTS = Map.ofEntries(
      Map.entry("access_logs.s3.enabled", "false"),
      Map.entry("access_logs.s3.bucket", ""),
      Map.entry("access_logs.s3.prefix", ""),
      Map.entry("deletion_protection.enabled", "false"),
      Map.entry("idle_timeout.timeout_seconds", "60"),
      Map.entry("routing.http2.enabled", "true"),
      Map.entry("routing.http.drop_invalid_header_fields.enabled", "false"),
      Map.entry("waf.fail_open.enabled", "false"));

  /** Target-group attributes (HTTP/HTTPS target groups) that AWS sets when nothing else is asked for. */
  static final Map<String, String> TARGET_GROUP_DEFAULTS = Map.ofEntries(
      Map.entry("deregistration_delay.timeout_seconds", "300"),
      Map.entry("load_balancing.algorithm.type", "round_robin"),
      Map.entry("load_balancing.cross_zone.enabled", "use_load_balancer_configuration"),
      Map.entry("slow_start.duration_seconds", "0"),
      Map.entry("stickiness.enabled", "false"),
      Map.entry("stickiness.type", "lb_cookie"));

  /** True when the attribute AWS reports ({@code have}, null when not reported) is the one wanted. */
  static boolean sameAttribute(String key, String want, String have, Map<String, String> defaults) {
    if (have == null) {
      return want.equals(defaults.get(key));
    }
    return want.equals(have);
  }

  /** A value of the named member in the form it is compared in. */
  static JsonNode normalise(String member, JsonNode n) {
    if (n == null || !n.isArray()) {
      return n;
    }
    return switch (member) {
      case "Conditions" -> conditions(n);
      case "Actions", "DefaultActions" -> actions(n);
      case "Certificates" -> certificates(n);
      default -> n;
    };
  }

  /** Rule conditions sorted by Field (stable), each condition's values sorted and cased as ALB matches them. */
  static ArrayNode conditions(JsonNode conditions) {
    List<JsonNode> list = new ArrayList<>();
    conditions.forEach(c -> list.add(condition(c)));
    list.sort(Comparator.comparing(c -> c.path("Field").asText()));
    ArrayNode out = JsonMatch.F.arrayNode();
    list.forEach(out::add);
    return out;
  }

  static JsonNode condition(JsonNode c) {
    if (!c.isObject()) {
      return c;
    }
    ObjectNode o = c.deepCopy();
    String field = o.path("Field").asText();
    boolean anyCase = field.equals("host-header") || field.equals("http-header") || field.equals("query-string");
    o.fields().forEachRemaining(e -> {
      if (e.getValue().isObject()) {
        ObjectNode cfg = (ObjectNode) e.getValue();
        for (String v : List.of("Values", "RegexValues")) {
          if (cfg.get(v) instanceof ArrayNode a) {
            cfg.set(v, sortedText(a, anyCase && !v.equals("RegexValues")));
          }
        }
        if (cfg.hasNonNull("HttpHeaderName")) {
          cfg.put("HttpHeaderName", cfg.get("HttpHeaderName").asText().toLowerCase(Locale.ROOT));
        }
      }
    });
    if (o.get("Values") instanceof ArrayNode a) {
      o.set("Values", sortedText(a, anyCase));
    }
    return o;
  }

  static ArrayNode sortedText(ArrayNode a, boolean lowerCase) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode x : a) {
      if (x.isTextual() && lowerCase) {
        items.add(new TextNode(x.asText().toLowerCase(Locale.ROOT)));
      } else if (x.isObject() && lowerCase) {
        ObjectNode kv = x.deepCopy();
        kv.fields().forEachRemaining(e -> {
          if (e.getValue().isTextual()) {
            kv.put(e.getKey(), e.getValue().asText().toLowerCase(Locale.ROOT));
          }
        });
        items.add(kv);
      } else {
        items.add(x);
      }
    }
    items.sort(Comparator.comparing(AwsEquivalence::key));
    ArrayNode out = JsonMatch.F.arrayNode();
    items.forEach(out::add);
    return out;
  }

  /** Actions in Order (index + 1 when absent), forwards in one shape with their target groups sorted. */
  static ArrayNode actions(JsonNode actions) {
    List<JsonNode> list = new ArrayList<>();
    List<Integer> orders = new ArrayList<>();
    int i = 0;
    for (JsonNode a : actions) {
      i++;
      int order = a.path("Order").isNumber() ? a.get("Order").asInt() : i;
      orders.add(order);
      JsonNode n = action(a);
      if (n.isObject() && !n.has("Order")) {
        // the SDK call carries index + 1; an emulator may not report it
        n = ((ObjectNode) n.deepCopy()).put("Order", order);
      }
      list.add(n);
    }
    List<Integer> idx = new ArrayList<>();
    for (int k = 0; k < list.size(); k++) {
      idx.add(k);
    }
    idx.sort(Comparator.comparingInt(orders::get));
    ArrayNode out = JsonMatch.F.arrayNode();
    idx.forEach(k -> out.add(list.get(k)));
    return out;
  }

  static JsonNode action(JsonNode a) {
    if (!a.isObject() || !"forward".equals(a.path("Type").asText())) {
      return a;
    }
    ObjectNode o = a.deepCopy();
    if (!o.has("ForwardConfig") && o.hasNonNull("TargetGroupArn")) {
      o.putObject("ForwardConfig").putArray("TargetGroups").addObject().set("TargetGroupArn", o.get("TargetGroupArn"));
    }
    if (o.has("ForwardConfig")) {
      // TargetGroupArn is the legacy form of a one-group forward: compared through ForwardConfig
      o.remove("TargetGroupArn");
    }
    JsonNode tgs = o.path("ForwardConfig").get("TargetGroups");
    if (tgs instanceof ArrayNode arr) {
      List<JsonNode> items = new ArrayList<>();
      arr.forEach(items::add);
      items.sort(Comparator.comparing(t -> key(t.get("TargetGroupArn"))));
      ArrayNode sorted = JsonMatch.F.arrayNode();
      items.forEach(sorted::add);
      ((ObjectNode) o.get("ForwardConfig")).set("TargetGroups", sorted);
    }
    return o;
  }

  /** Certificates sorted by ARN, without IsDefault. */
  static ArrayNode certificates(JsonNode certs) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode c : certs) {
      if (c.isObject()) {
        ObjectNode o = c.deepCopy();
        o.remove("IsDefault");
        items.add(o);
      } else {
        items.add(c);
      }
    }
    items.sort(Comparator.comparing(c -> key(c.get("CertificateArn"))));
    ArrayNode out = JsonMatch.F.arrayNode();
    items.forEach(out::add);
    return out;
  }

  /** An EC2 IP protocol in the form EC2 reports it: lower case, names for 6/17/1, -1 for all. */
  static String ipProtocol(String p) {
    String s = p == null ? "" : p.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      case "58" -> "icmpv6";
      case "all" -> "-1";
      default -> s;
    };
  }

  /**
   * The certificates an HTTPS listener gets through AddListenerCertificates: every certificate,
   * the default one included, as the reference controller adds them (its extra certificates are
   * all of the listener's).
   */
  static List<Map<String, Object>> listenerCertificates(
      List<Map<String, Object>> defaults, List<Map<String, Object>> others) {
    // an ARN, or a Ref to a certificate albc requests
    Map<Object, Map<String, Object>> byArn = new LinkedHashMap<>();
    for (List<Map<String, Object>> l : List.of(defaults == null ? List.<Map<String, Object>>of() : defaults,
        others == null ? List.<Map<String, Object>>of() : others)) {
      for (Map<String, Object> c : l) {
        byArn.putIfAbsent(c.get("CertificateArn"), Map.of("CertificateArn", c.get("CertificateArn")));
      }
    }
    return List.copyOf(byArn.values());
  }

  private static String key(JsonNode n) {
    return n == null ? "" : n.isValueNode() ? n.asText() : n.toString();
  }
}
