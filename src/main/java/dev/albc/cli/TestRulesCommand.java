package dev.albc.cli;

import dev.albc.harness.CaseReport;
import dev.albc.harness.CaseRunner;
import dev.albc.harness.CaseRunner.CaseResult;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.UserRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code albc test-rules}: runs case files ({@code *.test.yaml}) against the rules, offline. */
@Command(
    name = "test-rules",
    mixinStandardHelpOptions = true,
    description = {
      "Run rule test cases (*.test.yaml files, format in docs/rules.md) found in PATH.",
      "A folder in PATH that holds *.drl files is loaded as user rules (as with --rules-dir), and",
      "coverage then reports the user rules no case fired.",
      "Exit 0: every case passed; 1: a case failed; 2: bad usage, unreadable case file, rules that",
      "do not compile or are refused, or a rule that threw while firing."
    })
public final class TestRulesCommand implements Callable<Integer> {
  enum Format { table, json, junit }

  @Mixin RuleOptions ruleOptions;

  @Option(names = "--run", paramLabel = "REGEX", description = "Only cases whose name matches.")
  String run;

  @Option(names = {"-o", "--output"}, description = "table, json or junit (default: ${DEFAULT-VALUE}).")
  Format output = Format.table;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Case files or folders searched for *.test.yaml.")
  List<Path> paths = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Pattern filter;
    try {
      filter = run == null ? null : Pattern.compile(run);
    } catch (PatternSyntaxException e) {
      err.println("albc test-rules: --run: " + e.getDescription());
      return Main.EXIT_USAGE;
    }
    List<Path> files;
    try {
      files = caseFiles(paths);
    } catch (IOException e) {
      err.println("albc test-rules: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (files.isEmpty()) {
      err.println("albc test-rules: no *.test.yaml file found in " + paths);
      return Main.EXIT_USAGE;
    }
    RuleRunner runner = ruleOptions.runner(err, ruleFolders(paths));
    if (runner == null) {
      return Main.EXIT_USAGE;
    }
    CaseRunner cases = new CaseRunner(runner);
    List<CaseResult> results = new ArrayList<>();
    try {
      for (Path f : files) {
        results.addAll(cases.runFile(f, filter));
      }
    } catch (CaseRunner.CaseFileException e) {
      err.println("albc test-rules: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    CaseReport report = new CaseReport(results, runner.rules());
    switch (output) {
      case json -> out.print(report.json());
      case junit -> out.print(report.junit());
      default -> out.print(report.table());
    }
    out.flush();
    if (report.broken()) {
      return Main.EXIT_USAGE;
    }
    return report.failed() > 0 ? 1 : 0;
  }

  /** Folders of PATH (or of the case files given) that hold .drl files: loaded as user rules. */
  static List<Path> ruleFolders(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
      if (dir != null && UserRules.hasRules(dir) && !out.contains(dir)) {
        out.add(dir);
      }
    }
    return out;
  }

  static List<Path> caseFiles(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".test.yaml")).sorted().forEach(out::add);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new IOException(p + ": no such file or folder");
      }
    }
    return out;
  }
}
