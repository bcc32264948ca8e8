package dev.albc.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The setting names each kind of scope accepts: exactly the names the built-in rules read (the
 * table of docs/rule-authoring.md#settings-scopes-and-precedence), plus {@code user:<name>} for
 * settings only your own rules read. A setting of any other name is never read — a misspelt
 * {@code health-check-path} would be silently ignored — so {@link RuleRunner} turns one into an error
 * diagnostic with "did you mean". {@code SettingNamesTest} keeps this table complete: every name the
 * built-in DRL and its helpers insert or read is here, and every name here is read.
 */
public final class SettingNames {
  private SettingNames() {}

  /** The prefix of settings only user rules read; accepted in every scope. */
  public static final String USER_PREFIX = "user:";

  /** A kind of scope: how its scopes start, its exact names and its name prefixes ({@code tag:<key>}). */
  public enum Kind {
    GROUP("group:", "a group",
        List.of("scheme", "ip-address-type", "load-balancer-name", "subnets", "security-groups",
            "manage-backend-security-group-rules", "customer-owned-ipv4-pool", "wafv2-acl-arn", "wafv2-acl-name",
            "shield-advanced-protection", "ssl-redirect",
            // frontend-nlb.drl (docs/annotations.md "Frontend NLB")
            "enable-frontend-nlb", "frontend-nlb-scheme", "frontend-nlb-subnets", "frontend-nlb-security-groups",
            "frontend-nlb-eip-allocations", "frontend-nlb-attributes", "frontend-nlb-tags",
            // load-balancer-capacity.drl, load-balancer-ipam.drl
            "minimum-load-balancer-capacity", "ipam-ipv4-pool-id"),
        List.of("attribute:", "tag:")),
    INGRESS("ingress:", "an Ingress",
        List.of("group.order", "listen-ports", "certificate-arn", "ssl-policy", "inbound-cidrs",
            "security-group-prefix-lists", "use-regex-path-match",
            // auth.drl and listener-settings.drl (docs/annotations.md "Authentication")
            "auth-type", "auth-idp-cognito", "auth-idp-oidc", "auth-on-unauthenticated-request", "auth-scope",
            "auth-session-cookie", "auth-session-timeout", "jwt-validation", "mutual-authentication",
            // frontend-nlb.drl: per Ingress, merged per NLB port
            "frontend-nlb-attributes", "frontend-nlb-listener-port-mapping", "frontend-nlb-healthcheck-port",
            "frontend-nlb-healthcheck-protocol", "frontend-nlb-healthcheck-path",
            "frontend-nlb-healthcheck-interval-seconds", "frontend-nlb-healthcheck-timeout-seconds",
            "frontend-nlb-healthcheck-healthy-threshold-count", "frontend-nlb-healthcheck-unhealthy-threshold-count",
            "frontend-nlb-healthcheck-success-codes",
            // certificates.drl
            "create-acm-cert", "acm-pca-arn"),
        List.of("actions.", "conditions.", "transforms.", "listener-attribute:", "tag:")),
    TARGET_GROUP("tg:", "a target group",
        List.of("target-type", "backend-protocol", "backend-protocol-version", "healthcheck-port",
            "healthcheck-protocol", "healthcheck-path", "healthcheck-interval-seconds",
            "healthcheck-timeout-seconds", "healthy-threshold-count", "unhealthy-threshold-count",
            "success-codes", "target-group-attributes", "target-node-labels", "multi-cluster-target-group",
            // target-control-port.drl
            "target-control-port"),
        List.of("tag:")),
    LISTENER("listener:", "a listener", List.of(), List.of()),
    /** A Service's auth-* annotations within a group (auth.drl, {@code Auth.serviceScope}). */
    AUTH_SERVICE("auth-service:", "a Service's authentication",
        List.of("auth-type", "auth-idp-cognito", "auth-idp-oidc", "auth-on-unauthenticated-request", "auth-scope",
            "auth-session-cookie", "auth-session-timeout"),
        List.of());

    final String start;
    final String what;
    final List<String> names;
    final List<String> prefixes;

    Kind(String start, String what, List<String> names, List<String> prefixes) {
      this.start = start;
      this.what = what;
      this.names = names;
      this.prefixes = prefixes;
    }

    public List<String> names() {
      return names;
    }

    public List<String> prefixes() {
      return prefixes;
    }

    /** True when a setting of this name is read in scopes of this kind. */
    public boolean accepts(String name) {
      if (names.contains(name)) {
        return true;
      }
      for (String p : prefixes) {
        if (name.startsWith(p) && name.length() > p.length()) {
          return true;
        }
      }
      return name.startsWith(USER_PREFIX) && name.length() > USER_PREFIX.length();
    }

    /** The names and prefixes as a reader writes them: {@code scheme, …, tag:<key>}. */
    List<String> written() {
      List<String> out = new ArrayList<>(names);
      for (String p : prefixes) {
        out.add(p + (p.endsWith(".") ? "<name>" : "<key>"));
      }
      return out;
    }
  }

  /** The kind of a scope, or null when it is none of the four. */
  public static Kind kindOf(String scope) {
    if (scope != null) {
      for (Kind k : Kind.values()) {
        if (scope.startsWith(k.start)) {
          return k;
        }
      }
    }
    return null;
  }

  /** Null when the setting is read by some rule; else a sentence saying why it is not, with "did you mean". */
  public static String problem(String scope, String name) {
    Kind k = kindOf(scope);
    if (k == null) {
      return "setting \"" + name + "\" has the scope \"" + scope + "\", which is none of group:<groupId>, "
          + "ingress:<ns>/<name>, tg:<groupId>:<resourceId> (write scopes with dev.albc.rules.api.Scopes)";
    }
    if (name != null && k.accepts(name)) {
      return null;
    }
    if (k == Kind.LISTENER) {
      return "no rule reads settings of a listener scope (" + scope + "): ssl-policy and certificate-arn are "
          + "settings of the Ingress (ingress:<ns>/<name>), ssl-redirect of the group";
    }
    Set<String> known = new TreeSet<>(k.names);
    for (String p : k.prefixes) {
      // a prefix with the rest of the name, so "tags:team" suggests "tag:team"
      if (name != null) {
        int i = name.indexOf(p.charAt(p.length() - 1));
        if (i > 0 && i < name.length() - 1) {
          known.add(p + name.substring(i + 1));
        }
      }
    }
    String did = name == null ? "" : Suggest.didYouMean(name, known);
    return "no rule reads a setting \"" + name + "\" of " + k.what + " (scope " + scope + ")" + did
        + "; the settings of " + k.what + " are " + String.join(", ", k.written())
        + ", and " + USER_PREFIX + "<name> for settings only your own rules read";
  }
}
