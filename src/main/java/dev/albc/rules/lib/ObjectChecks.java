package dev.albc.rules.lib;

import dev.albc.facts.IngressFact;
import dev.albc.rules.api.Ann;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks of Kubernetes objects as the API server makes them (names, paths) and of annotation keys
 * that miss the ALB prefix by one character, for kubernetes-objects.drl and validation.drl. A
 * manifest given to {@code albc plan} has not been through an API server; these refuse what one
 * would refuse. Names: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/.
 */
public final class ObjectChecks {
  private ObjectChecks() {}

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  /** Why a name is not a DNS-1123 subdomain (Ingress, IngressClass), or null. */
  public static String subdomain(String name) {
    if (name == null || name.isEmpty() || name.length() > 253) {
      return "\"" + LimitChecks.abbreviate(name) + "\" is not 1 to 253 characters long";
    }
    for (String label : name.split("\\.", -1)) {
      if (!DNS1123_LABEL.matcher(label).matches()) {
        return "\"" + LimitChecks.abbreviate(name) + "\" is not a DNS-1123 subdomain";
      }
    }
    return null;
  }

  /** Why a name is not a DNS-1123 label (Namespace), or null. */
  public static String label(String name) {
    if (name == null || name.length() > 63 || !DNS1123_LABEL.matcher(name).matches()) {
      return "\"" + LimitChecks.abbreviate(name) + "\" is not a DNS-1123 label";
    }
    return null;
  }

  /** Why a name is not a DNS-1035 label (Service), or null. */
  public static String serviceName(String name) {
    if (name == null || name.length() > 63 || !DNS1035_LABEL.matcher(name).matches()) {
      return "\"" + LimitChecks.abbreviate(name) + "\" is not a DNS-1035 label";
    }
    return null;
  }

  public static final String SUBDOMAIN_EXPECTED =
      "at most 253 characters of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
          + " (DNS-1123 subdomain; " + AwsLimits.KUBERNETES_NAMES + ")";
  public static final String LABEL_EXPECTED =
      "at most 63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit"
          + " (DNS-1123 label; " + AwsLimits.KUBERNETES_NAMES + ")";
  public static final String SERVICE_NAME_EXPECTED =
      "at most 63 characters of lower-case letters, digits and '-', starting with a letter and ending with a"
          + " letter or digit (DNS-1035 label; " + AwsLimits.KUBERNETES_NAMES + ")";

  /** A path of an Ingress that its pathType requires to be absolute, with its field path. */
  public record PathProblem(String field, String path, String pathType) {}

  /** Exact and Prefix paths that do not start with '/' (the API server refuses them). */
  public static List<PathProblem> relativePaths(IngressFact i) {
    List<PathProblem> out = new ArrayList<>();
    for (int r = 0; r < i.rules().size(); r++) {
      var paths = i.rules().get(r).paths();
      for (int p = 0; p < paths.size(); p++) {
        var path = paths.get(p);
        boolean typed = "Exact".equals(path.pathType()) || "Prefix".equals(path.pathType());
        if (typed && path.path() != null && !path.path().isEmpty() && !path.path().startsWith("/")) {
          out.add(new PathProblem("spec.rules[" + r + "].http.paths[" + p + "].path", path.path(), path.pathType()));
        }
      }
    }
    return out;
  }

  /**
   * Annotation keys that are the ALB prefix with one wrong character where the '/' goes
   * ({@code alb.ingress.kubernetes.io.scheme}, {@code alb.ingress.kubernetes.io:scheme}), sorted.
   */
  public static Set<String> misplacedPrefix(Map<String, String> annotations) {
    String bare = Ann.ALB.substring(0, Ann.ALB.length() - 1);
    Set<String> out = new TreeSet<>();
    for (String k : annotations.keySet()) {
      if (k.startsWith(bare) && !k.startsWith(Ann.ALB) && k.length() > Ann.ALB.length()) {
        out.add(k);
      }
    }
    return out;
  }

  /** What a key with a misplaced prefix was meant to be. */
  public static String meant(String key) {
    return Ann.ALB + key.substring(Ann.ALB.length());
  }
}
