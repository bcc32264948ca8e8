package dev.albc.rules.lib;

import dev.albc.facts.SecretFact;
import dev.albc.facts.ServiceFact;
import dev.albc.intents.Action;
import dev.albc.intents.SecretRef;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authentication (auth-* annotations) and JWT validation for auth.drl, as the reference builds
 * them (pkg/ingress auth_config_builder.go, model_build_actions.go): the Ingress's auth settings,
 * overridden key by key by the Service's when the backend forwards to that one Service alone; an
 * {@code authenticate-cognito} or {@code authenticate-oidc} action (or a {@code jwt-validation}
 * action) before the backend's action on HTTPS listeners. The OIDC client secret becomes a
 * {@link SecretRef}, never the value.
 */
public final class Auth {
  private Auth() {}

  /** The Secret keys of the OIDC client (the reference's shared_constants). */
  public static final String CLIENT_ID = "clientID";
  public static final String CLIENT_ID_LEGACY = "clientId";
  public static final String CLIENT_SECRET = "clientSecret";

  /** The auth settings a backend resolves, Ingress first, the single Service's overriding. */
  public static final List<String> SETTINGS = List.of("auth-type", "auth-idp-cognito", "auth-idp-oidc",
      "auth-on-unauthenticated-request", "auth-scope", "auth-session-cookie", "auth-session-timeout");

  /**
   * An object whose auth-* annotations count: a member Ingress (settings in its scope), or a
   * Service its backends forward to (settings in {@link #serviceScope}, used only for backends that
   * forward to that Service alone).
   */
  public record Annotated(String groupId, String object, String scope, Map<String, String> annotations) {
    public String annotation(String key) {
      return annotations.get(key);
    }
  }

  /** The scope of a Service's auth settings within a group. */
  public static String serviceScope(String groupId, String serviceKey) {
    return "auth-service:" + groupId + ":" + serviceKey;
  }

  /** The member Ingress and the Services of its namespace its backends and actions.* forward to. */
  public static List<Annotated> annotated(Member m, Collection<?> services) {
    List<Annotated> out = new ArrayList<>();
    out.add(new Annotated(m.groupId(), m.object(), Scopes.ingress(m.key()), m.ingress().annotations()));
    Set<String> names = new LinkedHashSet<>(Annotations.referencedServices(m.ingress()));
    for (var e : m.ingress().annotations().entrySet()) {
      if (e.getKey().startsWith(Ann.alb("actions."))) {
        ActionsJson.Parsed<ActionsJson.ActionSpec> p = ActionsJson.action(e.getValue());
        if (p.ok()) {
          names.addAll(p.value().serviceNames());
        }
      }
    }
    for (String n : names) {
      ServiceFact s = Backends.service(services, m.namespace(), n);
      if (s != null && SETTINGS.stream().anyMatch(k -> s.annotations().containsKey(Ann.alb(k)))) {
        out.add(new Annotated(m.groupId(), "Service " + s.key(), serviceScope(m.groupId(), s.key()), s.annotations()));
      }
    }
    return out;
  }

  /** The auth setting of an annotated object, or its error. */
  public static Object setting(Annotated a, String suffix, Values.Result r, String rule) {
    String key = Ann.alb(suffix);
    if (!r.ok()) {
      return Diagnostic.error(a.groupId(), a.object(), key, r.error(), "expected " + r.expected(), rule);
    }
    boolean service = a.object().startsWith("Service ");
    return Setting.of(a.scope(), suffix, r.value(), service ? Source.SERVICE_ANNOTATION : Source.ANNOTATION,
        service ? Precedence.SERVICE_ANNOTATION : Precedence.ANNOTATION, Origins.annotation(a.object(), key));
  }

  /** A base-10 64-bit integer (the reference's ParseInt64Annotation). */
  public static Values.Result int64(String raw) {
    try {
      return new Values.Result(Long.parseLong(raw.strip()), null, null);
    } catch (NumberFormatException e) {
      return new Values.Result(null, "\"" + raw + "\" is not an integer", "a base-10 integer (seconds)");
    }
  }

  /**
   * What a backend gets before its own action on HTTPS listeners.
   *
   * @param authType none, cognito or oidc
   * @param actions the authenticate-* or jwt-validation action (empty: none)
   * @param problem why the action cannot be built (an error on HTTPS listeners), or null
   */
  public record PreActions(String groupId, String ingressKey, int seq, String authType, List<Action> actions,
      String problem, String field, String object) {
    public PreActions {
      actions = List.copyOf(actions);
    }

    public boolean authenticates() {
      return !"none".equals(authType);
    }

    /** Whether a jwt-validation action goes before the backend's action. */
    public boolean validatesJwt() {
      return actions.stream().anyMatch(a -> "jwt-validation".equals(a.type()));
    }
  }

