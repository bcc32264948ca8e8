package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON of {@code alb.ingress.kubernetes.io/actions.<name>} ({@link ConditionsJson} reads
 * {@code conditions.<name>} the same way), read
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

  private ActionsJson() {}

  /**
   * One forward target: a target group ARN, a target group name (resolved to its ARN by a look-up,
   * {@link Backends#fromAnnotation}), or a Service of the Ingress's namespace and its port (the name,
   * or the number as a string).
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
   * targetGroupARN} or {@code targetGroupName}) is normalised to a forward config with one tuple, as the reference does.
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
      String type = GoJson.str(n, "type", "");
      String arn = GoJson.str(n, "targetGroupARN", "");
      String tgName = GoJson.str(n, "targetGroupName", "");
      JsonNode fc = GoJson.obj(n, "forwardConfig", "");
      JsonNode rc = GoJson.obj(n, "redirectConfig", "");
      JsonNode frc = GoJson.obj(n, "fixedResponseConfig", "");
      String t = type == null ? "" : type;
      switch (t) {
        case FIXED_RESPONSE -> {
          if (frc == null) {
            return Parsed.fail("missing FixedResponseConfig", ACTION_EXPECTED);
          }
          FixedResponse f =
              new FixedResponse(
                  GoJson.str(frc, "contentType", "fixedResponseConfig."),
                  GoJson.str(frc, "messageBody", "fixedResponseConfig."),
                  GoJson.str(frc, "statusCode", "fixedResponseConfig."));
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
                  GoJson.str(rc, "host", "redirectConfig."),
                  GoJson.str(rc, "path", "redirectConfig."),
                  GoJson.str(rc, "port", "redirectConfig."),
                  GoJson.str(rc, "protocol", "redirectConfig."),
                  GoJson.str(rc, "query", "redirectConfig."),
                  GoJson.str(rc, "statusCode", "redirectConfig."));
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
          return Parsed.of(new ActionSpec(FORWARD, f, null, null));
        }
        default -> {
          return Parsed.fail("unknown action type: " + t, ACTION_EXPECTED);
        }
      }
    } catch (GoJson.BadJson e) {
      return Parsed.fail("invalid JSON: " + e.getMessage(), ACTION_EXPECTED);
    }
  }

  private static Forward forwardConfig(JsonNode fc) throws GoJson.BadJson {
    List<Tuple> tuples = new ArrayList<>();
    JsonNode tgs = GoJson.get(fc, "targetGroups");
    if (tgs != null) {
      if (!tgs.isArray()) {
        throw new GoJson.BadJson("forwardConfig.targetGroups must be an array");
      }
      int i = 0;
      for (JsonNode tn : tgs) {
        String p = "forwardConfig.targetGroups[" + i++ + "].";
        if (tn.isNull()) {
          tuples.add(new Tuple(null, null, null, null, null));
          continue;
        }
        if (!tn.isObject()) {
          throw new GoJson.BadJson(p.substring(0, p.length() - 1) + " must be an object");
        }
        tuples.add(
            new Tuple(
                GoJson.str(tn, "targetGroupARN", p),
                GoJson.str(tn, "targetGroupName", p),
                GoJson.str(tn, "serviceName", p),
                GoJson.intOrString(tn, "servicePort", p),
                GoJson.int32(tn, "weight", p)));
      }
    }
    Stickiness st = null;
    JsonNode sn = GoJson.obj(fc, "targetGroupStickinessConfig", "forwardConfig.");
    if (sn != null) {
      st =
          new Stickiness(
              GoJson.bool(sn, "enabled", "forwardConfig.targetGroupStickinessConfig."),
              GoJson.int32(sn, "durationSeconds", "forwardConfig.targetGroupStickinessConfig."));
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
}
