package dev.albc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code albc rules …}: helpers for writing house rules (docs/rule-authoring.md). */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Helpers for writing your own rules (docs/rule-authoring.md).",
    subcommands = {RulesCommand.Init.class})
public final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code albc rules init DIR}: a commented starter rule and a passing test case. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Write a commented starter rule (team-tag.drl) and its test cases (team-tag.test.yaml) into DIR,",
        "which `albc test-rules DIR` passes. Existing files are never overwritten (exit 2)."
      })
  static final class Init implements Callable<Integer> {
    static final String TEMPLATES = "albc/rules-init/";
    static final List<String> FILES = List.of("team-tag.drl", "team-tag.test.yaml");

    @Parameters(paramLabel = "DIR", description = "The folder for your rules (created if missing).")
    Path dir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (String f : FILES) {
        if (Files.exists(dir.resolve(f))) {
          err.println("albc rules init: " + dir.resolve(f) + " already exists; nothing written");
          return Main.EXIT_USAGE;
        }
      }
      Files.createDirectories(dir);
      for (String f : FILES) {
        try (InputStream in = RulesCommand.class.getClassLoader().getResourceAsStream(TEMPLATES + f)) {
          if (in == null) {
            throw new CommandLine.ExecutionException(spec.commandLine(), "template " + TEMPLATES + f + " missing; rebuild albc");
          }
          Files.write(dir.resolve(f), in.readAllBytes());
        }
        out.println("wrote " + dir.resolve(f));
      }
      out.println();
      out.println("Next:");
      out.println("  albc test-rules " + dir + "                      # the cases pass");
      out.println("  albc plan --cluster-name NAME --rules-dir " + dir + " MANIFESTS...");
      out.println("Guide: docs/rule-authoring.md");
      out.flush();
      return 0;
    }
  }
}
