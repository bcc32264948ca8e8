package dev.albc.controller;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.rules.api.Ann;
import dev.albc.rules.lib.Classes;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which IngressGroup an Ingress belongs to right now, as the work queue needs it before any rule
 * runs: the class checks of {@code classify.drl} (legacy annotation against {@code --ingress-class},
 * {@code spec.ingressClassName} naming a class of controller {@code ingress.k8s.aws/alb}, the one
 * default class, no class with an empty flag) and the group id of {@link Classes#groupIdOf}. An
 * Ingress whose class or parameters are missing still maps to its group, so the rules' diagnostic
 * reaches it as an event. See docs/controller.md "Work queue".
 *
 * @param ingressClass {@code --ingress-class}
 */
public record Membership(String ingressClass, Map<String, IngressClassFact> classes,
    Map<String, IngressClassParamsFact> params) {

  /** The group the Ingress is an active member of, or null (not albc's, being deleted, bad group name). */
  public String groupOf(IngressFact i) {
    if (i == null || i.deleting()) {
      return null;
    }
    String legacy = i.annotation(Ann.INGRESS_CLASS);
    IngressClassFact cls;
    if (legacy != null) {
      if (!Classes.legacyMatches(legacy, ingressClass)) {
        return null;
      }
      cls = null;
    } else if (i.ingressClassName() != null) {
      cls = classes.get(i.ingressClassName());
      if (cls == null) {
        return i.key(); // the rules report the missing class on the implicit group
      }
      if (!IngressClassFact.ALB_CONTROLLER.equals(cls.controller())) {
        return null;
      }
    } else {
      cls = defaultClass();
      if (cls == null && !ingressClass.isEmpty()) {
        return null;
      }
      if (cls != null && !IngressClassFact.ALB_CONTROLLER.equals(cls.controller())) {
        return null;
      }
    }
    IngressClassParamsFact p = cls != null && cls.hasParams() && Classes.paramsKindOk(cls)
        ? params.get(cls.paramsName()) : null;
    if (Classes.groupNameProblem(i, p) != null) {
      return null;
    }
    return Classes.groupIdOf(i, p);
  }

  /**
   * Every group the Ingress names: its current group and every group of its finalizers (so that
   * leaving a group cleans the old one).
   */
  public Set<String> groupsNamedBy(IngressFact i) {
    Set<String> out = new LinkedHashSet<>();
    if (i == null) {
      return out;
    }
    String g = groupOf(i);
    if (g != null) {
      out.add(g);
    }
    out.addAll(Classes.finalizerGroups(i));
    return out;
  }

  /** The finalizer an active member of {@code groupId} carries. */
  public static String finalizerOf(String groupId) {
    // an implicit group's id is ns/name (the Ingress itself); an explicit one's is its name (no '/')
    return groupId.contains("/") ? Classes.IMPLICIT_FINALIZER : Classes.GROUP_FINALIZER_PREFIX + groupId;
  }

  private IngressClassFact defaultClass() {
    IngressClassFact found = null;
    for (IngressClassFact c : classes.values()) {
      if (c.isDefault()) {
        if (found != null) {
          return null; // two defaults: the rules report it; no group
        }
        found = c;
      }
    }
    return found;
  }

  /** Whether the Ingress refers to the Service by name (backends, or an {@code actions.*} annotation). */
  public static boolean refersTo(IngressFact i, String serviceName) {
    if (i.defaultBackend() != null && serviceName.equals(i.defaultBackend().serviceName())) {
      return true;
    }
    for (IngressFact.RuleFact r : i.rules()) {
      for (IngressFact.PathFact p : r.paths()) {
        if (p.backend() != null && serviceName.equals(p.backend().serviceName())) {
          return true;
        }
      }
    }
    String quoted = "\"" + serviceName + "\"";
    for (var e : i.annotations().entrySet()) {
      if (e.getKey().startsWith(Ann.alb("actions.")) && e.getValue() != null && e.getValue().contains(quoted)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the Ingress uses the IngressClass: by name, or as the default class when it has none. */
  public static boolean usesClass(IngressFact i, IngressClassFact c, boolean wasDefault) {
    if (i.annotation(Ann.INGRESS_CLASS) != null) {
      return false;
    }
    if (i.ingressClassName() != null) {
      return i.ingressClassName().equals(c.name());
    }
    return c.isDefault() || wasDefault;
  }
}
