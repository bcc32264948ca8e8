package dev.albc.rules.lib;

import dev.albc.rules.lib.AwsLimits.AttributeType;
import dev.albc.rules.lib.AwsLimits.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks limits.drl names, against the table of {@link AwsLimits}: each returns why a value is
 * outside AWS's limits ("3 is out of range") or null when it is within them; the DRL pairs it with
 * the limit's {@code expected()} text, which names the AWS documentation page.
 */
public final class LimitChecks {
  private LimitChecks() {}

  private static final Pattern ASCII_INT = Pattern.compile("[+-]?[0-9]{1,18}");
  private static final Pattern IANA_SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");
  private static final Pattern METHOD = Pattern.compile("[A-Z_-]+");
  private static final Pattern HOST_CHARS = Pattern.compile("[A-Za-z0-9.*?-]+");
  private static final Pattern FIXED_RESPONSE_STATUS = Pattern.compile("[245][0-9][0-9]");
  private static final Pattern REDIRECT_PORT = Pattern.compile("#\\{port}|[0-9]{1,5}");

  /** Why an integer setting value is outside {@code l}, or null. Non-integers: null (parse reports those). */
  public static String outside(Object value, Limit l) {
    if (value instanceof Number n) {
      return l.contains(n.longValue()) ? null : n + " is out of range";
    }
    return null;
  }

  /** Why a text value is not an ASCII integer within {@code l}, or null. */
  public static String notIntIn(String raw, Limit l) {
    if (raw == null || !ASCII_INT.matcher(raw).matches()) {
      return Values.notAnInteger(raw);
    }
    long v = Long.parseLong(raw);
    return l.contains(v) ? null : v + " is out of range";
  }

  /** healthcheck-port: traffic-port, a port number 1–65535, or a Service port name. */
  public static String healthCheckPort(Object value) {
    String s = String.valueOf(value);
    if (s.equals(TargetGroups.TRAFFIC_PORT) || IANA_SERVICE_NAME.matcher(s).matches() && !s.matches("[0-9]+")) {
      return null;
    }
    if (s.matches("[0-9]+")) {
      return notIntIn(s, AwsLimits.PORT);
    }
    return "\"" + s + "\" is not traffic-port, a port number or a Service port name";
  }

  public static final String HEALTH_CHECK_PORT_EXPECTED =
      "traffic-port, a Service port name, or " + AwsLimits.PORT.expected();

  /** healthcheck-path: 1–1024 characters, starting with '/'. */
  public static String healthCheckPath(Object value) {
    String s = String.valueOf(value);
    if (!AwsLimits.HEALTH_CHECK_PATH_LENGTH.contains(s.length())) {
      return "the path is " + s.length() + " characters long";
    }
    return s.startsWith("/") ? null : "\"" + s + "\" does not start with /";
  }

  /** success-codes: codes and ranges (200,202 or 200-299) within {@code l}. */
  public static String successCodes(Object value, Limit l) {
    String s = String.valueOf(value);
    if (s.isEmpty()) {
      return "the value is empty";
    }
    for (String item : s.split(",", -1)) {
      String[] range = item.split("-", -1);
      if (range.length > 2) {
        return "\"" + item + "\" is not a code or a range low-high";
      }
      long lo = -1;
      for (String code : range) {
        if (!code.matches("[0-9]{1,9}")) {
          return "success code \"" + abbreviate(code) + "\" is not a number";
        }
        if (notIntIn(code, l) != null) {
          return "success code " + code + " is out of range";
        }
        long v = Long.parseLong(code);
        if (v < lo) {
          return "range \"" + item + "\" goes down";
        }
        lo = v;
      }
    }
    return null;
  }

  /** The success code range for a backend protocol version: gRPC codes for GRPC, else HTTP codes. */
  public static Limit successCodeLimit(Object protocolVersion) {
    return "GRPC".equals(protocolVersion) ? AwsLimits.GRPC_SUCCESS_CODE : AwsLimits.HTTP_SUCCESS_CODE;
  }

