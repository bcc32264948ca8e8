package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of {@code alb.ingress.kubernetes.io/actions.<name>} and {@code conditions.<name>}, read
 * as the reference controller (Go encoding/json) reads it: keys match case-insensitively (the last
 * matching key wins), unknown keys are ignored, {@code null} is "not set", a value of the wrong JSON
 * type is an error, and {@code servicePort} is an IntOrString whose all-digit strings become
 * numbers ({@code "80"} → 80). Validation and its messages follow the reference (pkg/ingress
 * config_types.go).
 */
public final class ActionsJson {
  public static final String FORWARD = "forward";
  public static final String REDIRECT = "redirect";
  public static final String FIXED_RESPONSE = "fixed-response";

  public static final String HOST_HEADER = "host-header";
  public static final String PATH_PATTERN = "path-pattern";
  public static final String HTTP_HEADER = "http-header";
  public static final String HTTP_REQUEST_METHOD = "http-request-method";
  public static final String QUERY_STRING = "query-string";
  public static final String SOURCE_IP = "source-ip";

  /** The offline error for {@code targetGroupName}: resolving a name needs DescribeTargetGroups. */
  public static final String TARGET_GROUP_NAME_OFFLINE =
      "targetGroupName needs the live AWS account; not supported offline yet";

  private ActionsJson() {}

  /**
   * One forward target: a target group ARN, or a Service of the Ingress's namespace and its port
   * (the name, or the number as a string).
   */
  public record Tuple(
      String targetGroupArn, String targetGroupName, String serviceName, String servicePort, Integer weight) {}

  public record Stickiness(Boolean enabled, Integer durationSeconds) {}

  public record Forward(List<Tuple> targetGroups, Stickiness stickiness) {
    public Forward {
      targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
    }
  }

  public record Redirect(
      String host, String path, String port, String protocol, String query, String statusCode) {}

  public record FixedResponse(String contentType, String messageBody, String statusCode) {}

  /**
   * A parsed and validated {@code actions.<name>} value. A simplified forward ({@code
   * targetGroupARN}) is normalised to a forward config with one tuple, as the reference does.
   */
  public record ActionSpec(String type, Forward forward, Redirect redirect, FixedResponse fixedResponse) {
    /** The Services its forward tuples name, in order, without duplicates. */
    public List<String> serviceNames() {
      Set<String> out = new LinkedHashSet<>();
      if (forward != null) {
        for (Tuple t : forward.targetGroups()) {
          if (t.serviceName() != null) {
            out.add(t.serviceName());
          }
        }
      }
      return List.copyOf(out);
    }
  }

  public record QueryPair(String key, String value) {}

  /**
   * One parsed {@code conditions.<name>} entry. {@code values}/{@code regexValues} hold the values
   * of the field's config (host names, path patterns, header values, methods, CIDRs); {@code
   * queryValues} those of a query-string condition.
   */
  public record ConditionSpec(
      String field,
      String httpHeaderName,
      List<String> values,
      List<String> regexValues,
      List<QueryPair> queryValues) {
    public ConditionSpec {
      values = values == null ? List.of() : List.copyOf(values);
      regexValues = regexValues == null ? List.of() : List.copyOf(regexValues);
      queryValues = queryValues == null ? List.of() : List.copyOf(queryValues);
    }

    public boolean knownField() {
      return switch (field == null ? "" : field) {
        case HOST_HEADER, PATH_PATTERN, HTTP_HEADER, HTTP_REQUEST_METHOD, QUERY_STRING, SOURCE_IP -> true;
        default -> false;
      };
    }
  }

  /** A parse result: the value, or what is wrong and what was expected. */
  public record Parsed<T>(T value, String error, String expected) {
    public boolean ok() {
      return error == null;
    }

    static <T> Parsed<T> of(T v) {
      return new Parsed<>(v, null, null);
    }

    static <T> Parsed<T> fail(String error, String expected) {
      return new Parsed<>(null, error, expected);
    }
  }

  static final String ACTION_EXPECTED =
      "an action: {\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":…,\"servicePort\":…}]}},"
          + " {\"type\":\"forward\",\"targetGroupARN\":…}, {\"type\":\"redirect\",\"redirectConfig\":{…,\"statusCode\":…}}"
          + " or {\"type\":\"fixed-response\",\"fixedResponseConfig\":{…,\"statusCode\":…}}";

