package dev.albc.live;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SecretFact;
import dev.albc.rules.lib.Classes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes facts one IngressGroup's rules need, selected from all of them: every Ingress that
 * may belong to the group (the group id of {@link Classes#groupIdOf} with the IngressClassParams of
 * its class or without, its own {@code ns/name}, or a group whose finalizer it holds), the Services,
 * Secrets and Namespaces of their namespaces, and every IngressClass and IngressClassParams. A superset is
 * harmless: the rules are group-local (docs/rules.md), so Ingresses of other groups only make other
 * groups, which the caller leaves out.
 */
public final class GroupFacts {
  private GroupFacts() {}

  public static List<Object> select(Collection<?> all, String groupId) {
    Map<String, IngressClassFact> classes = new HashMap<>();
    Map<String, IngressClassParamsFact> params = new HashMap<>();
    List<IngressClassFact> defaults = new ArrayList<>();
    for (Object o : all) {
      if (o instanceof IngressClassFact c) {
        classes.put(c.name(), c);
        if (c.isDefault()) {
          defaults.add(c);
        }
      } else if (o instanceof IngressClassParamsFact p) {
        params.put(p.name(), p);
      }
    }
    Set<String> namespaces = new HashSet<>();
    for (Object o : all) {
      if (o instanceof IngressFact i && mayBelong(i, groupId, classes, defaults, params)) {
        namespaces.add(i.namespace());
      }
    }
    List<Object> out = new ArrayList<>();
    for (Object o : all) {
      boolean keep;
      if (o instanceof IngressFact i) {
        keep = mayBelong(i, groupId, classes, defaults, params);
      } else if (o instanceof ServiceFact s) {
        keep = namespaces.contains(s.namespace());
      } else if (o instanceof SecretFact s) {
        keep = namespaces.contains(s.namespace());
      } else if (o instanceof NamespaceFact n) {
        keep = namespaces.contains(n.name());
      } else {
        keep = true; // IngressClasses, IngressClassParams, AWS facts, settings
      }
      if (keep) {
        out.add(o);
      }
    }
    return out;
  }

  static boolean mayBelong(IngressFact i, String groupId, Map<String, IngressClassFact> classes,
      List<IngressClassFact> defaults, Map<String, IngressClassParamsFact> params) {
    if (groupId.equals(i.key()) || groupId.equals(Classes.groupIdOf(i, null))
        || Classes.finalizerGroups(i).contains(groupId)) {
      return true;
    }
    List<IngressClassFact> cls = i.ingressClassName() != null
        ? (classes.containsKey(i.ingressClassName()) ? List.of(classes.get(i.ingressClassName())) : List.of())
        : defaults;
    for (IngressClassFact c : cls) {
      IngressClassParamsFact p = c.paramsName() == null ? null : params.get(c.paramsName());
      if (p != null && groupId.equals(Classes.groupIdOf(i, p))) {
        return true;
      }
    }
    return false;
  }
}
