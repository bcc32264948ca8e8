package dev.albc.cli;

import dev.albc.rules.RuleCompileException;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which rules to run: the built-in ones (precompiled), plus user rule folders. */
public final class RuleOptions {
  @Option(names = "--rules-dir", paramLabel = "DIR",
      description = "A folder of user rule files (*.drl) loaded beside the built-in rules; repeatable.")
  List<Path> rulesDirs = new ArrayList<>();

  /** The runner, or null after printing why the rules could not be loaded. */
  RuleRunner runner(PrintWriter err) {
    try {
      if (rulesDirs.isEmpty()) {
        return new RuleRunner(RuleCompiler.loadBuiltin());
      }
      throw new IllegalStateException(
          "--rules-dir: user rules are not implemented yet (issue: custom annotation rules); run without it");
    } catch (RuleCompileException e) {
      err.println("albc: " + e.getMessage());
      return null;
    } catch (IllegalStateException e) {
      err.println("albc: " + e.getMessage());
      return null;
    }
  }
}
