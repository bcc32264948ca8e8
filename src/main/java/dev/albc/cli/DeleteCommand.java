package dev.albc.cli;

import dev.albc.aws.AwsCallException;
import dev.albc.executor.Reconciler;
import dev.albc.changes.GroupChanges;
import dev.albc.changes.LiveChanges;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code albc delete}: remove every AWS resource (and TargetGroupBinding) of IngressGroups. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the load balancer, listeners, rules, target groups and security groups of each GROUP",
      "(an explicit group name, or namespace/name of an Ingress's implicit group), found by the tracking",
      "tags; with --kubeconfig, its TargetGroupBindings too. The shared backend security group goes only",
      "when no other load balancer of the cluster uses it. A load balancer with deletion protection is",
      "never deleted. See docs/apply.md.",
      "Exit 0: deleted (or nothing found); 1: refused (deletion protection, a conflict);",
      "2: bad usage; 3: an AWS call failed."
    })
public final class DeleteCommand implements Callable<Integer> {
  @Mixin ControllerFlags flags;
  @Mixin ApplyCommand.LiveOptions live;

  @Option(names = "--dry-run", description = "Only print what would be deleted.")
  boolean dryRun;

  @Option(names = {"-o", "--output"}, description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  PlanCommand.Format output = PlanCommand.Format.table;

  @Parameters(paramLabel = "GROUP", arity = "1..*", description = "IngressGroup ids.")
  List<String> groups = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApplyCommand.Session s = ApplyCommand.Session.open("delete", flags, new RuleOptions(), live, null, err);
    if (s == null) {
      return Main.EXIT_USAGE;
    }
    try (s) {
      Reconciler.Deleted d;
      try {
        d = s.reconciler().delete(groups, dryRun);
      } catch (AwsCallException e) {
        err.println("albc delete: " + e.getMessage());
        s.printCalls(err);
        return ApplyCommand.EXIT_AWS;
      }
      List<LiveChanges.LiveGroup> lg = new ArrayList<>();
      boolean blocked = false;
      for (GroupChanges gc : d.changes().values()) {
        lg.add(new LiveChanges.LiveGroup(gc.groupId(), List.of(), List.of(), List.of(), gc.changes(), gc.notes(),
            gc.errors()));
        blocked |= gc.blocked();
      }
      ApplyCommand.print(new LiveChanges(dev.albc.desired.DesiredState.API_VERSION, dev.albc.desired.DesiredState.KIND, lg, List.of()),
          output, out);
      for (String f : d.failures().values()) {
        err.println("albc delete: " + f);
      }
      if (output == PlanCommand.Format.table) {
        out.println(dryRun ? "Dry run: nothing was deleted."
            : "Deleted: " + d.results().values().stream().mapToInt(r -> r.applied().size()).sum() + " call(s).");
      }
      out.flush();
      s.printCalls(err);
      if (!d.failures().isEmpty()) {
        return ApplyCommand.EXIT_AWS;
      }
      return blocked ? 1 : 0;
    }
  }
}
