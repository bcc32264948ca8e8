package dev.albc.controller;

import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A bad member does not block its group (docs/controller.md): which members of a group are planned
 * as they are now, which are held at their last valid version, which are left out (never valid),
 * or whether the whole group keeps its last valid plan. Pure: the rules are a function of the facts
 * passed in; nothing here writes.
 *
 * <p>The group is planned with every member as it is now; when the rules refuse it, the suspects
 * are the members whose inputs changed since their last valid plan ({@link MemberInputs}). With
 * every suspect held (or left out, when it was never valid and never deployed) the group must plan
 * cleanly, else the conflict is not theirs and the group is held as a whole. Then each suspect, in
 * name order, is tried as it is now; one that keeps the group clean is taken, one that does not is
 * held, with the errors that trying it gave. A suspect that uses a Service, class, parameters or
 * Namespace that a held member needs in its last valid version stays held beside it.
 */
public final class Quarantine {
  private Quarantine() {}

  /**
   * One active member.
   *
   * @param lastValid its last valid inputs, or null (never valid, or kept before albc kept them)
   * @param deployed whether it held the group's finalizer before this reconcile (its rules may be
   *     in AWS: it is never left out)
   */
  public record Member(IngressFact fact, MemberInputs now, MemberInputs lastValid, boolean deployed) {
    public String key() {
      return fact.key();
    }

    boolean changed() {
      return !Objects.equals(now, lastValid);
    }
  }

  /** A member not planned as it is now: held at {@code lastValid}, or left out when that is null. */
  public record Held(String key, MemberInputs lastValid, List<DesiredDiagnostic> why) {
    public boolean leftOut() {
      return lastValid == null;
    }
  }

  /**
   * @param desired the group to deploy; null when nothing is (the rules name no such group, every
   *     member is left out, or the group is held as a whole)
   * @param held the members not planned as they are now, by name
   * @param wholeGroup true when the group keeps its last valid plan as a whole (no AWS write)
   * @param errors the errors of the members as they are now (the group as a whole's, when held)
   */
  public record Decision(DesiredGroup desired, List<Held> held, boolean wholeGroup, List<DesiredDiagnostic> errors) {
    public boolean isHeld(String key) {
      return held.stream().anyMatch(h -> h.key().equals(key));
    }
  }

  public static Decision decide(List<Object> facts, List<Member> members, Function<List<Object>, DesiredGroup> rules) {
    DesiredGroup first = rules.apply(facts);
    if (first == null || errors(first).isEmpty()) {
      return new Decision(first, List.of(), false, List.of());
    }
    Map<String, Member> suspects = new LinkedHashMap<>();
    members.stream().filter(m -> m.changed() && (m.lastValid() != null || !m.deployed()))
        .sorted(Comparator.comparing(Member::key)).forEach(m -> suspects.put(m.key(), m));
    if (suspects.isEmpty()) {
      return new Decision(null, List.of(), true, errors(first));
    }
    Map<String, Member> held = new LinkedHashMap<>(suspects);
    DesiredGroup accepted = rules.apply(withHeld(facts, held.values()));
    if (accepted != null && !errors(accepted).isEmpty()) {
      return new Decision(null, List.of(), true, errors(first));
    }
    Map<String, List<DesiredDiagnostic>> why = new LinkedHashMap<>();
    for (Member m : suspects.values()) {
      held.remove(m.key());
      if (!sharesAsIs(m, held.values())) {
        // a Service, class or parameters it uses as they are now would be planned as a held member had them
        held.put(m.key(), m);
        why.put(m.key(), blame(m.key(), first));
        continue;
      }
      DesiredGroup trial = rules.apply(withHeld(facts, held.values()));
      if (trial != null && errors(trial).isEmpty()) {
        accepted = trial;
      } else {
        held.put(m.key(), m);
        why.put(m.key(), blame(m.key(), trial == null ? first : trial));
      }
    }
    List<Held> out = new ArrayList<>();
    held.values().forEach(m -> out.add(new Held(m.key(), m.lastValid(), why.get(m.key()))));
    return new Decision(accepted, out, false, errors(first));
  }

