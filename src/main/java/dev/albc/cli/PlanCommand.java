package dev.albc.cli;

import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredJson;
import dev.albc.desired.DesiredTable;
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
      "With --live: read AWS (never write) and show the changes albc apply would make, with their risk;",
      "the Ingresses come from PATH or the cluster of --kubeconfig, AWS facts from the account (docs/apply.md).",
      "Exit 0: no error; 1: error diagnostics; 2: bad usage or unreadable input; 3 (--live): an AWS call failed."
    })
public final class PlanCommand implements Callable<Integer> {
  enum Format { table, json, yaml }

  @Mixin ControllerFlags flags;
  @Mixin RuleOptions ruleOptions;
  @Mixin ApplyCommand.LiveOptions live;

  @Option(names = "--live", description = "Plan against the live AWS account: print the changes (read-only).")
  boolean liveMode;

  @Option(names = "--aws-facts", paramLabel = "FILE",
      description = "AWS CLI JSON (describe-subnets, describe-route-tables, describe-security-groups, acm list-certificates / describe-certificate,"
          + " elbv2 describe-load-balancers / describe-tags / describe-target-groups / describe-ssl-policies / describe-trust-stores, wafv2 list-web-acls); repeatable.")
  List<Path> awsFacts = new ArrayList<>();

  @Option(names = {"-o", "--output"}, description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Format output = Format.table;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Manifest files or folders (with --live and --kubeconfig: optional).")
  List<Path> paths = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (liveMode) {
      return live(out, err);
    }
    if (paths.isEmpty()) {
      err.println("albc plan: give at least one manifest file or folder (PATH)");
      return Main.EXIT_USAGE;
    }
    OfflineRun run = OfflineRun.prepare("plan", flags, ruleOptions, paths, awsFacts, err);
    if (run == null) {
      return Main.EXIT_USAGE;
    }
    var result = run.planner().plan(run.settings(), run.facts(), false);
    if (!result.translation().lookups().isEmpty()) {
      // the rules need an answer from the account that no --aws-facts dump holds (docs/apply.md "Look-ups")
      result.translation().lookups().forEach(l -> err.println("albc plan: " + l.offlineMessage()));
      err.flush();
      return Main.EXIT_USAGE;
    }
    DesiredState plan = result.plan();
    switch (output) {
      case json -> out.print(DesiredJson.json(plan));
      case yaml -> out.print(DesiredJson.yaml(plan));
      default -> out.print(DesiredTable.render(plan));
    }
    out.flush();
    if (output != Format.table) {
      Diagnostics.print(plan, err);
    }
    return plan.hasErrors() ? 1 : 0;
  }

  /** {@code --live}: the changes against the account, read-only. */
  private int live(PrintWriter out, PrintWriter err) {
    if (!awsFacts.isEmpty()) {
      err.println("albc plan: --aws-facts cannot be used with --live (AWS facts come from the account)");
      return Main.EXIT_USAGE;
    }
    ApplyCommand.Session s = ApplyCommand.Session.open("plan", flags, ruleOptions, live, paths, err);
    if (s == null) {
      return Main.EXIT_USAGE;
    }
    try (s) {
      dev.albc.changes.LiveChanges plan;
      try {
        plan = s.live().planAll().changes();
      } catch (dev.albc.aws.AwsCallException e) {
        err.println("albc plan: " + e.getMessage());
        s.printCalls(err);
        return ApplyCommand.EXIT_AWS;
      }
      ApplyCommand.print(plan, output, out);
      out.flush();
      if (output != Format.table) {
        for (var g : plan.groups()) {
          for (var d : g.diagnostics()) {
            err.println("[" + g.id() + "] " + DesiredTable.line(d));
          }
          for (String e : g.errors()) {
            err.println("[" + g.id() + "] error   " + e);
          }
        }
        err.flush();
      }
      s.printCalls(err);
      return plan.hasErrors() ? 1 : 0;
    }
  }
}