  /** Two integers, the first not less than the second (non-integers: false). */
  public static boolean notLess(Object a, Object b) {
    return a instanceof Number x && b instanceof Number y && x.longValue() >= y.longValue();
  }

  /** A non-empty list of CIDRs that are all IPv6. */
  public static boolean onlyIpv6(Object cidrs) {
    return cidrs instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(c -> String.valueOf(c).contains(":"));
  }

  public static String successCodesExpected(Limit l) {
    return "codes separated by commas, or a range low-high, each " + l.expected();
  }

  /** An attribute value against the type AWS documents for its key; unknown keys: null. */
  public static String attribute(Map<String, AttributeType> table, String key, Object value) {
    AttributeType t = table.get(key);
    String v = String.valueOf(value);
    if (t == null || t.words().contains(v) || t.range() == null && t.words().isEmpty()) {
      return null;
    }
    if (t.range() != null && v.matches("[0-9]+")) {
      return notIntIn(v, t.range());
    }
    return "\"" + abbreviate(v) + "\" is not " + (t.description() != null ? t.description() : "a value AWS accepts");
  }

  public static String attributeExpected(Map<String, AttributeType> table, String key) {
    AttributeType t = table.get(key);
    if (t == null) {
      return "a known attribute";
    }
    if (t.description() != null) {
      return t.description();
    }
    List<String> parts = new ArrayList<>(t.words());
    if (t.range() != null) {
      parts.add(t.range().expected());
    }
    return String.join(" or ", parts);
  }

  /** Why a tag key or value is outside AWS's lengths, or null. */
  public static String tag(String key, Object value) {
    if (!AwsLimits.TAG_KEY_LENGTH.contains(key.length())) {
      return "tag key \"" + abbreviate(key) + "\" is " + key.length() + " characters long; expected "
          + AwsLimits.TAG_KEY_LENGTH.characters();
    }
    String v = value == null ? "" : String.valueOf(value);
    if (!AwsLimits.TAG_VALUE_LENGTH.contains(v.length())) {
      return "the value of tag \"" + abbreviate(key) + "\" is " + v.length() + " characters long; expected "
          + AwsLimits.TAG_VALUE_LENGTH.characters();
    }
    return null;
  }