  /**
   * Whether the member as it is now sees what it refers to as it is now, with those members held:
   * a held member's last valid Service, IngressClass, IngressClassParams or Namespace replaces the
   * current one for the whole group ({@link #withHeld}), so a member that uses a different version
   * of the same object cannot be planned as it is beside them (an edited IngressClassParams is so
   * pinned on every member that uses it, not on the first one tried).
   */
  static boolean sharesAsIs(Member m, java.util.Collection<Member> held) {
    MemberInputs now = m.now();
    for (Member h : held) {
      MemberInputs v = h.lastValid();
      if (v == null) {
        continue;
      }
      for (ServiceFact s : v.services()) {
        if (now.services().stream().anyMatch(n -> n.key().equals(s.key()) && !n.equals(s))) {
          return false;
        }
      }
      if (differs(now.ingressClass(), v.ingressClass(), IngressClassFact::name)
          || differs(now.params(), v.params(), IngressClassParamsFact::name)
          || differs(now.namespace(), v.namespace(), NamespaceFact::name)) {
        return false;
      }
    }
    return true;
  }

  private static <T> boolean differs(T now, T held, Function<T, String> name) {
    return now != null && held != null && name.apply(now).equals(name.apply(held)) && !now.equals(held);
  }

  /** The facts with each held member as its last valid inputs describe it, or without it. */
  static List<Object> withHeld(List<Object> facts, java.util.Collection<Member> held) {
    Map<String, Member> byKey = new LinkedHashMap<>();
    Map<String, ServiceFact> services = new LinkedHashMap<>();
    Map<String, IngressClassFact> classes = new LinkedHashMap<>();
    Map<String, IngressClassParamsFact> params = new LinkedHashMap<>();
    Map<String, NamespaceFact> namespaces = new LinkedHashMap<>();
    for (Member m : held) {
      byKey.put(m.key(), m);
      MemberInputs v = m.lastValid();
      if (v != null) {
        v.services().forEach(s -> services.put(s.key(), s));
        if (v.ingressClass() != null) {
          classes.put(v.ingressClass().name(), v.ingressClass());
        }
        if (v.params() != null) {
          params.put(v.params().name(), v.params());
        }
        if (v.namespace() != null) {
          namespaces.put(v.namespace().name(), v.namespace());
        }
      }
    }
    List<Object> out = new ArrayList<>();
    for (Object o : facts) {
      if (o instanceof IngressFact i && byKey.containsKey(i.key())) {
        MemberInputs v = byKey.get(i.key()).lastValid();
        if (v != null) {
          out.add(v.asFact(i));
        }
      } else if (!(o instanceof ServiceFact s && services.containsKey(s.key()))
          && !(o instanceof IngressClassFact c && classes.containsKey(c.name()))
          && !(o instanceof IngressClassParamsFact p && params.containsKey(p.name()))
          && !(o instanceof NamespaceFact n && namespaces.containsKey(n.name()))) {
        out.add(o);
      }
    }
    out.addAll(services.values());
    out.addAll(classes.values());
    out.addAll(params.values());
    out.addAll(namespaces.values());
    return out;
  }

  /** The errors that name the member, else every error (a conflict naming another object). */
  static List<DesiredDiagnostic> blame(String key, DesiredGroup g) {
    List<DesiredDiagnostic> all = errors(g);
    List<DesiredDiagnostic> own = all.stream().filter(d -> ("Ingress " + key).equals(d.object())).toList();
    return own.isEmpty() ? all : own;
  }

  static List<DesiredDiagnostic> errors(DesiredGroup g) {
    return g == null ? List.of() : g.diagnostics().stream().filter(DesiredDiagnostic::isError).toList();
  }

  /** A diagnostic as events and the status say it: object, field, message and what was expected. */
  public static String describe(DesiredDiagnostic d) {
    return (d.object() == null ? "" : d.object()) + (d.field() == null ? "" : " " + d.field()) + ": " + d.message()
        + (d.hint() == null ? "" : " (" + d.hint() + ")");
  }
}
