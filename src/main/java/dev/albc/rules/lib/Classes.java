package dev.albc.rules.lib;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Member;
import java.util.regex.Pattern;

/** Helpers for classify.drl: class matching and group ids. */
public final class Classes {
  private static final Pattern GROUP_NAME = Pattern.compile("^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$");

  public static final String GROUP_NAME_HINT =
      "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 63 characters";

  private Classes() {}

  /** The legacy annotation matches --ingress-class; with an empty flag, the value "alb" matches. */
  public static boolean legacyMatches(String value, String ingressClassFlag) {
    if (ingressClassFlag == null || ingressClassFlag.isEmpty()) {
      return "alb".equals(value);
    }
    return ingressClassFlag.equals(value);
  }

  /** IngressClass parameters must be apiGroup elbv2.k8s.aws, kind IngressClassParams. */
  public static boolean paramsKindOk(IngressClassFact c) {
    return "elbv2.k8s.aws".equals(c.paramsApiGroup()) && "IngressClassParams".equals(c.paramsKind());
  }

  /** The group name in force: IngressClassParams spec.group.name, else the annotation, else null. */
  public static String groupName(IngressFact i, IngressClassParamsFact p) {
    if (p != null && p.groupName() != null && !p.groupName().isEmpty()) {
      return p.groupName();
    }
    String a = i.annotation(Ann.alb("group.name"));
    return a == null || a.isEmpty() ? null : a;
  }

  /** The group id: the explicit group name, or {@code ns/name}. */
  public static String groupIdOf(IngressFact i, IngressClassParamsFact p) {
    String g = groupName(i, p);
    return g == null ? i.key() : g;
  }

  public static boolean isExplicit(Member m) {
    return groupName(m.ingress(), m.params()) != null;
  }

  /** Why the group name in force is invalid, or null when it is valid or absent. */
  public static String groupNameProblem(IngressFact i, IngressClassParamsFact p) {
    String g = groupName(i, p);
    if (g == null) {
      return null;
    }
    if (g.length() > 63) {
      return "group name \"" + g + "\" is longer than 63 characters";
    }
    if (!GROUP_NAME.matcher(g).matches()) {
      return "group name \"" + g + "\" is invalid";
    }
    return null;
  }
}
