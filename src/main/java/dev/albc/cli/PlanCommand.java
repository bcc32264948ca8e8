package dev.albc.cli;

import dev.albc.facts.ControllerSettings;
import dev.albc.plan.OfflinePlanner;
import dev.albc.plan.Plan;
import dev.albc.plan.PlanInputs;
import dev.albc.plan.PlanJson;
import dev.albc.plan.PlanTable;
import dev.albc.sources.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code albc plan}: the resources the rules want, offline, with no AWS and no cluster. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show the ALBs, listeners, rules, target groups and security groups albc would create for the",
      "Ingresses in PATH (files or folders of Kubernetes YAML), offline.",
      "Exit 0: no error; 1: error diagnostics; 2: bad usage or unreadable input."
    })
public final class PlanCommand implements Callable<Integer> {
  enum Format { table, json, yaml }

  @Mixin ControllerFlags flags;
  @Mixin RuleOptions ruleOptions;

  @Option(names = "--aws-facts", paramLabel = "FILE",
      description = "AWS CLI JSON (describe-subnets, describe-route-tables, describe-security-groups, acm list-certificates / describe-certificate); repeatable.")
  List<Path> awsFacts = new ArrayList<>();

  @Option(names = {"-o", "--output"}, description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Format output = Format.table;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Manifest files or folders.")
  List<Path> paths = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ControllerSettings settings;
    List<Object> facts;
    try {
      settings = flags.toSettings();
      facts = PlanInputs.read(paths, awsFacts, settings.vpcId());
    } catch (IllegalArgumentException | InputException e) {
      err.println("albc plan: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    var runner = ruleOptions.runner(err);
    if (runner == null) {
      return Main.EXIT_USAGE;
    }
    Plan plan = new OfflinePlanner(runner).plan(settings, facts, false).plan();
    switch (output) {
      case json -> out.print(PlanJson.json(plan));
      case yaml -> out.print(PlanJson.yaml(plan));
      default -> out.print(PlanTable.render(plan));
    }
    out.flush();
    if (output != Format.table) {
      Diagnostics.print(plan, err);
    }
    return plan.hasErrors() ? 1 : 0;
  }
}