  static final String CONDITIONS_EXPECTED =
      "a JSON array of conditions, e.g. [{\"field\":\"http-header\",\"httpHeaderConfig\":"
          + "{\"httpHeaderName\":\"X-Env\",\"values\":[\"canary\"]}}]";

  /** Parses and validates an {@code actions.<name>} annotation value. */
  public static Parsed<ActionSpec> action(String raw) {
    Values.Result json = Values.json(raw);
    if (!json.ok()) {
      return Parsed.fail(json.error(), ACTION_EXPECTED);
    }
    try {
      JsonNode n = (JsonNode) json.value();
      if (!n.isObject()) {
        return Parsed.fail("the action must be a JSON object", ACTION_EXPECTED);
      }
      String type = str(n, "type", "");
      String arn = str(n, "targetGroupARN", "");
      String tgName = str(n, "targetGroupName", "");
      JsonNode fc = obj(n, "forwardConfig", "");
      JsonNode rc = obj(n, "redirectConfig", "");
      JsonNode frc = obj(n, "fixedResponseConfig", "");
      String t = type == null ? "" : type;
      switch (t) {
        case FIXED_RESPONSE -> {
          if (frc == null) {
            return Parsed.fail("missing FixedResponseConfig", ACTION_EXPECTED);
          }
          FixedResponse f =
              new FixedResponse(
                  str(frc, "contentType", "fixedResponseConfig."),
                  str(frc, "messageBody", "fixedResponseConfig."),
                  str(frc, "statusCode", "fixedResponseConfig."));
          if (f.statusCode() == null || f.statusCode().isEmpty()) {
            return Parsed.fail("invalid FixedResponseConfig: statusCode is required", ACTION_EXPECTED);
          }
          return Parsed.of(new ActionSpec(FIXED_RESPONSE, null, null, f));
        }
        case REDIRECT -> {
          if (rc == null) {
            return Parsed.fail("missing RedirectConfig", ACTION_EXPECTED);
          }
          Redirect r =
              new Redirect(
                  str(rc, "host", "redirectConfig."),
                  str(rc, "path", "redirectConfig."),
                  str(rc, "port", "redirectConfig."),
                  str(rc, "protocol", "redirectConfig."),
                  str(rc, "query", "redirectConfig."),
                  str(rc, "statusCode", "redirectConfig."));
          if (r.statusCode() == null || r.statusCode().isEmpty()) {
            return Parsed.fail("invalid RedirectConfig: statusCode is required", ACTION_EXPECTED);
          }
          return Parsed.of(new ActionSpec(REDIRECT, null, r, null));
        }
        case FORWARD -> {
          if (arn == null && tgName == null && fc == null) {
            return Parsed.fail("missing ForwardConfig or TargetGroupARN/TargetGroupName", ACTION_EXPECTED);
          }
          if ((arn != null || tgName != null) && fc != null) {
            return Parsed.fail(
                "either ForwardConfig or TargetGroupARN/TargetGroupName can be specified", ACTION_EXPECTED);
          }
          Forward f;
          if (fc != null) {
            f = forwardConfig(fc);
            String invalid = validate(f);
            if (invalid != null) {
              return Parsed.fail(invalid, ACTION_EXPECTED);
            }
          } else {
            f = new Forward(List.of(new Tuple(arn, tgName, null, null, null)), null);
          }
          for (Tuple tu : f.targetGroups()) {
            if (tu.targetGroupName() != null && tu.targetGroupArn() == null) {
              return Parsed.fail(TARGET_GROUP_NAME_OFFLINE, "use targetGroupARN (the target group's ARN) instead");
            }
          }
          return Parsed.of(new ActionSpec(FORWARD, f, null, null));
        }
        default -> {
          return Parsed.fail("unknown action type: " + t, ACTION_EXPECTED);
        }
      }
    } catch (BadJson e) {
      return Parsed.fail("invalid JSON: " + e.getMessage(), ACTION_EXPECTED);
    }
  }

