package dev.albc.desired;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SubnetFact;
import dev.albc.intents.Intent;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.Translation;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Member;
import dev.albc.rules.lib.Classes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Facts → rules → plan, with no AWS and no cluster. A group with an error diagnostic keeps its
 * diagnostics and loses its resources: nothing would be changed for it.
 */
public final class DesiredStateBuilder {
  private final RuleRunner runner;

  public DesiredStateBuilder(RuleRunner runner) {
    this.runner = runner;
  }

  /** The rules this planner runs. */
  public RuleRunner runner() {
    return runner;
  }

  /** The result: the plan document and the engine's full translation (for explain and tests). */
  public record Result(DesiredState plan, Translation translation) {}

  /**
   * Above this many Ingresses (and when no firing record is asked for), IngressGroups are planned in
   * batches, one rule session each, so memory stays bounded by the batch and not the cluster. Rules
   * are group-local, so the plan is the same; if a group still turns up in two batches (its members
   * were keyed apart), the whole input is planned in one session instead.
   */
  static final int BATCH_INGRESSES = 1000;

  public Result plan(ControllerSettings settings, Collection<?> inputFacts, boolean recordFirings) {
    List<Object> sorted = sortedFacts(inputFacts);
    long ingresses = sorted.stream().filter(o -> o instanceof IngressFact).count();
    if (!recordFirings && ingresses > BATCH_INGRESSES) {
      Translation t = inBatches(settings, sorted);
      if (t != null) {
        return new Result(assemble(t), t);
      }
    }
    List<Object> facts = new ArrayList<>(sorted);
    facts.add(0, settings);
    Translation t = runner.run(facts, recordFirings);
    return new Result(assemble(t), t);
  }

  /** Plans batches of groups in separate sessions; null when a group was split across batches. */
  Translation inBatches(ControllerSettings settings, List<Object> sorted) {
    java.util.function.Function<IngressFact, String> groupOf = Classes.keying(sorted);
    Map<String, List<Object>> byGroup = new TreeMap<>();
    List<Object> shared = new ArrayList<>();
    for (Object o : sorted) {
      if (o instanceof IngressFact i) {
        byGroup.computeIfAbsent(groupOf.apply(i), k -> new ArrayList<>()).add(i);
      } else {
        shared.add(o);
      }
    }
    List<List<Object>> batches = new ArrayList<>();
    List<Object> current = new ArrayList<>();
    for (List<Object> members : byGroup.values()) {
      if (!current.isEmpty() && current.size() + members.size() > BATCH_INGRESSES) {
        batches.add(current);
        current = new ArrayList<>();
      }
      current.addAll(members);
    }
    batches.add(current);
    List<Translation> parts = new ArrayList<>();
    Map<String, Integer> batchOfGroup = new HashMap<>();
    for (int b = 0; b < batches.size(); b++) {
      List<Object> facts = new ArrayList<>(shared);
      facts.addAll(batches.get(b));
      Translation t = runner.run(withSettings(settings, facts), false);
      for (var g : t.groups()) {
        Integer seen = batchOfGroup.putIfAbsent(g.id(), b);
        if (seen != null && seen != b) {
          return null;
        }
      }
      parts.add(t);
    }
    return merge(parts);
  }

  /** The controller settings first, then the facts in their sorted order. */
  private static List<Object> withSettings(ControllerSettings settings, List<Object> facts) {
    List<Object> out = new ArrayList<>(sortedFacts(facts));
    out.add(0, settings);
    return out;
  }

  static Translation merge(List<Translation> parts) {
    List<dev.albc.rules.api.Group> groups = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    List<dev.albc.rules.api.Setting> settings = new ArrayList<>();
    List<Effective> effective = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Intent> intents = new ArrayList<>();
    List<dev.albc.rules.api.Lookup> lookups = new ArrayList<>();
    for (Translation t : parts) {
      groups.addAll(t.groups());
      members.addAll(t.members());
      settings.addAll(t.settings());
      effective.addAll(t.effective());
      diagnostics.addAll(t.diagnostics());
      intents.addAll(t.intents());
      lookups.addAll(t.lookups());
    }
    return new Translation(groups, members, settings, effective, diagnostics, intents, List.of(), lookups);
  }

