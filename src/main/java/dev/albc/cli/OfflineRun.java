package dev.albc.cli;

import dev.albc.facts.ControllerSettings;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.sources.FactInputs;
import dev.albc.sources.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What an offline command needs before it plans: validated settings, the facts of the manifests and
 * AWS dumps, and the rules. Bad usage or unreadable input is printed as one line and gives null
 * (the command then exits {@link Main#EXIT_USAGE}).
 */
record OfflineRun(ControllerSettings settings, List<Object> facts, DesiredStateBuilder planner) {

  static OfflineRun prepare(
      String command, ControllerFlags flags, RuleOptions rules, List<Path> paths, List<Path> awsFacts,
      PrintWriter err) {
    ControllerSettings settings;
    List<Object> facts;
    try {
      settings = flags.toSettings();
      facts = FactInputs.read(paths, awsFacts, settings.vpcId());
    } catch (IllegalArgumentException | InputException e) {
      err.println("albc " + command + ": " + e.getMessage());
      return null;
    }
    var runner = rules.runner(err);
    return runner == null ? null : new OfflineRun(settings, facts, new DesiredStateBuilder(runner));
  }
}
