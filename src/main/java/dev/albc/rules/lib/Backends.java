package dev.albc.rules.lib;

import dev.albc.facts.IngressFact;
import dev.albc.facts.LookupMiss;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.TargetGroupFact;
import dev.albc.rules.api.Lookup;
import dev.albc.intents.Action;
import dev.albc.intents.Ref;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ingress backends (a path's or {@code spec.defaultBackend}) and the action each one becomes, as
 * the reference's enhanced backend builder decides it (pkg/ingress/enhanced_backend_builder.go).
 */
public final class Backends {
  /** {@code service.port.name: use-annotation}: the action comes from {@code actions.<service.name>}. */
  public static final String USE_ANNOTATION = "use-annotation";

  public static final String SERVICE_MISSING_BODY = "Backend service does not exist";
  public static final String ACTION_MISSING_BODY = "Backend action does not exist";

  /** The annotation prefix. */
  public static final String ALB = "alb.ingress.kubernetes.io/";

  private Backends() {}

  /**
   * One use of a backend by a member Ingress: a path of {@code spec.rules} ({@code seq} ≥ 0, its
   * position in the member's rule order: rule by rule, each rule's paths in the reference's order)
   * or {@code spec.defaultBackend} ({@code seq} = -1, no host or path).
   *
   * @param field the backend's field path, for diagnostics
   */
  public record Use(
      String groupId,
      Member member,
      int seq,
      String field,
      String host,
      String path,
      String pathType,
      IngressFact.BackendFact backend) {

    public String ingressKey() {
      return member.key();
    }

    /** The Ingress's setting scope (bind it so joins on it are indexed). */
    public String scope() {
      return member.scope();
    }

    public String namespace() {
      return member.namespace();
    }

    public String object() {
      return member.object();
    }

    public boolean isDefault() {
      return seq < 0;
    }

    /** The backend names a Service (or an action, with use-annotation). */
    public boolean hasService() {
      return backend != null && backend.serviceName() != null && backend.resourceKind() == null;
    }

    public String serviceName() {
      return backend == null ? null : backend.serviceName();
    }

    /** The port as written: the name, else the number. */
    public String port() {
      return backend == null ? null : backend.portKey();
    }

    public boolean usesAnnotation() {
      return hasService() && USE_ANNOTATION.equals(backend.portName());
    }

    /** The {@code actions.<service.name>} annotation key. */
    public String actionKey() {
      return ALB + "actions." + serviceName();
    }
  }

  /**
   * The action a backend use resolved to, and the target groups (resource ids) it forwards to.
   */
  public record Resolved(
      String groupId, String ingressKey, int seq, String field, Action action, List<String> targetGroupIds) {
    public Resolved {
      targetGroupIds = targetGroupIds == null ? List.of() : List.copyOf(targetGroupIds);
    }

    public boolean isDefault() {
      return seq < 0;
    }
  }

  /** The backend uses of a member: its paths in rule order, then its default backend. */
  public static List<Use> uses(Member m) {
    List<Use> out = new ArrayList<>();
    int seq = 0;
    for (Paths.IndexedPath p : Paths.sorted(m.ingress())) {
      IngressFact.PathFact pf = p.path();
      String host = p.host() == null ? "" : p.host();
      String path = pf.path() == null ? "" : pf.path();
      out.add(new Use(m.groupId(), m, seq++, p.field() + ".backend", host, path, pf.pathType(), pf.backend()));
    }
    if (m.ingress().defaultBackend() != null) {
      out.add(new Use(m.groupId(), m, -1, "spec.defaultBackend", null, null, null, m.ingress().defaultBackend()));
    }
    return out;
  }

  /** A Service of the given namespace and name, or null. */
  public static ServiceFact service(Collection<?> services, String namespace, String name) {
    for (Object o : services) {
      if (o instanceof ServiceFact s && s.namespace().equals(namespace) && s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The resolution of a use: an action and its target groups, or an error, plus a warning; {@code
   * lookup} is the target group name the facts lack (the error then says so).
   */
  public record Outcome(Action action, List<String> targetGroupIds, String error, String warning, String lookup) {
    public Outcome(Action action, List<String> targetGroupIds, String error, String warning) {
      this(action, targetGroupIds, error, warning, null);
    }

    public boolean ok() {
      return error == null;
    }
  }

  /**
   * The ARN of the target group named {@code name} among the facts ({@link TargetGroupFact}), or
   * null.
   */
  static String targetGroupArn(Collection<?> targetGroups, String name) {
    for (Object o : targetGroups) {
      if (o instanceof TargetGroupFact t && t.name().equals(name)) {
        return t.arn();
      }
    }
    return null;
  }

  /**
   * True when the account has no {@code kind} named {@code name}: a live look-up found none, or the
   * facts list every one of that kind ({@link LookupMiss}).
   */
  public static boolean missed(Collection<?> misses, String kind, String name) {
    for (Object o : misses) {
      if (o instanceof LookupMiss m && m.covers(kind, name)) {
        return true;
      }
    }
    return false;
  }

  /** A fixed 503 text/plain response with the given body. */
  public static Action fixed503(String body) {
    return Action.fixedResponse("text/plain", "503", body);
  }

  /** A forward to one target group of the plan, without weight (the reference's single-TG shape). */
  public static Action forwardTo(String targetGroupResourceId) {
    return Action.forward(List.of(new Action.TargetGroupTuple(Ref.to(targetGroupResourceId), null)), null);
  }

  /** The target group resource id a use's Service port maps to. */
  public static String targetGroupId(Use u, String serviceName, String port) {
    return Names.targetGroupResourceId(u.namespace(), u.member().name(), serviceName, port);
  }

  /** {@code unable to find port <port> on service <ns>/<name>} (the reference's LookupServicePort). */
  public static String portNotFound(String port, ServiceFact s) {
    return "unable to find port " + port + " on service " + s.key();
  }

  /**
   * Resolves the action of a use-annotation backend. Forward tuples naming Services become target
   * groups of the plan; a single forward to one missing Service becomes a fixed 503 when tolerated
   * (with a warning), any other missing Service is an error, and so is a missing port. A tuple's
   * {@code targetGroupName} becomes the ARN of that target group ({@code targetGroups}, {@link
   * TargetGroupFact}); when the facts lack it the outcome is an error naming the look-up, or, when a
   * live look-up found none ({@code misses}), the reference's "searching TargetGroup" error.
   */
  public static Outcome fromAnnotation(Use u, ActionsJson.ActionSpec spec, Collection<?> services,
      boolean tolerateMissingService, Collection<?> targetGroups, Collection<?> misses) {
    switch (spec.type()) {
      case ActionsJson.FIXED_RESPONSE -> {
        ActionsJson.FixedResponse f = spec.fixedResponse();
        return new Outcome(
            Action.fixedResponse(f.contentType(), f.statusCode(), f.messageBody()), List.of(), null, null);
      }
      case ActionsJson.REDIRECT -> {
        ActionsJson.Redirect r = spec.redirect();
        return new Outcome(
            Action.redirect(
                new Action.RedirectConfig(r.protocol(), r.port(), r.host(), r.path(), r.query(), r.statusCode())),
            List.of(), null, null);
      }
      default -> {
        ActionsJson.Forward f = spec.forward();
        List<String> names = spec.serviceNames();
        boolean single = f.targetGroups().size() == 1 && names.size() == 1;
        for (String name : names) {
          if (service(services, u.namespace(), name) == null) {
            if (single && tolerateMissingService) {
              return new Outcome(
                  fixed503(SERVICE_MISSING_BODY), List.of(), null,
                  "Service " + u.namespace() + "/" + name + " does not exist; the rule answers 503 \""
                      + SERVICE_MISSING_BODY + "\"");
            }
            return new Outcome(null, List.of(), "services \"" + name + "\" not found", null);
          }
        }
        List<Action.TargetGroupTuple> tuples = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ActionsJson.Tuple t : f.targetGroups()) {
          if (t.serviceName() != null) {
            ServiceFact s = service(services, u.namespace(), t.serviceName());
            if (s.port(t.servicePort()).isEmpty()) {
              return new Outcome(null, List.of(), portNotFound(t.servicePort(), s), null);
            }
            String id = targetGroupId(u, t.serviceName(), t.servicePort());
            if (!ids.contains(id)) {
              ids.add(id);
            }
            tuples.add(new Action.TargetGroupTuple(Ref.to(id), t.weight()));
          } else if (t.targetGroupArn() != null) {
            tuples.add(new Action.TargetGroupTuple(t.targetGroupArn(), t.weight()));
          } else {
            String arn = targetGroupArn(targetGroups, t.targetGroupName());
            if (arn == null) {
              String name = t.targetGroupName();
              return missed(misses, Lookup.TARGET_GROUP, name)
                  ? new Outcome(null, List.of(), "searching TargetGroup with name " + name
                      + ": expecting a single targetGroup with query [" + name + "] but got 0", null)
                  : new Outcome(null, List.of(), "target group \"" + name + "\" needs a look-up in the AWS account"
                      + " (DescribeTargetGroups)", null, name);
            }
            tuples.add(new Action.TargetGroupTuple(arn, t.weight()));
          }
        }
        Action.StickinessConfig st =
            f.stickiness() == null
                ? null
                : new Action.StickinessConfig(f.stickiness().enabled(), f.stickiness().durationSeconds());
        return new Outcome(Action.forward(tuples, st), ids, null, null);
      }
    }
  }

  // ---- routing annotations --------------------------------------------------------------------

  /** {@code actions.<name>} → the setting {@code actions.<name>} (an {@link ActionsJson.ActionSpec}), or an error. */
  public static Object actionAnnotation(Member m, String key, String rule) {
    String name = key.substring((ALB + "actions.").length());
    ActionsJson.Parsed<ActionsJson.ActionSpec> p = ActionsJson.action(m.ingress().annotation(key));
    if (!p.ok()) {
      return Diagnostic.error(m.groupId(), m.object(), key, p.error(), p.expected(), rule);
    }
    return Setting.of(Scopes.ingress(m.key()), "actions." + name, p.value(), Source.ANNOTATION,
        Precedence.ANNOTATION, Origins.annotation(m.object(), key));
  }

  /**
   * {@code conditions.<name>} → the setting {@code conditions.<name>} (a list of {@link
   * ConditionsJson.ConditionSpec}), or an error; conditions of unknown fields (ignored, as by the
   * reference) also give a warning.
   */
  public static List<Object> conditionsAnnotation(Member m, String key, String rule) {
    String name = key.substring((ALB + "conditions.").length());
    ActionsJson.Parsed<List<ConditionsJson.ConditionSpec>> p = ConditionsJson.conditions(m.ingress().annotation(key));
    if (!p.ok()) {
      return List.of(Diagnostic.error(m.groupId(), m.object(), key, p.error(), p.expected(), rule));
    }
    List<Object> out = new ArrayList<>();
    out.add(Setting.of(Scopes.ingress(m.key()), "conditions." + name, p.value(), Source.ANNOTATION,
        Precedence.ANNOTATION, Origins.annotation(m.object(), key)));
    for (ConditionsJson.ConditionSpec c : p.value()) {
      if (!c.knownField()) {
        out.add(Diagnostic.warning(m.groupId(), m.object(), key,
            "condition field \"" + c.field() + "\" is not supported and is ignored",
            "one of host-header, path-pattern, http-header, http-request-method, query-string, source-ip", rule));
      }
    }
    return out;
  }

  /** The effective {@code actions.<name>} value as an action, or null when it is something else. */
  public static ActionsJson.ActionSpec actionOf(Object value) {
    return value instanceof ActionsJson.ActionSpec a ? a : null;
  }
}
