package dev.albc.cli;

import dev.albc.aws.AwsCallException;
import dev.albc.changes.LiveChanges;
import dev.albc.desired.DesiredState;
import dev.albc.live.GroupRun;
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
      "With --kubeconfig, refuses while a controller holds the cluster's leader Lease (--force runs anyway).",
      "Exit 0: deleted (or nothing found); 1: refused (deletion protection, a conflict);",
      "2: bad usage, or refused (a controller holds the Lease); 3: an AWS call failed."
    })
public final class DeleteCommand implements Callable<Integer> {
  @Mixin ControllerFlags flags;
  @Mixin ApplyCommand.LiveOptions live;
  @Mixin LeaseGuard.Options lease;

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
      if (!dryRun && ApplyCommand.refusedByLease("delete", live, lease, err)) {
        return Main.EXIT_USAGE;
      }
      List<GroupRun> d;
      try {
        d = s.live().delete(groups, dryRun);
      } catch (AwsCallException e) {
        err.println("albc delete: " + e.getMessage());
        s.printCalls(err);
        return ApplyCommand.EXIT_AWS;
      }
      List<LiveChanges.LiveGroup> lg = d.stream().map(GroupRun::liveGroup).toList();
      boolean blocked = d.stream().anyMatch(GroupRun::blocked);
      ApplyCommand.print(new LiveChanges(DesiredState.API_VERSION, DesiredState.KIND, lg, List.of()), output, out);
      d.stream().filter(GroupRun::failed).forEach(g -> err.println("albc delete: " + g.failure()));
      if (output == PlanCommand.Format.table) {
        out.println(dryRun ? "Dry run: nothing was deleted."
            : "Deleted: " + d.stream().mapToInt(GroupRun::calls).sum() + " call(s).");
      }
      out.flush();
      s.printCalls(err);
      if (d.stream().anyMatch(GroupRun::failed)) {
        return ApplyCommand.EXIT_AWS;
      }
      return blocked ? 1 : 0;
    }
  }
}