  private static Forward forwardConfig(JsonNode fc) throws BadJson {
    List<Tuple> tuples = new ArrayList<>();
    JsonNode tgs = get(fc, "targetGroups");
    if (tgs != null) {
      if (!tgs.isArray()) {
        throw new BadJson("forwardConfig.targetGroups must be an array");
      }
      int i = 0;
      for (JsonNode tn : tgs) {
        String p = "forwardConfig.targetGroups[" + i++ + "].";
        if (tn.isNull()) {
          tuples.add(new Tuple(null, null, null, null, null));
          continue;
        }
        if (!tn.isObject()) {
          throw new BadJson(p.substring(0, p.length() - 1) + " must be an object");
        }
        tuples.add(
            new Tuple(
                str(tn, "targetGroupARN", p),
                str(tn, "targetGroupName", p),
                str(tn, "serviceName", p),
                intOrString(tn, "servicePort", p),
                int32(tn, "weight", p)));
      }
    }
    Stickiness st = null;
    JsonNode sn = obj(fc, "targetGroupStickinessConfig", "forwardConfig.");
    if (sn != null) {
      st =
          new Stickiness(
              bool(sn, "enabled", "forwardConfig.targetGroupStickinessConfig."),
              int32(sn, "durationSeconds", "forwardConfig.targetGroupStickinessConfig."));
    }
    return new Forward(tuples, st);
  }

  private static String validate(Forward f) {
    for (Tuple t : f.targetGroups()) {
      String prefix = "invalid ForwardConfig: invalid TargetGroupTuple: ";
      if (t.targetGroupArn() == null && t.targetGroupName() == null && t.serviceName() == null) {
        return prefix + "missing serviceName or targetGroupARN/targetGroupName";
      }
      if ((t.targetGroupArn() != null || t.targetGroupName() != null) && t.serviceName() != null) {
        return prefix + "either serviceName or targetGroupARN/targetGroupName can be specified";
      }
      if (t.serviceName() != null && t.servicePort() == null) {
        return prefix + "missing servicePort";
      }
    }
    if (f.targetGroups().size() > 1) {
      for (Tuple t : f.targetGroups()) {
        if (t.weight() == null) {
          return "invalid ForwardConfig: weight must be set when route to multiple target groups";
        }
      }
    }
    if (f.targetGroups().isEmpty()) {
      // Not checked by the reference (AWS refuses the rule at deploy time); refused here so an
      // offline plan never carries a forward without target groups.
      return "invalid ForwardConfig: targetGroups cannot be empty";
    }
    return null;
  }

