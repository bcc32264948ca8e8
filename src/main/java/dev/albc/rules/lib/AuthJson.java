package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.intents.Action;
import dev.albc.intents.RuleTransform;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON annotations of authentication and rule transforms, read as the reference (Go
 * encoding/json) reads them ({@link GoJson}: case-insensitive keys, unknown keys ignored) and
 * validated with its messages (pkg/ingress config_types.go, enhanced_backend_builder.go):
 * {@code auth-idp-cognito}, {@code auth-idp-oidc}, {@code jwt-validation}, {@code transforms.<name>}.
 */
public final class AuthJson {
  private AuthJson() {}

  /** {@code auth-idp-cognito}: {@code {"userPoolARN","userPoolClientID","userPoolDomain","authenticationRequestExtraParams"}}. */
  public record CognitoIdp(String userPoolArn, String userPoolClientId, String userPoolDomain, Map<String, String> extraParams) {}

  /** {@code auth-idp-oidc}: the endpoints and the Secret holding clientID and clientSecret. */
  public record OidcIdp(String issuer, String authorizationEndpoint, String tokenEndpoint, String userInfoEndpoint,
      String secretName, Map<String, String> extraParams) {}

  public static Values.Result cognito(String raw) {
    String expected = "JSON {\"userPoolARN\", \"userPoolClientID\", \"userPoolDomain\", \"authenticationRequestExtraParams\": {}}";
    return object(raw, expected, n -> new CognitoIdp(GoJson.str(n, "userPoolARN", ""), GoJson.str(n, "userPoolClientID", ""),
        GoJson.str(n, "userPoolDomain", ""), stringMap(n, "authenticationRequestExtraParams")));
  }

  public static Values.Result oidc(String raw) {
    String expected = "JSON {\"issuer\", \"authorizationEndpoint\", \"tokenEndpoint\", \"userInfoEndpoint\", \"secretName\", "
        + "\"authenticationRequestExtraParams\": {}}";
    return object(raw, expected, n -> new OidcIdp(GoJson.str(n, "issuer", ""), GoJson.str(n, "authorizationEndpoint", ""),
        GoJson.str(n, "tokenEndpoint", ""), GoJson.str(n, "userInfoEndpoint", ""), GoJson.str(n, "secretName", ""),
        stringMap(n, "authenticationRequestExtraParams")));
  }

  /**
   * {@code jwt-validation}: {@code {"jwksEndpoint","issuer","additionalClaims":[{"name","format","values"}]}};
   * jwksEndpoint and issuer are required, every claim needs a format, a name and values.
   */
  public static Values.Result jwtValidation(String raw) {
    String expected = "JSON {\"jwksEndpoint\", \"issuer\", \"additionalClaims\": [{\"name\", \"format\", \"values\": []}]}";
    Values.Result r = object(raw, expected, n -> {
      List<Action.JwtClaim> claims = new ArrayList<>();
      JsonNode cs = GoJson.get(n, "additionalClaims");
      if (cs != null && !cs.isArray()) {
        throw new GoJson.BadJson("additionalClaims must be an array");
      }
      if (cs != null) {
        for (JsonNode c : cs) {
          if (!c.isObject()) {
            throw new GoJson.BadJson("additionalClaims must hold objects");
          }
          String format = GoJson.str(c, "format", "additionalClaims[].");
          String name = GoJson.str(c, "name", "additionalClaims[].");
          List<String> values = GoJson.strings(c, "values", "additionalClaims[].");
          if (format == null || format.isEmpty()) {
            throw new GoJson.BadJson("format is a required field for additional claims for jwt validation");
          }
          if (name == null || name.isEmpty()) {
            throw new GoJson.BadJson("name is a required field for additional claims for jwt validation");
          }
          if (values.isEmpty()) {
            throw new GoJson.BadJson("values must not be empty for additional claims for jwt validation");
          }
          claims.add(new Action.JwtClaim(format, name, List.copyOf(values)));
        }
      }
      String jwks = GoJson.str(n, "jwksEndpoint", "");
      String issuer = GoJson.str(n, "issuer", "");
      if (jwks == null || jwks.isEmpty()) {
        throw new GoJson.BadJson("jwksEndpoint is a required field for jwt validation");
      }
      if (issuer == null || issuer.isEmpty()) {
        throw new GoJson.BadJson("issuer is a required field for jwt validation");
      }
      return new Action.JwtValidationConfig(jwks, issuer, claims.isEmpty() ? null : List.copyOf(claims));
    });
    return r;
  }

