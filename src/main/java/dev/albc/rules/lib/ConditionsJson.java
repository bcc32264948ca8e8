package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.rules.lib.ActionsJson.Parsed;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of {@code alb.ingress.kubernetes.io/conditions.<name>}, read as {@link ActionsJson}
 * reads actions (Go encoding/json semantics, {@link GoJson}); validation and its messages follow
 * the reference controller.
 */
public final class ConditionsJson {
  public static final String HOST_HEADER = "host-header";
  public static final String PATH_PATTERN = "path-pattern";
  public static final String HTTP_HEADER = "http-header";
  public static final String HTTP_REQUEST_METHOD = "http-request-method";
  public static final String QUERY_STRING = "query-string";
  public static final String SOURCE_IP = "source-ip";

  private ConditionsJson() {}

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

  static final String CONDITIONS_EXPECTED =
      "a JSON array of conditions, e.g. [{\"field\":\"http-header\",\"httpHeaderConfig\":"
          + "{\"httpHeaderName\":\"X-Env\",\"values\":[\"canary\"]}}]";

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
          throw new GoJson.BadJson(p.substring(0, p.length() - 1) + " must be an object");
        }
        String field = GoJson.str(c, "field", p);
        field = field == null ? "" : field;
        ConditionSpec spec;
        String invalid;
        switch (field) {
          case HOST_HEADER -> {
            JsonNode cfg = GoJson.obj(c, "hostHeaderConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing hostHeaderConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, GoJson.strings(cfg, "values", p), GoJson.strings(cfg, "regexValues", p), null);
            invalid = exactlyOne(spec, "hostHeaderConfig");
          }
          case PATH_PATTERN -> {
            JsonNode cfg = GoJson.obj(c, "pathPatternConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing pathPatternConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, GoJson.strings(cfg, "values", p), GoJson.strings(cfg, "regexValues", p), null);
            invalid = exactlyOne(spec, "pathPatternConfig");
          }
          case HTTP_HEADER -> {
            JsonNode cfg = GoJson.obj(c, "httpHeaderConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing httpHeaderConfig", CONDITIONS_EXPECTED);
            }
            String name = GoJson.str(cfg, "httpHeaderName", p + "httpHeaderConfig.");
            spec =
                new ConditionSpec(
                    field, name == null ? "" : name, GoJson.strings(cfg, "values", p), GoJson.strings(cfg, "regexValues", p), null);
            invalid = exactlyOne(spec, "httpHeaderConfig");
          }
          case HTTP_REQUEST_METHOD -> {
            JsonNode cfg = GoJson.obj(c, "httpRequestMethodConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing httpRequestMethodConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, GoJson.strings(cfg, "values", p), null, null);
            invalid = spec.values().isEmpty() ? "invalid httpRequestMethodConfig: values cannot be empty" : null;
          }
          case SOURCE_IP -> {
            JsonNode cfg = GoJson.obj(c, "sourceIPConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing sourceIPConfig", CONDITIONS_EXPECTED);
            }
            spec = new ConditionSpec(field, null, GoJson.strings(cfg, "values", p), null, null);
            invalid = spec.values().isEmpty() ? "invalid sourceIPConfig: values cannot be empty" : null;
          }
          case QUERY_STRING -> {
            JsonNode cfg = GoJson.obj(c, "queryStringConfig", p);
            if (cfg == null) {
              return Parsed.fail("missing queryStringConfig", CONDITIONS_EXPECTED);
            }
            List<QueryPair> pairs = new ArrayList<>();
            JsonNode vs = GoJson.get(cfg, "values");
            if (vs != null) {
              if (!vs.isArray()) {
                throw new GoJson.BadJson(p + "queryStringConfig.values must be an array");
              }
              int j = 0;
              for (JsonNode v : vs) {
                String vp = p + "queryStringConfig.values[" + j++ + "].";
                if (v.isNull()) {
                  pairs.add(new QueryPair(null, ""));
                  continue;
                }
                if (!v.isObject()) {
                  throw new GoJson.BadJson(vp.substring(0, vp.length() - 1) + " must be an object");
                }
                String value = GoJson.str(v, "value", vp);
                pairs.add(new QueryPair(GoJson.str(v, "key", vp), value == null ? "" : value));
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
    } catch (GoJson.BadJson e) {
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
}
