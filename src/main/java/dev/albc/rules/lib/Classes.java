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

  /**
   * The legacy annotation matches --ingress-class when equal; with an empty flag, the value "alb"
   * matches too (and so does an empty value).
   */
  public static boolean legacyMatches(String value, String ingressClassFlag) {
    String flag = ingressClassFlag == null ? "" : ingressClassFlag;
    return flag.equals(value) || (flag.isEmpty() && "alb".equals(value));
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

  /**
   * The group id: the explicit group name, or {@code ns/name}. The one Ingress → IngressGroup
   * keying: classify.drl's member rules call it with the IngressClassParams they matched, and
   * {@link #keying} with the ones the classify rules would match.
   */
  public static String groupIdOf(IngressFact i, IngressClassParamsFact p) {
    String g = groupName(i, p);
    return g == null ? i.key() : g;
  }

  /**
   * The group id of each Ingress of {@code facts} before any rule runs (to plan in batches of
   * groups; later for a work queue keyed by IngressGroup): the IngressClass chosen as classify.drl
   * chooses it — none under the legacy {@code kubernetes.io/ingress.class} annotation, else
   * {@code spec.ingressClassName}, else the one default IngressClass — then {@link #groupIdOf} with
   * that class's IngressClassParams. For an Ingress that becomes a member this equals the group of
   * its {@code Member} (GroupKeyingTest checks it on every case file); for others it is a best guess.
   */
  public static java.util.function.Function<IngressFact, String> keying(java.util.Collection<?> facts) {
    java.util.Map<String, IngressClassFact> classes = new java.util.HashMap<>();
    java.util.Map<String, IngressClassParamsFact> params = new java.util.HashMap<>();
    java.util.List<IngressClassFact> defaults = new java.util.ArrayList<>();
    for (Object o : facts) {
      if (o instanceof IngressClassFact c) {
        classes.put(c.name(), c);
        if (c.isDefault()) {
          defaults.add(c);
        }
      } else if (o instanceof IngressClassParamsFact p) {
        params.put(p.name(), p);
      }
    }
    IngressClassFact defaultClass = defaults.size() == 1 ? defaults.get(0) : null;
    return i -> {
      IngressClassFact c;
      if (i.annotation(Ann.INGRESS_CLASS) != null) {
        c = null;
      } else if (i.ingressClassName() != null) {
        c = classes.get(i.ingressClassName());
      } else {
        c = defaultClass;
      }
      IngressClassParamsFact p = c != null && c.hasParams() && paramsKindOk(c) ? params.get(c.paramsName()) : null;
      return groupIdOf(i, p);
    };
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

  /** The finalizer of an explicit group's members: {@code group.ingress.k8s.aws/<group>}. */
  public static final String GROUP_FINALIZER_PREFIX = "group.ingress.k8s.aws/";

  /** The finalizer of an implicit group's Ingress. */
  public static final String IMPLICIT_FINALIZER = "ingress.k8s.aws/resources";

  /** The groups an Ingress still holds a finalizer of (it was their member). */
  public static java.util.List<String> finalizerGroups(IngressFact i) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String f : i.finalizers()) {
      if (f.equals(IMPLICIT_FINALIZER)) {
        out.add(i.key());
      } else if (f.startsWith(GROUP_FINALIZER_PREFIX)) {
        out.add(f.substring(GROUP_FINALIZER_PREFIX.length()));
      }
    }
    return out;
  }

  /** True when load-balancer-attributes asks for deletion_protection.enabled=true. */
  public static boolean deletionProtected(String loadBalancerAttributes) {
    Values.Result r = Values.stringMap(loadBalancerAttributes);
    if (!r.ok()) {
      return false;
    }
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> m = (java.util.Map<String, String>) r.value();
    return "true".equalsIgnoreCase(m.get("deletion_protection.enabled"));
  }
}