  /** Sorts facts by kind and key (so input order never matters) and adds missing namespaces. */
  static List<Object> sortedFacts(Collection<?> input) {
    Map<String, Object> byKey = new TreeMap<>();
    Set<String> namespaces = new TreeSet<>();
    Set<String> declared = new TreeSet<>();
    for (Object o : input) {
      byKey.put(sortKey(o), o);
      if (o instanceof IngressFact i) {
        namespaces.add(i.namespace());
      } else if (o instanceof NamespaceFact n) {
        declared.add(n.name());
      }
    }
    for (String ns : namespaces) {
      if (!declared.contains(ns)) {
        NamespaceFact n = new NamespaceFact(ns, Map.of("kubernetes.io/metadata.name", ns));
        byKey.put(sortKey(n), n);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  static String sortKey(Object o) {
    String k;
    if (o instanceof IngressFact i) {
      k = "1/" + i.key();
    } else if (o instanceof ServiceFact s) {
      k = "2/" + s.key();
    } else if (o instanceof IngressClassFact c) {
      k = "3/" + c.name();
    } else if (o instanceof IngressClassParamsFact p) {
      k = "4/" + p.name();
    } else if (o instanceof NamespaceFact n) {
      k = "5/" + n.name();
    } else if (o instanceof SubnetFact s) {
      k = "6/" + s.id();
    } else if (o instanceof RouteTableFact r) {
      k = "7/" + r.id();
    } else if (o instanceof SecurityGroupFact s) {
      k = "8/" + s.id();
    } else if (o instanceof CertificateFact c) {
      k = "9/" + c.arn();
    } else if (o instanceof dev.albc.facts.LoadBalancerFact lb) {
      k = "a/" + lb.arn();
    } else if (o instanceof dev.albc.facts.WebAclFact w) {
      k = "b/" + w.name() + "/" + w.arn();
    } else if (o instanceof dev.albc.facts.TargetGroupFact t) {
      k = "c/" + t.name() + "/" + t.arn();
    } else if (o instanceof dev.albc.facts.LookupMiss m) {
      k = "d/" + m.kind() + "/" + m.name();
    } else {
      k = "z/" + o.getClass().getName() + "/" + o;
    }
    return k;
  }

  /** Groups, their members in group order, sorted resources and distinct sorted diagnostics. */
  static DesiredState assemble(Translation t) {
    Map<String, Integer> order = new HashMap<>();
    for (Effective e : t.effective()) {
      if (e.name().equals("group.order") && e.scope().startsWith("ingress:")) {
        order.put(e.scope().substring("ingress:".length()), ((Number) e.value()).intValue());
      }
    }
    Set<String> groupIds = new TreeSet<>();
    t.groups().forEach(g -> groupIds.add(g.id()));
    Map<String, Set<DesiredDiagnostic>> diags = new TreeMap<>();
    List<DesiredDiagnostic> loose = new ArrayList<>();
    for (Diagnostic d : t.diagnostics()) {
      if (d.group() == null) {
        loose.add(DesiredDiagnostic.of(d));
      } else {
        groupIds.add(d.group());
        diags.computeIfAbsent(d.group(), k -> new LinkedHashSet<>()).add(DesiredDiagnostic.of(d));
      }
    }
    Map<String, List<String>> membersByGroup = new HashMap<>();
    for (Member m : t.members()) {
      membersByGroup.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m.key());
    }
    Map<String, List<Intent>> intentsByGroup = new HashMap<>();
    for (Intent i : t.intents()) {
      intentsByGroup.computeIfAbsent(i.groupId(), k -> new ArrayList<>()).add(i);
    }
    List<DesiredGroup> groups = new ArrayList<>();
    for (String id : groupIds) {
      List<String> members = new ArrayList<>(membersByGroup.getOrDefault(id, List.of()));
      members.sort(Comparator.comparingInt((String k) -> order.getOrDefault(k, 0)).thenComparing(k -> k));
      List<DesiredDiagnostic> ds = new ArrayList<>(diags.getOrDefault(id, Set.of()));
      ds.sort(DIAGNOSTIC_ORDER);
      boolean blocked = ds.stream().anyMatch(DesiredDiagnostic::isError);
      List<Intent> resources = new ArrayList<>();
      if (!blocked) {
        Set<String> seen = new TreeSet<>();
        for (Intent i : intentsByGroup.getOrDefault(id, List.of())) {
          if (seen.add(i.kind() + "|" + i.resourceId())) {
            resources.add(i);
          }
        }
        resources.sort(Intent.ORDER);
      }
      groups.add(new DesiredGroup(id, members, resources, ds));
    }
    loose.sort(DIAGNOSTIC_ORDER);
    return DesiredState.of(groups, new ArrayList<>(new LinkedHashSet<>(loose)));
  }

  static final Comparator<DesiredDiagnostic> DIAGNOSTIC_ORDER =
      Comparator.comparing(DesiredDiagnostic::severity)
          .thenComparing(DesiredDiagnostic::object, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(DesiredDiagnostic::field, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(DesiredDiagnostic::message, Comparator.nullsFirst(Comparator.naturalOrder()));
}