  /**
   * {@code transforms.<name>}: a JSON array of {@code {"type": "url-rewrite", "urlRewriteConfig":
   * {"rewrites": [{"regex", "replace"}]}}} or {@code host-header-rewrite} with
   * {@code hostHeaderRewriteConfig}; empty rewrites and unknown types are errors.
   */
  public static Values.Result transforms(String raw) {
    String expected = "a JSON array of {\"type\": \"url-rewrite\" | \"host-header-rewrite\", "
        + "\"urlRewriteConfig\" | \"hostHeaderRewriteConfig\": {\"rewrites\": [{\"regex\", \"replace\"}]}}";
    Values.Result j = Values.json(raw);
    if (!j.ok()) {
      return new Values.Result(null, j.error(), expected);
    }
    JsonNode n = (JsonNode) j.value();
    if (n.isNull()) {
      return new Values.Result(List.of(), null, null);
    }
    if (!n.isArray()) {
      return new Values.Result(null, "not a JSON array", expected);
    }
    List<RuleTransform> out = new ArrayList<>();
    try {
      for (JsonNode t : n) {
        if (!t.isObject()) {
          throw new GoJson.BadJson("each transform must be an object");
        }
        String type = GoJson.str(t, "type", "");
        switch (type == null ? "" : type) {
          case RuleTransform.HOST_HEADER_REWRITE -> out.add(new RuleTransform(type,
              rewrites(t, "hostHeaderRewriteConfig"), null));
          case RuleTransform.URL_REWRITE -> out.add(new RuleTransform(type, null, rewrites(t, "urlRewriteConfig")));
          default -> throw new GoJson.BadJson("unknown transform type: " + (type == null ? "" : type));
        }
      }
    } catch (GoJson.BadJson e) {
      return new Values.Result(null, e.getMessage(), expected);
    }
    return new Values.Result(List.copyOf(out), null, null);
  }

  private static RuleTransform.Rewrites rewrites(JsonNode t, String member) throws GoJson.BadJson {
    JsonNode cfg = GoJson.obj(t, member, "");
    if (cfg == null) {
      throw new GoJson.BadJson("missing " + member);
    }
    JsonNode rs = GoJson.get(cfg, "rewrites");
    if (rs == null || (rs.isArray() && rs.isEmpty())) {
      throw new GoJson.BadJson(member + ".rewrites cannot be empty");
    }
    if (!rs.isArray()) {
      throw new GoJson.BadJson(member + ".rewrites must be an array");
    }
    List<RuleTransform.Rewrite> out = new ArrayList<>();
    for (JsonNode r : rs) {
      if (!r.isObject()) {
        throw new GoJson.BadJson(member + ".rewrites must hold objects");
      }
      String regex = GoJson.str(r, "regex", member + ".rewrites[].");
      String replace = GoJson.str(r, "replace", member + ".rewrites[].");
      out.add(new RuleTransform.Rewrite(regex == null ? "" : regex, replace == null ? "" : replace));
    }
    return new RuleTransform.Rewrites(out);
  }

  /** A JSON object of strings, or null when absent. */
  static Map<String, String> stringMap(JsonNode n, String name) throws GoJson.BadJson {
    JsonNode m = GoJson.obj(n, name, "");
    if (m == null) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = m.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw new GoJson.BadJson(name + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
  }

  @FunctionalInterface
  interface Reader {
    Object read(JsonNode n) throws GoJson.BadJson;
  }

  static Values.Result object(String raw, String expected, Reader reader) {
    Values.Result j = Values.json(raw);
    if (!j.ok()) {
      return new Values.Result(null, j.error(), expected);
    }
    JsonNode n = (JsonNode) j.value();
    if (!n.isObject()) {
      return new Values.Result(null, "not a JSON object", expected);
    }
    try {
      return new Values.Result(reader.read(n), null, null);
    } catch (GoJson.BadJson e) {
      return new Values.Result(null, e.getMessage(), expected);
    }
  }
}
