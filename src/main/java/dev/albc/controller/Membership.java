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
 * Ingress whose IngressClass is invalid (missing, or its parameters missing or of another kind) is
 * treated as the reference's group loader treats {@code ErrInvalidIngressClass}: when it already
 * holds an albc finalizer it stays a member of that group, so the rules' diagnostic holds the group
 * (a class deleted by accident must not remove its rules, reference issue #2731); when it holds none
 * it is no member at all (it may be meant for a class not created yet) and {@link #invalidClass}
 * gives the message of the reference's {@code FailedLoadGroupID} event. See docs/controller.md "Work queue".
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
        return formerGroup(i); // the rules report the missing class on that group
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
    if (cls != null && paramsProblem(cls) != null) {
      return formerGroup(i);
    }
    IngressClassParamsFact p = cls != null && cls.hasParams() ? params.get(cls.paramsName()) : null;
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

  /**
   * Why the Ingress's IngressClass is invalid while the Ingress holds no albc finalizer (so it is no
   * member of any group), as the reference's {@code FailedLoadGroupID} event words it; null when the
   * class is valid, not albc's, or the Ingress already belongs to a group.
   */
  public String invalidClass(IngressFact i) {
    if (i == null || i.deleting() || i.annotation(Ann.INGRESS_CLASS) != null || i.ingressClassName() == null
        || !Classes.finalizerGroups(i).isEmpty()) {
      return null;
    }
    IngressClassFact cls = classes.get(i.ingressClassName());
    String problem = cls == null
        ? "ingressclasses.networking.k8s.io \"" + i.ingressClassName() + "\" not found"
        : IngressClassFact.ALB_CONTROLLER.equals(cls.controller()) ? paramsProblem(cls) : null;
    return problem == null ? null : "failed load groupID due to invalid ingress class: " + problem;
  }

  /** Why the class's spec.parameters cannot be used (another kind, or a missing IngressClassParams), or null. */
  private String paramsProblem(IngressClassFact cls) {
    if (!cls.hasParams()) {
      return null;
    }
    if (!Classes.paramsKindOk(cls)) {
      return "IngressClass " + cls.name() + " references unknown parameters";
    }
    return params.containsKey(cls.paramsName()) ? null
        : "ingressclassparams.elbv2.k8s.aws \"" + cls.paramsName() + "\" not found";
  }

  /**
   * The group an Ingress with an invalid class is still held in: the group it already belongs to
   * by its finalizers (its own group id when that is among them), or none.
   */
  private static String formerGroup(IngressFact i) {
    java.util.List<String> held = Classes.finalizerGroups(i);
    if (held.isEmpty()) {
      return null;
    }
    String own = Classes.groupIdOf(i, null);
    return held.contains(own) ? own : held.get(0);
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
