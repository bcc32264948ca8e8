package dev.albc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code albc} command line: thin shells over sources → rules → plan. */
@Command(
    name = "albc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "AWS Load Balancer Controller whose Ingress translation is Drools rules.",
    subcommands = {PlanCommand.class, ApplyCommand.class, DeleteCommand.class, ControllerCommand.class, ExplainCommand.class, TestRulesCommand.class, RulesCommand.class, BenchCommand.class, RulesBenchCommand.class})
public final class Main implements Runnable {
  /** Exit code for bad usage or unreadable input. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 error diagnostics, 2 bad usage/input). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parse) -> {
          cmd.getErr().println("albc: " + ex.getMessage());
          return EXIT_USAGE;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"albc " + (v == null ? "dev" : v)};
    }
  }
}