  /** Problems of one actions.&lt;name&gt; action against AWS's limits (ports, codes, weights, counts). */
  public static List<String> action(ActionsJson.ActionSpec a) {
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    if (a.redirect() != null) {
      ActionsJson.Redirect r = a.redirect();
      if (!AwsLimits.REDIRECT_STATUS_CODES.contains(r.statusCode())) {
        out.add("redirect statusCode \"" + r.statusCode() + "\" is not one of " + AwsLimits.REDIRECT_STATUS_CODES
            + " (AWS: " + AwsLimits.ACTIONS + ")");
      }
      if (r.port() != null && (!REDIRECT_PORT.matcher(r.port()).matches()
          || !r.port().startsWith("#") && !AwsLimits.PORT.contains(Long.parseLong(r.port())))) {
        out.add("redirect port \"" + abbreviate(r.port()) + "\" is not #{port} or " + AwsLimits.PORT.expected());
      }
      if (r.protocol() != null && !List.of("HTTP", "HTTPS", "#{protocol}").contains(r.protocol())) {
        out.add("redirect protocol \"" + abbreviate(r.protocol()) + "\" is not HTTP, HTTPS or #{protocol} (AWS: "
            + AwsLimits.ACTIONS + ")");
      }
      for (String part : new String[] {r.host(), r.path()}) {
        if (part != null && !AwsLimits.REDIRECT_PART_LENGTH.contains(part.length())) {
          out.add("redirect host or path \"" + abbreviate(part) + "\" is " + part.length() + " characters long; expected "
              + AwsLimits.REDIRECT_PART_LENGTH.characters());
        }
      }
    }
    if (a.fixedResponse() != null) {
      ActionsJson.FixedResponse f = a.fixedResponse();
      if (!FIXED_RESPONSE_STATUS.matcher(f.statusCode()).matches()) {
        out.add("fixed-response statusCode \"" + abbreviate(f.statusCode()) + "\" is not a 2XX, 4XX or 5XX code (AWS: "
            + AwsLimits.ACTIONS + ")");
      }
      if (f.contentType() != null && !AwsLimits.FIXED_RESPONSE_CONTENT_TYPES.contains(f.contentType())) {
        out.add("fixed-response contentType \"" + abbreviate(f.contentType()) + "\" is not one of "
            + AwsLimits.FIXED_RESPONSE_CONTENT_TYPES + " (AWS: " + AwsLimits.ACTIONS + ")");
      }
      if (f.messageBody() != null && !AwsLimits.FIXED_RESPONSE_BODY_LENGTH.contains(f.messageBody().length())) {
        out.add("fixed-response messageBody is " + f.messageBody().length() + " characters long; expected "
            + AwsLimits.FIXED_RESPONSE_BODY_LENGTH.characters());
      }
    }
    if (a.forward() != null) {
      var tgs = a.forward().targetGroups();
      if (tgs.size() > AwsLimits.TARGET_GROUPS_PER_ACTION.max()) {
        out.add("the forward has " + tgs.size() + " target groups; expected "
            + AwsLimits.TARGET_GROUPS_PER_ACTION.atMost());
      }
      for (ActionsJson.Tuple t : tgs) {
        if (t.weight() != null && !AwsLimits.WEIGHT.contains(t.weight())) {
          out.add("weight " + t.weight() + " is out of range; expected " + AwsLimits.WEIGHT.expected());
        }
        if (t.servicePort() != null && t.servicePort().matches("[+-]?[0-9]+")
            && notIntIn(t.servicePort(), AwsLimits.PORT) != null) {
          out.add("servicePort " + abbreviate(t.servicePort()) + " is out of range; expected " + AwsLimits.PORT.expected());
        }
      }
      var st = a.forward().stickiness();
      if (st != null && st.durationSeconds() != null && !AwsLimits.STICKINESS_DURATION.contains(st.durationSeconds())) {
        out.add("stickiness durationSeconds " + st.durationSeconds() + " is out of range; expected "
            + AwsLimits.STICKINESS_DURATION.expected());
      }
    }
    return out;
  }

