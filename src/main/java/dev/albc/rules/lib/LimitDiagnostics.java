package dev.albc.rules.lib;

import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import java.util.Map;

/**
 * Diagnostics of limits.drl and limits-resources.drl: a setting outside AWS's limits is reported on
 * the object and annotation (or field) its origin names — the Ingress, the Service, the
 * IngressClassParams, the flag or the user rule that set it — with the value and what AWS expects.
 */
public final class LimitDiagnostics {
  private LimitDiagnostics() {}

  /** The group of a setting's scope; ingress scopes need the member's ({@code memberGroup}). */
  public static String groupOf(Setting s, String memberGroup) {
    String g = Scopes.groupOf(s.scope());
    return g == null ? memberGroup : g;
  }

  public static Diagnostic error(String groupId, Setting s, String why, String expected, String rule) {
    return Diagnostic.error(groupId, Origins.object(s.origin()), Origins.field(s.origin(), s.name()),
        prefix(s) + why, "expected " + expected, rule);
  }

  public static Diagnostic warning(String groupId, Setting s, String why, String hint, String rule) {
    return Diagnostic.warning(groupId, Origins.object(s.origin()), Origins.field(s.origin(), s.name()),
        prefix(s) + why, hint, rule);
  }

  /** What the message is about: the setting, the attribute's key, nothing for a tag (the message names it). */
  static String prefix(Setting s) {
    if (s.name().startsWith("tag:")) {
      return "";
    }
    String name = s.name().startsWith("attribute:") ? s.name().substring("attribute:".length()) : s.name();
    return LimitChecks.abbreviate(name) + ": ";
  }

  /**
   * The health check timeout must be less than the interval: reported on whichever of the two a
   * user set (the timeout when both were), not on a default.
   */
  public static Diagnostic timeoutNotBelowInterval(Effective timeout, Effective interval, String rule) {
    Effective blamed = timeout.origin().equals(Origins.DEFAULT) ? interval : timeout;
    return Diagnostic.error(Scopes.groupOf(timeout.scope()), Origins.object(blamed.origin()),
        Origins.field(blamed.origin(), blamed.name()),
        "healthcheck-timeout-seconds " + timeout.value() + " is not less than healthcheck-interval-seconds "
            + interval.value(),
        "expected a timeout less than the interval (AWS: " + AwsLimits.HEALTH_CHECK_TIMEOUT.source() + ")", rule);
  }

  /** The tags an assembled resource is created with (tracking tags included), or an empty map. */
  public static Map<String, String> tags(Intent i) {
    Map<String, String> t = null;
    if (i instanceof LoadBalancerIntent lb) {
      t = lb.tags();
    } else if (i instanceof TargetGroupIntent tg) {
      t = tg.tags();
    } else if (i instanceof ListenerIntent l) {
      t = l.tags();
    } else if (i instanceof ListenerRuleIntent r) {
      t = r.tags();
    } else if (i instanceof SecurityGroupIntent sg) {
      t = sg.tags();
    }
    return t == null ? Map.of() : t;
  }

  /** "IngressGroup ns/name", for what belongs to the whole group. */
  public static String groupObject(String groupId) {
    return "IngressGroup " + groupId;
  }
}