  /** Parses and validates a {@code conditions.<name>} annotation value. */
  public static Parsed<List<ConditionSpec>> conditions(String raw) {
    Values.Result json = Values.json(raw);
    if (!json.ok()) {
      return Parsed.fail(json.error(), CONDITIONS_EXPECTED);
    }
    JsonNode n = (JsonNode) json.value();
    if (n.isNull()) {
      return Parsed.of(List.of());
    }
    if (!n.isArray()) {
      return Parsed.fail("the conditions must be a JSON array", CONDITIONS_EXPECTED);
    }
    List<ConditionSpec> out = new ArrayList<>();
    try {
      int i = 0;
      for (JsonNode c : n) {
        String p = "[" + i++ + "].";
        if (c.isNull()) {
          out.add(new ConditionSpec("", null, null, null, null));
          continue;
        }
        if (!c.isObject()) {
          throw new BadJson(p.substring(0, p.length() - 1) + " must be an object");
        }
        String field = str(c, "field", p);
        field = field == null ? "" : field;
        ConditionSpec spec;
        String invalid;
        switch (field) {
          case HOST_HEADER -> {
            JsonNode cfg = obj(c, "hostHeaderConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing hostHeaderConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, strings(cfg, "values", p), strings(cfg, "regexValues", p), null);
            invalid = exactlyOne(spec, "hostHeaderConfig");
          }
          case PATH_PATTERN -> {
            JsonNode cfg = obj(c, "pathPatternConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing pathPatternConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, strings(cfg, "values", p), strings(cfg, "regexValues", p), null);
            invalid = exactlyOne(spec, "pathPatternConfig");
          }
          case HTTP_HEADER -> {
            JsonNode cfg = obj(c, "httpHeaderConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing httpHeaderConfig", CONDITIONS_EXPECTED);
            }
            String name = str(cfg, "httpHeaderName", p + "httpHeaderConfig.");
            spec =
                new ConditionSpec(
                    field, name == null ? "" : name, strings(cfg, "values", p), strings(cfg, "regexValues", p), null);
            invalid = exactlyOne(spec, "httpHeaderConfig");
          }
          case HTTP_REQUEST_METHOD -> {
            JsonNode cfg = obj(c, "httpRequestMethodConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing httpRequestMethodConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, strings(cfg, "values", p), null, null);
            invalid = spec.values().isEmpty() ? "invalid httpRequestMethodConfig: values cannot be empty" : null;
          }
          case SOURCE_IP -> {
            JsonNode cfg = obj(c, "sourceIPConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing sourceIPConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, strings(cfg, "values", p), null, null);
            invalid = spec.values().isEmpty() ? "invalid sourceIPConfig: values cannot be empty" : null;
          }
          case QUERY_STRING -> {
            JsonNode cfg = obj(c, "queryStringConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing queryStringConfig", CONDITIONS_EXPECTED);
            }
            List<QueryPair> pairs = new ArrayList<>();
            JsonNode vs = get(cfg, "values");
            if (vs != null) {
              if (!vs.isArray()) {
                throw new BadJson(p + "queryStringConfig.values must be an array");
              }
              int j = 0;
              for (JsonNode v : vs) {
                String vp = p + "queryStringConfig.values[" + j++ + "].";
                if (v.isNull()) {
                  pairs.add(new QueryPair(null, ""));
                  continue;
                }
                if (!v.isObject()) {
                  throw new BadJson(vp.substring(0, vp.length() - 1) + " must be an object");
                }
                String value = str(v, "value", vp);
                pairs.add(new QueryPair(str(v, "key", vp), value == null ? "" : value));
              }
            }
            spec = new ConditionSpec(field, null, null, null, pairs);
            invalid = null;
            if (pairs.isEmpty()) {
              invalid = "invalid queryStringConfig: Values cannot be empty";
            } else {
              for (QueryPair qp : pairs) {
                if (qp.value().isEmpty()) {
                  invalid = "invalid queryStringConfig: value cannot be empty";
                  break;
                }
              }
            }
          }
          default -> {
            // The reference neither validates nor uses conditions of other fields.
            spec = new ConditionSpec(field, null, null, null, null);
            invalid = null;
          }
        }
        if (invalid != null) {
          return Parsed.fail(invalid, CONDITIONS_EXPECTED);
        }
        out.add(spec);
      }
    } catch (BadJson e) {
      return Parsed.fail("invalid JSON: " + e.getMessage(), CONDITIONS_EXPECTED);
    }
    return Parsed.of(List.copyOf(out));
  }

  private static String exactlyOne(ConditionSpec s, String config) {
    if (s.values().isEmpty() && s.regexValues().isEmpty()) {
      return "invalid " + config + ": values or regexValues must be specified";
    }
    if (!s.values().isEmpty() && !s.regexValues().isEmpty()) {
      return "invalid " + config + ": precisely one of values and regexValues can be specified";
    }
    return null;
  }

  /**
   * IntOrString as Kubernetes parses it from a string: all-digit strings are numbers. Returns the
   * canonical text ("80" for 80 and "080"), or the string itself for a name.
   */
  public static String normalisePort(String s) {
    if (s != null && s.matches("[+-]?\\d{1,10}")) {
      try {
        return String.valueOf(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        return s;
      }
    }
    return s;
  }

  // ---- case-insensitive, type-checked reading (Go encoding/json semantics) ----

  static final class BadJson extends Exception {
    BadJson(String m) {
      super(m);
    }
  }

  /** The value of the last key matching {@code name} case-insensitively; null when absent or null. */
  static JsonNode get(JsonNode obj, String name) {
    JsonNode found = null;
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        found = e.getValue();
      }
    }
    return found == null || found.isNull() ? null : found;
  }

  private static String str(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new BadJson(path + name + " must be a string");
    }
    return n.textValue();
  }

  private static JsonNode obj(JsonNode parent, String name, String path) throws BadJson {
    JsonNode n = get(parent, name);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw new BadJson(path + name + " must be an object");
    }
    return n;
  }

  private static Integer int32(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new BadJson(path + name + " must be an integer");
    }
    return n.intValue();
  }

  private static Boolean bool(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isBoolean()) {
      throw new BadJson(path + name + " must be true or false");
    }
    return n.booleanValue();
  }

  private static String intOrString(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return String.valueOf(n.intValue());
    }
    if (n.isTextual()) {
      return normalisePort(n.textValue());
    }
    throw new BadJson(path + name + " must be a port number or name");
  }

  private static List<String> strings(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new BadJson(path + name + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (e.isNull()) {
        out.add("");
      } else if (e.isTextual()) {
        out.add(e.textValue());
      } else {
        throw new BadJson(path + name + " must be an array of strings");
      }
    }
    return out;
  }
}