  /** Problems of the values of conditions.&lt;name&gt; conditions: methods, CIDRs, hosts, paths. */
  public static List<String> conditions(List<ConditionsJson.ConditionSpec> conditions) {
    List<String> out = new ArrayList<>();
    for (ConditionsJson.ConditionSpec c : conditions) {
      String f = c.field() == null ? "" : c.field();
      for (String v : c.values()) {
        String p = switch (f) {
          case ConditionsJson.HTTP_REQUEST_METHOD -> method(v);
          case ConditionsJson.SOURCE_IP -> Cidrs.problem(v) == null ? null
              : "source-ip " + Cidrs.problem(v) + " (a CIDR such as 192.0.2.0/24; AWS: " + AwsLimits.CONDITIONS + ")";
          case ConditionsJson.HOST_HEADER -> host(v);
          case ConditionsJson.PATH_PATTERN -> pathPattern(v);
          default -> null;
        };
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** An http-request-method value: A–Z, '-' and '_', at most 40 characters. */
  public static String method(String v) {
    if (!METHOD.matcher(v).matches() || !AwsLimits.METHOD_LENGTH.contains(v.length())) {
      return "http-request-method \"" + abbreviate(v) + "\" is not a method name (A-Z, - and _, at most "
          + AwsLimits.METHOD_LENGTH.max() + " characters; AWS: " + AwsLimits.CONDITIONS + ")";
    }
    return null;
  }

  /** A host-header value: at most 128 characters of A–Z, a–z, 0–9, - . * ?. */
  public static String host(String v) {
    if (!AwsLimits.HOST_LENGTH.contains(v.length())) {
      return "host \"" + abbreviate(v) + "\" is " + v.length() + " characters long; expected "
          + AwsLimits.HOST_LENGTH.characters();
    }
    if (!HOST_CHARS.matcher(v).matches()) {
      return "host \"" + abbreviate(v) + "\" has characters other than A-Z, a-z, 0-9, - . * ? (AWS: "
          + AwsLimits.CONDITIONS + ")";
    }
    return null;
  }

  /** A path-pattern value: at most 128 characters. */
  public static String pathPattern(String v) {
    if (!AwsLimits.PATH_PATTERN_LENGTH.contains(v.length())) {
      return "path pattern \"" + abbreviate(v) + "\" is " + v.length() + " characters long; expected "
          + AwsLimits.PATH_PATTERN_LENGTH.characters();
    }
    return null;
  }

  /**
   * Problems of one assembled listener rule against AWS's per-rule limits: condition values (5),
   * values with wildcards (5; a value with * or ? counts once), and each host and path pattern.
   */
  public static List<String> rule(dev.albc.intents.ListenerRuleIntent r) {
    List<String> out = new ArrayList<>();
    int values = 0;
    int wildcards = 0;
    for (dev.albc.intents.RuleCondition c : r.conditions()) {
      List<String> plain = new ArrayList<>();
      int regex = 0;
      if (c.hostHeaderConfig() != null) {
        plain.addAll(nonNull(c.hostHeaderConfig().values()));
        regex += nonNull(c.hostHeaderConfig().regexValues()).size();
        for (String h : nonNull(c.hostHeaderConfig().values())) {
          addIfProblem(out, host(h));
        }
      }
      if (c.pathPatternConfig() != null) {
        plain.addAll(nonNull(c.pathPatternConfig().values()));
        regex += nonNull(c.pathPatternConfig().regexValues()).size();
        for (String p : nonNull(c.pathPatternConfig().values())) {
          addIfProblem(out, pathPattern(p));
        }
      }
      if (c.httpHeaderConfig() != null) {
        plain.addAll(nonNull(c.httpHeaderConfig().values()));
        regex += nonNull(c.httpHeaderConfig().regexValues()).size();
      }
      if (c.httpRequestMethodConfig() != null) {
        values += nonNull(c.httpRequestMethodConfig().values()).size();
      }
      if (c.sourceIpConfig() != null) {
        values += nonNull(c.sourceIpConfig().values()).size();
      }
      if (c.queryStringConfig() != null) {
        for (Map<String, String> kv : nonNull(c.queryStringConfig().values())) {
          values++;
          if (kv.values().stream().anyMatch(v -> v != null && (v.contains("*") || v.contains("?")))) {
            wildcards++;
          }
        }
      }
      values += plain.size() + regex;
      wildcards += (int) plain.stream().filter(v -> v.contains("*") || v.contains("?")).count();
    }
    if (values > AwsLimits.CONDITION_VALUES_PER_RULE.max()) {
      out.add("the rule has " + values + " condition values; expected "
          + AwsLimits.CONDITION_VALUES_PER_RULE.atMost());
    }
    if (wildcards > AwsLimits.CONDITION_WILDCARDS_PER_RULE.max()) {
      out.add("the rule has " + wildcards + " condition values with wildcards; expected "
          + AwsLimits.CONDITION_WILDCARDS_PER_RULE.atMost());
    }
    return out;
  }

  private static <T> List<T> nonNull(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static void addIfProblem(List<String> out, String p) {
    if (p != null) {
      out.add(p);
    }
  }

  /** At most 40 characters of a value in a message, so a 1 MB value does not make a 1 MB message. */
  public static String abbreviate(String s) {
    return s == null || s.length() <= 40 ? s : s.substring(0, 37) + "…";
  }
}
