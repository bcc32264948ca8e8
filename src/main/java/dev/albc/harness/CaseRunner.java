package dev.albc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.albc.cli.ControllerFlags;
import dev.albc.facts.ControllerSettings;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.sources.FactInputs;
import dev.albc.desired.DesiredJson;
import dev.albc.rules.Firing;
import dev.albc.rules.RuleFailureException;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.InputException;
import dev.albc.sources.Documents;
import dev.albc.sources.InputText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import picocli.CommandLine;

/** Runs case files: given inputs → offline plan → compared with the expectations. */
public final class CaseRunner {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final RuleRunner runner;
  private final Set<String> ruleNames;

  public CaseRunner(RuleRunner runner) {
    this.runner = runner;
    Set<String> names = new TreeSet<>();
    for (KiePackage p : runner.rules().kieBase().getKiePackages()) {
      for (Rule r : p.getRules()) {
        names.add(r.getName());
      }
    }
    this.ruleNames = Set.copyOf(names);
  }

  /**
   * One case's outcome. {@code fired} lists the rules that fired (for coverage); {@code broken}
   * is true when a rule threw while firing (the rules, not the case, are at fault).
   */
  public record CaseResult(
      String file, String name, String source, boolean passed, List<String> failures, Set<String> fired,
      boolean broken) {

    public CaseResult(String file, String name, String source, boolean passed, List<String> failures, Set<String> fired) {
      this(file, name, source, passed, failures, fired, false);
    }
  }

  /** A case file that could not be read at all. */
  public static final class CaseFileException extends RuntimeException {
    public CaseFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public List<CaseResult> runFile(Path file, Pattern filter) {
    JsonNode doc;
    try {
      doc = Documents.readSingle(file);
    } catch (InputException e) {
      throw new CaseFileException(e.getMessage(), e);
    }
    List<String> problems = CaseSchema.check(doc, ruleNames);
    if (!problems.isEmpty()) {
      throw new CaseFileException(file + ": not a valid case file (format: docs/rules.md#case-files-testyaml):\n  "
          + String.join("\n  ", problems), null);
    }
    List<CaseResult> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode c : doc.get("cases")) {
      String name = c.path("name").asText("");
      if (name.isEmpty()) {
        throw new CaseFileException(file + ": a case has no name", null);
      }
      if (!names.add(name)) {
        throw new CaseFileException(file + ": two cases are named \"" + name + "\"", null);
      }
      if (filter != null && !filter.matcher(name).find()) {
        continue;
      }
      try {
        out.add(runCase(file, c));
      } catch (CaseFileException e) {
        throw new CaseFileException(file + ": case \"" + name + "\": " + e.getMessage(), e);
      }
    }
    return out;
  }

  CaseResult runCase(Path file, JsonNode c) {
    String name = c.path("name").asText();
    String source = c.path("source").asText(null);
    List<String> failures = new ArrayList<>();
    Set<String> fired = new LinkedHashSet<>();
    JsonNode expect = c.path("expect");
    int exitCode;
    DesiredState plan = null;
    List<Firing> firings = List.of();
    boolean broken = false;
    try {
      Path base = file.toAbsolutePath().getParent();
      ControllerSettings settings = settings(c.path("given").path("settings"));
      List<InputText> manifests = texts(base, c.path("given").path("manifests"), name, false);
      List<InputText> aws = texts(base, c.path("given").path("awsFacts"), name, true);
      List<Object> facts = FactInputs.facts(manifests, aws, settings.vpcId());
      var result = new DesiredStateBuilder(runner).plan(settings, facts, true);
      if (!result.translation().lookups().isEmpty()) {
        // as albc plan: a look-up no awsFacts dump answers is an input error (exit 2)
        throw new InputException(String.join("; ",
            result.translation().lookups().stream().map(dev.albc.rules.api.Lookup::offlineMessage).toList()));
      }
      plan = result.plan();
      firings = result.translation().firings();
      for (Firing f : firings) {
        fired.add(f.rule());
      }
      exitCode = plan.hasErrors() ? 1 : 0;
    } catch (RuleFailureException e) {
      broken = true;
      exitCode = 2;
      failures.add(e.getMessage());
    } catch (IllegalArgumentException | InputException e) {
      exitCode = 2;
      if (!expect.has("exitCode") || expect.get("exitCode").asInt() != 2) {
        failures.add("input error: " + e.getMessage());
      } else if (expect.has("error") && !e.getMessage().contains(expect.get("error").asText())) {
        failures.add("expected the input error to contain \"" + expect.get("error").asText() + "\", got: " + e.getMessage());
      }
    }
    int wantExit = expect.has("exitCode") ? expect.get("exitCode").asInt() : impliedExit(expect);
    if (wantExit != exitCode && failures.isEmpty() && !broken) {
      failures.add("expected exit code " + wantExit + ", got " + exitCode
          + (plan == null ? "" : errorsOf(plan)));
    }
    if (plan != null) {
      PlanMatcher.match(DesiredJson.tree(plan), expect, failures);
    }
    if (!broken) {
      for (JsonNode r : expect.path("fired")) {
        FiredExpectation f = FiredExpectation.of(r);
        if (!f.matchesAny(firings)) {
          failures.add("rule \"" + f.rule() + "\" did not fire" + f.onText() + firedOnText(f, firings));
        }
      }
      for (JsonNode r : expect.path("notFired")) {
        FiredExpectation f = FiredExpectation.of(r);
        if (f.matchesAny(firings)) {
          failures.add("rule \"" + f.rule() + "\" fired but should not" + f.onText());
        }
      }
    }
    return new CaseResult(file.toString(), name, source, failures.isEmpty(), failures, fired, broken);
  }

