package dev.albc.rules;

import dev.albc.intents.Intent;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Phase;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import dev.albc.rules.lib.Origins;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

/**
 * Runs a rule set over facts: one new session per run, each {@link Phase} fired to quiescence in
 * order. Rules are pure, so the same facts give the same result.
 */
public final class RuleRunner {
  /** A safety net against rules that insert forever. */
  private static final int MAX_FIRINGS = 2_000_000;

  /** {@code -Dalbc.profile=true} prints the time each phase takes to stderr. */
  private static final boolean PROFILE = Boolean.getBoolean("albc.profile");

  private final RuleSet rules;

  public RuleRunner(RuleSet rules) {
    this.rules = rules;
  }

  public RuleSet rules() {
    return rules;
  }

  /**
   * Inserts the facts (in the order given; callers sort them) and fires every phase.
   *
   * @param recordFirings keep a {@link Firing} per rule firing (for explain/test-rules)
   */
  public Translation run(Collection<?> facts, boolean recordFirings) {
    KieSession session = rules.kieBase().newKieSession();
    List<Firing> firings = new ArrayList<>();
    Recorder recorder = new Recorder(firings, recordFirings);
    session.addEventListener(recorder);
    session.addEventListener(recorder.runtime);
    try {
      for (Object f : facts) {
        session.insert(f);
      }
      int total = 0;
      for (String phase : Phase.ORDER) {
        recorder.phase = phase;
        session.getAgenda().getAgendaGroup(phase).setFocus();
        long ps = System.nanoTime();
        total += session.fireAllRules(MAX_FIRINGS);
        if (PROFILE) {
          System.err.printf("albc: phase %-9s %7.1f ms%n", phase, (System.nanoTime() - ps) / 1e6);
        }
        if (total >= MAX_FIRINGS) {
          throw new RuleFailureException(
              "rules fired more than " + MAX_FIRINGS + " times; a rule probably inserts facts forever",
              null, null);
        }
      }
      return collect(session, firings, recorder.runtime.unknown);
    } catch (RuleFailureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(e, recorder.current, recorder.currentPackage);
    } finally {
      session.dispose();
    }
  }

  /** A rule that threw: named with its file and line (where the index knows them) and the root cause. */
  RuleFailureException failure(RuntimeException e, String rule, String pkg) {
    if (rule == null) {
      return RuleFailureException.wrap(e, null);
    }
    RuleIndex.Location loc = pkg == null ? rules.index().locate(rule) : rules.index().locate(pkg, rule);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    String where = loc == null ? "" : loc.where() + ": ";
    return new RuleFailureException(where + "rule \"" + rule + "\" threw while firing: " + what, rule, e);
  }

  /** A setting no rule reads (see {@link SettingNames}) and the rule that inserted it. */
  private record Unknown(Setting setting, String rule, String pkg, String problem) {}

  /**
   * Error diagnostics for settings no rule reads, each naming the rule, its file and line, and the
   * names that scope accepts (docs/rule-authoring.md#settings-scopes-and-precedence).
   */
  private Diagnostic unknownSetting(Unknown u, Map<String, String> groupOfIngressScope) {
    RuleIndex.Location loc = u.rule() == null ? null : rules.index().locate(u.pkg(), u.rule());
    String by = u.rule() == null ? "inserted as a fact"
        : "inserted by rule \"" + u.rule() + "\"" + (loc == null ? "" : " (" + loc.where() + ")");
    String scope = u.setting().scope();
    String group = scope != null && scope.startsWith("ingress:")
        ? groupOfIngressScope.get(scope) : scope == null ? null : Scopes.groupOf(scope);
    return Diagnostic.error(
        group, Origins.object(u.setting().origin()), u.setting().name(), u.problem(),
        by + "; a setting of another name is never read, so it changes nothing", u.rule());
  }

  private Translation collect(KieSession session, List<Firing> firings, List<Unknown> unknown) {
    List<Group> groups = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    List<Setting> settings = new ArrayList<>();
    List<Effective> effective = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Intent> intents = new ArrayList<>();
    Map<String, String> groupOfScope = new java.util.HashMap<>();
    for (Object o : session.getObjects()) {
      if (o instanceof Group g) {
        groups.add(g);
      } else if (o instanceof Member m) {
        members.add(m);
        groupOfScope.put(m.scope(), m.groupId());
      } else if (o instanceof Setting s) {
        settings.add(s);
      } else if (o instanceof Effective e) {
        effective.add(e);
      } else if (o instanceof Diagnostic d) {
        diagnostics.add(d);
      } else if (o instanceof Intent i) {
        intents.add(i);
      }
    }
    for (Unknown u : unknown) {
      diagnostics.add(unknownSetting(u, groupOfScope));
    }
    return new Translation(groups, members, settings, effective, diagnostics, intents, firings);
  }

  /** Records firings and which rule inserted what. */
  private static final class Recorder extends DefaultAgendaEventListener {
    final List<Firing> firings;
    final boolean enabled;
    final Map<Object, Boolean> seen = new IdentityHashMap<>();
    String phase = "";
    String current;
    String currentPackage;
    List<Object> inserted;
    final RuntimeListener runtime = new RuntimeListener();

    Recorder(List<Firing> firings, boolean enabled) {
      this.firings = firings;
      this.enabled = enabled;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      current = event.getMatch().getRule().getName();
      currentPackage = event.getMatch().getRule().getPackageName();
      inserted = enabled ? new ArrayList<>() : null;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      if (enabled) {
        Match m = event.getMatch();
        List<String> matched = new ArrayList<>();
        List<Object> objects = m.getObjects();
        for (Object o : objects) {
          matched.add(Describe.fact(o));
        }
        firings.add(
            new Firing(
                firings.size() + 1,
                m.getRule().getName(),
                m.getRule().getPackageName(),
                phase,
                matched,
                List.copyOf(inserted),
                Collections.unmodifiableList(new ArrayList<>(objects))));
      }
      current = null;
      currentPackage = null;
      inserted = null;
    }

    final class RuntimeListener extends DefaultRuleRuntimeEventListener {
      final List<Unknown> unknown = new ArrayList<>();

      @Override
      public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Setting s) {
          String problem = SettingNames.problem(s.scope(), s.name());
          if (problem != null) {
            var r = event.getRule();
            unknown.add(new Unknown(s, r == null ? null : r.getName(), r == null ? null : r.getPackageName(), problem));
          }
        }
        if (inserted != null && event.getRule() != null) {
          inserted.add(event.getObject());
        }
      }
    }
  }
}