  /**
   * The pre-actions of one resolved backend.
   *
   * @param effective the Effective facts of the member's scope and of its Services' auth scopes
   * @param secrets the SecretFacts of the member's namespace
   */
  public static PreActions forBackend(Backends.Resolved r, Backends.Use u, Collection<?> effective,
      Collection<?> secrets) {
    String ingScope = u.scope();
    String svc = singleService(r, u, effective);
    String svcScope = svc == null ? null : serviceScope(u.groupId(), u.namespace() + "/" + svc);
    Map<String, Effective> ing = new HashMap<>();
    Map<String, Effective> fromSvc = new HashMap<>();
    for (Object o : effective) {
      if (o instanceof Effective e) {
        if (e.scope().equals(ingScope)) {
          ing.put(e.name(), e);
        } else if (e.scope().equals(svcScope)) {
          fromSvc.put(e.name(), e);
        }
      }
    }
    Map<String, Object> v = new HashMap<>();
    Map<String, String> where = new HashMap<>();
    for (String k : SETTINGS) {
      Effective e = fromSvc.containsKey(k) ? fromSvc.get(k) : ing.get(k);
      if (e != null) {
        v.put(k, e.value());
        where.put(k, Origins.object(e.from().origin()));
      }
    }
    String type = String.valueOf(v.getOrDefault("auth-type", "none"));
    Action.JwtValidationConfig jwt = ing.get("jwt-validation") == null ? null
        : (Action.JwtValidationConfig) ing.get("jwt-validation").value();
    String object = where.getOrDefault("auth-type", u.object());
    List<Action> actions = new ArrayList<>();
    String problem = null;
    String field = Ann.alb("auth-type");
    switch (type) {
      case "cognito" -> {
        AuthJson.CognitoIdp idp = (AuthJson.CognitoIdp) v.get("auth-idp-cognito");
        if (idp == null) {
          problem = "missing IDPConfigCognito";
          field = Ann.alb("auth-idp-cognito");
        } else {
          actions.add(Action.authenticateCognito(new Action.AuthenticateCognitoConfig(idp.userPoolArn(),
              idp.userPoolClientId(), idp.userPoolDomain(), idp.extraParams(),
              (String) v.get("auth-on-unauthenticated-request"), (String) v.get("auth-scope"),
              (String) v.get("auth-session-cookie"), (Long) v.get("auth-session-timeout"))));
        }
      }
      case "oidc" -> {
        AuthJson.OidcIdp idp = (AuthJson.OidcIdp) v.get("auth-idp-oidc");
        field = Ann.alb("auth-idp-oidc");
        if (idp == null) {
          problem = "missing IDPConfigOIDC";
        } else {
          object = where.getOrDefault("auth-idp-oidc", object);
          String secretKey = u.namespace() + "/" + (idp.secretName() == null ? "" : idp.secretName());
          SecretFact s = secret(secrets, u.namespace(), idp.secretName());
          String id = s == null ? null : s.value(CLIENT_ID) != null ? s.value(CLIENT_ID) : s.value(CLIENT_ID_LEGACY);
          String secret = s == null ? null : s.value(CLIENT_SECRET);
          if (s == null) {
            problem = "secrets \"" + idp.secretName() + "\" not found";
          } else if (id == null) {
            problem = "missing clientID, secret: " + secretKey;
          } else if (secret == null) {
            problem = "missing clientSecret, secret: " + secretKey;
          } else {
            // as the reference: trailing white space off the id, trailing control characters off the secret
            actions.add(Action.authenticateOidc(new Action.AuthenticateOidcConfig(idp.issuer(),
                idp.authorizationEndpoint(), idp.tokenEndpoint(), idp.userInfoEndpoint(), id.stripTrailing(),
                SecretRef.of(secretKey, CLIENT_SECRET, trimControl(secret)), idp.extraParams(),
                (String) v.get("auth-on-unauthenticated-request"), (String) v.get("auth-scope"),
                (String) v.get("auth-session-cookie"), (Long) v.get("auth-session-timeout"))));
          }
        }
      }
      default -> { }
    }
    if (jwt != null) {
      if (!"none".equals(type) && problem == null) {
        problem = "authentication and jwt validation can't both be configured";
        field = Ann.alb("jwt-validation");
        object = u.object();
      } else if (problem == null) {
        actions.add(Action.jwtValidation(jwt));
      }
    }
    return new PreActions(u.groupId(), u.ingressKey(), u.seq(), type, actions, problem, field, object);
  }

  /** The Service a backend forwards to alone (one target group tuple naming a Service), or null. */
  static String singleService(Backends.Resolved r, Backends.Use u, Collection<?> effective) {
    Action a = r.action();
    if (!"forward".equals(a.type()) || a.forwardConfig() == null || a.forwardConfig().targetGroups().size() != 1
        || r.targetGroupIds().size() != 1) {
      return null;
    }
    if (!u.usesAnnotation()) {
      return u.serviceName();
    }
    for (Object o : effective) {
      if (o instanceof Effective e && e.scope().equals(u.scope()) && e.name().equals("actions." + u.serviceName())) {
        ActionsJson.ActionSpec spec = Backends.actionOf(e.value());
        return spec == null || spec.serviceNames().size() != 1 ? null : spec.serviceNames().get(0);
      }
    }
    return null;
  }

  static SecretFact secret(Collection<?> secrets, String namespace, String name) {
    for (Object o : secrets) {
      if (o instanceof SecretFact s && s.namespace().equals(namespace) && s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** Go's strings.TrimRightFunc(s, unicode.IsControl). */
  static String trimControl(String s) {
    int end = s.length();
    while (end > 0 && Character.isISOControl(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** The pre-actions of one backend use among collected ones, or null. */
  public static PreActions of(Collection<?> pre, String ingressKey, int seq) {
    for (Object o : pre) {
      if (o instanceof PreActions p && p.ingressKey().equals(ingressKey) && p.seq() == seq) {
        return p;
      }
    }
    return null;
  }

  /** True when the member's rules go to an HTTPS listener. */
  public static boolean onHttps(ListenerRules.MemberPorts mp) {
    return mp.rulePorts().stream().anyMatch(p -> "HTTPS".equals(p.protocol()));
  }

  /** The HTTP ports that carry the member's rules. */
  public static List<Integer> httpPorts(ListenerRules.MemberPorts mp) {
    return mp.rulePorts().stream().filter(p -> "HTTP".equals(p.protocol())).map(p -> p.port()).toList();
  }
}
