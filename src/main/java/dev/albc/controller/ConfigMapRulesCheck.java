package dev.albc.controller;

import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.SettingNames;
import dev.albc.rules.RuleSet;
import dev.albc.rules.RuleSetHolder;
import dev.albc.rules.RuleSource;
import dev.albc.rules.Translation;
import dev.albc.rules.api.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test a new rule set passes before it is put in force (docs/controller.md "Rules from
 * ConfigMaps"): every current group is planned with it, offline — the fact store's facts and the
 * cached account facts, no AWS write — in one rule session. Refused: a rule that throws (any
 * {@link Throwable}, a {@link StackOverflowError} included), that overruns the rule firing budget
 * ({@link RuleRunner} throws then), a run that does not end within {@code timeout}, or a
 * {@link Setting} whose name no built-in rule knows (a typo would silently do nothing).
 * Diagnostics the rules give — a house policy refusing an Ingress — are not failures.
 */
public final class ConfigMapRulesCheck implements RuleSetHolder.Check {

  private final ControllerSettings settings;
  private final KubeFacts kube;
  private final AccountFactSource account;
  private final Duration timeout;

  public ConfigMapRulesCheck(ControllerSettings settings, KubeFacts kube, AccountFactSource account, Duration timeout) {
    this.settings = settings;
    this.kube = kube;
    this.account = account;
    this.timeout = timeout;
  }

  @Override
  public List<String> problems(RuleSet next) {
    List<Object> cluster = kube.all();
    List<Object> facts = new ArrayList<>();
    if (cluster.stream().anyMatch(IngressFact.class::isInstance)) {
      try {
        facts.addAll(account.facts());
      } catch (RuntimeException e) {
        // no account facts (AWS unreachable): the rules still run over the cluster's facts
      }
    }
    facts.addAll(cluster);
    FutureTask<Translation> run = new FutureTask<>(
        () -> new DesiredStateBuilder(new RuleRunner(next)).plan(settings, facts, false).translation());
    Thread t = new Thread(run, "albc-rules-check");
    t.setDaemon(true);
    t.start();
    Translation out;
    try {
      out = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      return List.of("planning the current groups with the new rules did not end within " + timeout.toSeconds()
          + " s (a rule that loops?)");
    } catch (ExecutionException e) {
      return List.of("planning the current groups with the new rules failed: " + describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("interrupted while checking the new rules");
    }
    return unknownSettings(out.settings());
  }

  /** One problem per setting name no built-in rule knows, with the rule that set it. */
  static List<String> unknownSettings(List<Setting> settings) {
    Set<String> out = new TreeSet<>();
    for (Setting s : settings) {
      if (SettingNames.problem(s.scope(), s.name()) != null) {
        out.add("setting \"" + s.name() + "\" (scope " + s.scope() + ", set by " + s.origin()
            + ") does not exist: no rule reads it (the names: docs/rule-authoring.md, settings by scope)");
      }
    }
    return List.copyOf(out);
  }

  /** Whether some scope's rules read a setting of this name (the registry of {@link SettingNames}). */
  static boolean isKnown(String name) {
    return name != null && java.util.stream.Stream.of(SettingNames.Kind.values()).anyMatch(k -> k.accepts(name));
  }

  /** The throwable's own message (a rule failure names its file and line), or its class. */
  static String describe(Throwable t) {
    if (t instanceof StackOverflowError) {
      return "a rule recursed without end (StackOverflowError)";
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getName() : m;
  }
}
