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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  /** The firing budget of one session (docs/limits.md#rules): a rule that inserts forever. */
  public static final int MAX_FIRINGS = 2_000_000;

  /** The firing budget in force: {@link #MAX_FIRINGS}, or {@code -Dalbc.rules.maxFirings}. */
  public static int maxFirings() {
    return Integer.getInteger("albc.rules.maxFirings", MAX_FIRINGS);
  }

  /** The time budget of one session in seconds, {@code -Dalbc.rules.timeout} (docs/limits.md#rules). */
  public static long timeoutSeconds() {
    return Long.getLong("albc.rules.timeout", 60);
  }

  /** The stack of the thread a session runs on; a rule that recurses deeper overflows it. */
  private static final long WORKER_STACK_BYTES = 16L << 20;

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
   * Inserts the facts (in the order given; callers sort them) and fires every phase, on a worker
   * thread within the time budget: Java cannot stop a thread stuck in user code, so when the budget
   * runs out the session is abandoned and the rule that was firing is named.
   *
   * @param recordFirings keep a {@link Firing} per rule firing (for explain/test-rules)
   * @throws RuleFailureException a rule threw (or overflowed the stack), or a budget ran out
   */
  public Translation run(Collection<?> facts, boolean recordFirings) {
    return run(facts, recordFirings, Duration.ofSeconds(timeoutSeconds()));
  }

  Translation run(Collection<?> facts, boolean recordFirings, Duration budget) {
    List<Firing> firings = new ArrayList<>();
    Recorder recorder = new Recorder(firings, recordFirings);
    CompletableFuture<Translation> result = new CompletableFuture<>();
    Thread worker = new Thread(null, () -> {
      try {
        result.complete(session(facts, recorder, firings));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "albc-rules", WORKER_STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    try {
      return result.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String rule = recorder.current;
      String pkg = recorder.currentPackage;
      List<String> files = blamed(worker.getStackTrace(), pkg, rule, rules.index());
      worker.interrupt();
      String at = where(rule, pkg);
      if (at.isEmpty() && !files.isEmpty()) {
        at = files.get(0) + ": ";
      }
      throw new RuleTimeoutException(at + "the rules ran past the time budget of "
          + budget.toSeconds() + " s" + (rule == null ? "" : " while rule \"" + rule + "\" was firing")
          + " (docs/limits.md#rules)", rule, budget, files,
          rules.index().sources().stream().filter(s -> !s.builtin()).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.interrupt();
      throw new RuleFailureException("interrupted while the rules ran", null, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Translation session(Collection<?> facts, Recorder recorder, List<Firing> firings) {
    KieSession session = rules.kieBase().newKieSession();
    session.addEventListener(recorder);
    session.addEventListener(recorder.runtime);
    try {
      for (Object f : facts) {
        session.insert(f);
      }
      int total = 0;
      int budget = maxFirings();
      for (String phase : Phase.ORDER) {
        recorder.phase = phase;
        session.getAgenda().getAgendaGroup(phase).setFocus();
        long ps = System.nanoTime();
        total += session.fireAllRules(budget - total);
        if (PROFILE) {
          System.err.printf("albc: phase %-9s %7.1f ms%n", phase, (System.nanoTime() - ps) / 1e6);
        }
        if (total >= budget) {
          var top = recorder.mostFired();
          throw new RuleFailureException(where(top.getKey(), recorder.packageOf.get(top.getKey()))
              + "the rules fired " + budget + " times, the firing budget of a session (docs/limits.md#rules);"
              + " rule \"" + top.getKey() + "\" fired " + top.getValue() + " times: it probably inserts facts forever",
              top.getKey(), null);
        }
      }
      return collect(session, firings, recorder.runtime.unknown);
    } catch (RuleFailureException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw failure(e, recorder.current, recorder.currentPackage);
    } finally {
      session.dispose();
    }
  }

  /**
   * The user rule files a stuck session is in: the packages of the worker's stack frames, innermost
   * first (a user function or condition runs in its file's package, and user packages are their
   * own, {@link RuleGuard}), then the file of the rule that was firing when it is a user file.
   * Empty when no user code is on the stack (a built-in rule was merely slow).
   */
  static List<String> blamed(StackTraceElement[] stack, String pkg, String rule, RuleIndex index) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    Map<String, List<String>> files = index.userFilesByPackage();
    for (StackTraceElement e : stack) {
      String cls = e.getClassName();
      int dot = cls.lastIndexOf('.');
      out.addAll(files.getOrDefault(dot < 0 ? "" : cls.substring(0, dot), List.of()));
    }
    RuleIndex.Location loc = rule == null || pkg == null ? null : index.locate(pkg, rule);
    if (loc != null && !loc.builtin()) {
      out.add(loc.file());
    }
    return List.copyOf(out);
  }

  /** {@code file:line: } of a rule, or "" when it is not known. */
  private String where(String rule, String pkg) {
    if (rule == null) {
      return "";
    }
    RuleIndex.Location loc = pkg == null ? rules.index().locate(rule) : rules.index().locate(pkg, rule);
    return loc == null ? "" : loc.where() + ": ";
  }

  /**
   * A rule that threw: named with its file and line (where the index knows them) and the root cause.
   * An exception in a condition is thrown outside any firing; Drools names the rule in its message.
   */
  RuleFailureException failure(Throwable e, String rule, String pkg) {
    if (rule == null) {
      java.util.regex.Matcher m = CONDITION_RULE.matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        rule = m.group(1);
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = root instanceof StackOverflowError
        ? "StackOverflowError: the rule recursed too deep (docs/limits.md#rules)"
        : root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    if (rule == null) {
      return new RuleFailureException("rules failed: " + what, null, e);
    }
    String when = pkg == null && rule != null && CONDITION_RULE.matcher(String.valueOf(e.getMessage())).find()
        ? "threw while evaluating its conditions: " : "threw while firing: ";
    return new RuleFailureException(where(rule, pkg) + "rule \"" + rule + "\" " + when + what, rule, e);
  }

  /** How Drools names the rule of a condition that threw: {@code [Rule "name" in file]}. */
  private static final java.util.regex.Pattern CONDITION_RULE = java.util.regex.Pattern.compile("\\[Rule \"(.+?)\" in ");

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
    List<dev.albc.rules.api.Lookup> lookups = new ArrayList<>();
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
      } else if (o instanceof dev.albc.rules.api.Lookup l) {
        lookups.add(l);
      }
    }
    for (Unknown u : unknown) {
      diagnostics.add(unknownSetting(u, groupOfScope));
    }
    return new Translation(groups, members, settings, effective, diagnostics, intents, firings, lookups);
  }

  /** Records firings and which rule inserted what. */
  private static final class Recorder extends DefaultAgendaEventListener {
    final List<Firing> firings;
    final boolean enabled;
    final Map<Object, Boolean> seen = new IdentityHashMap<>();
    String phase = "";
    volatile String current;
    volatile String currentPackage;
    final Map<String, Integer> fired = new java.util.HashMap<>();
    final Map<String, String> packageOf = new java.util.HashMap<>();
    List<Object> inserted;
    final RuntimeListener runtime = new RuntimeListener();

    Recorder(List<Firing> firings, boolean enabled) {
      this.firings = firings;
      this.enabled = enabled;
    }

    /** The rule that fired most (the one a firing budget names). */
    Map.Entry<String, Integer> mostFired() {
      return fired.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
          .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      current = event.getMatch().getRule().getName();
      currentPackage = event.getMatch().getRule().getPackageName();
      fired.merge(current, 1, Integer::sum);
      packageOf.putIfAbsent(current, currentPackage);
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
