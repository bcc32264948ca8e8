package dev.albc.cli;

import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.rules.Explanation;
import dev.albc.rules.RuleRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code albc explain}: for every resource of the plan (or one), and every field (or one), the
 * rules that set it and the facts they matched, from the engine's record of the run. Offline,
 * with the same inputs and flags as {@code plan}.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain why each field of each resource albc would create for the Ingresses in PATH has its",
      "value: the rules that set it, the facts (object, annotation, value) they matched, and the",
      "settings it won over. Offline, with the same inputs and flags as plan.",
      "Exit 0: explained; 2: bad usage, unreadable input, rules that do not load or a rule that threw."
    })
public final class ExplainCommand implements Callable<Integer> {
  enum Format { text, json }

  @Mixin ControllerFlags flags;
  @Mixin RuleOptions ruleOptions;

  @Option(names = "--aws-facts", paramLabel = "FILE",
      description = "AWS CLI JSON (describe-subnets, describe-route-tables, describe-security-groups, acm); repeatable.")
  List<Path> awsFacts = new ArrayList<>();

  @Option(names = "--resource", paramLabel = "NAME",
      description = "Only this resource: a ResourceId (80:3, LoadBalancer, ns/ing-svc:80), GROUP/ResourceId, or a kind (ListenerRule).")
  String resource;

  @Option(names = "--field", paramLabel = "FIELD",
      description = "Only this field: Priority, Scheme, Subnets, Attributes, Attributes.<key>, Tags.<key>, or a setting name (wafv2-acl-arn).")
  String field;

  @Option(names = {"-o", "--output"}, description = "text or json (default: ${DEFAULT-VALUE}).")
  Format output = Format.text;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Manifest files or folders.")
  List<Path> paths = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OfflineRun run = OfflineRun.prepare("explain", flags, ruleOptions, paths, awsFacts, err);
    if (run == null) {
      return Main.EXIT_USAGE;
    }
    RuleRunner runner = run.planner().runner();
    DesiredStateBuilder.Result result = run.planner().plan(run.settings(), run.facts(), true);
    List<String> groups = result.plan().groups().stream().map(DesiredState.DesiredGroup::id).toList();
    Explanation e = Explanation.of(result.translation(), runner.rules().index(), groups, resource, field);
    out.print(output == Format.json ? e.json() : e.text());
    out.flush();
    if ((resource != null || field != null) && e.resources().isEmpty() && e.blocked().isEmpty()) {
      err.println("albc explain: no resource" + (resource == null ? "" : " " + resource)
          + (field == null ? "" : " with field " + field) + " in the plan");
      err.flush();
      return Main.EXIT_USAGE;
    }
    return 0;
  }
}