  /**
   * A {@code fired}/{@code notFired} entry: a rule name, or {@code {rule: <name>, on: <text>}} where
   * the rule must have fired (or not) on a matched fact whose description contains the text
   * ({@code Ingress team-a/web}, {@code Subnet subnet-0abc}, {@code group:shared scheme=…}).
   */
  record FiredExpectation(String rule, String on) {
    static FiredExpectation of(JsonNode n) {
      if (n.isObject()) {
        String rule = n.path("rule").asText("");
        if (rule.isEmpty()) {
          throw new CaseFileException("a fired/notFired entry needs `rule:` (got " + n + ")", null);
        }
        return new FiredExpectation(rule, n.hasNonNull("on") ? n.get("on").asText() : null);
      }
      return new FiredExpectation(n.asText(), null);
    }

    boolean matches(Firing f) {
      if (!f.rule().equals(rule)) {
        return false;
      }
      return on == null || f.matched().stream().anyMatch(m -> m.contains(on));
    }

    boolean matchesAny(List<Firing> firings) {
      return firings.stream().anyMatch(this::matches);
    }

    String onText() {
      return on == null ? "" : " on " + on;
    }
  }

  static String firedOnText(FiredExpectation f, List<Firing> firings) {
    if (f.on() == null) {
      return "";
    }
    List<String> on = new ArrayList<>();
    for (Firing x : firings) {
      if (x.rule().equals(f.rule())) {
        on.add(String.join(", ", x.matched()));
      }
    }
    return on.isEmpty() ? " (it did not fire at all)" : " (it fired on: " + String.join(" | ", on) + ")";
  }

  static int impliedExit(JsonNode expect) {
    for (JsonNode d : expect.path("diagnostics")) {
      if ("error".equals(d.path("severity").asText())) {
        return 1;
      }
    }
    return 0;
  }

  static String errorsOf(DesiredState plan) {
    StringBuilder s = new StringBuilder();
    for (var g : plan.groups()) {
      for (var d : g.diagnostics()) {
        if (d.isError()) {
          s.append("\n      [").append(g.id()).append("] ").append(dev.albc.desired.DesiredTable.line(d));
        }
      }
    }
    return s.toString();
  }

  /** Settings by flag name, parsed exactly as the command line's flags. */
  static ControllerSettings settings(JsonNode settings) {
    List<String> args = new ArrayList<>();
    if (settings.isObject()) {
      var it = settings.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        String value = v.isObject() ? mapFlag(v) : v.asText();
        args.add("--" + e.getKey() + "=" + value);
      }
    }
    ControllerFlags flags = new ControllerFlags();
    try {
      new CommandLine(flags).parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException("settings: " + e.getMessage(), e);
    }
    return flags.toSettings();
  }

  /** A map given for a map-valued flag ({@code default-tags}, {@code feature-gates}): k=v,k2=v2. */
  static String mapFlag(JsonNode v) {
    List<String> parts = new ArrayList<>();
    v.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(",", parts);
  }

  static List<InputText> texts(Path base, JsonNode items, String caseName, boolean json) {
    List<InputText> out = new ArrayList<>();
    if (items == null || items.isMissingNode() || items.isNull()) {
      return out;
    }
    if (!items.isArray()) {
      throw new InputException("case \"" + caseName + "\": " + (json ? "awsFacts" : "manifests") + " must be a list");
    }
    int i = 0;
    for (JsonNode item : items) {
      i++;
      if (item.isObject() && item.size() == 1 && item.has("path")) {
        Path p = base.resolve(item.get("path").asText());
        out.addAll(InputText.read(List.of(p), json ? InputText.JSON_EXTENSIONS : InputText.MANIFEST_EXTENSIONS));
      } else {
        String origin = "case \"" + caseName + "\" " + (json ? "awsFacts" : "manifests") + "[" + (i - 1) + "]" + (json ? ".json" : ".yaml");
        try {
          out.add(new InputText(origin, json ? DesiredJson.JSON.writeValueAsString(item) : YAML.writeValueAsString(item)));
        } catch (IOException e) {
          throw new InputException(origin + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  static String firstLine(String s) {
    return s == null ? "" : s.split("\n")[0];
  }
}
