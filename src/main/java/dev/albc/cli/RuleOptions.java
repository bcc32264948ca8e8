package dev.albc.cli;

import dev.albc.rules.RuleCompileException;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRefusedException;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.UserRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which rules to run: the built-in ones (precompiled), plus user rule folders. */
public final class RuleOptions {
  @Option(names = "--rules-dir", paramLabel = "DIR",
      description = "A folder of user rule files (*.drl, searched recursively) compiled with the built-in rules; repeatable.")
  List<Path> rulesDirs = new ArrayList<>();

  /** The runner, or null after printing why the rules could not be loaded (exit 2). */
  RuleRunner runner(PrintWriter err) {
    return runner(err, List.of());
  }

  /**
   * The runner for the built-in rules plus {@code --rules-dir} and {@code extraDirs} (folders a
   * command found rules in), or null after printing why the rules could not be loaded.
   */
  RuleRunner runner(PrintWriter err, List<Path> extraDirs) {
    List<Path> dirs = new ArrayList<>(rulesDirs);
    for (Path p : extraDirs) {
      if (!dirs.contains(p)) {
        dirs.add(p);
      }
    }
    try {
      if (dirs.isEmpty()) {
        return new RuleRunner(RuleCompiler.loadBuiltin());
      }
      if (UserRules.files(dirs).isEmpty()) {
        err.println("albc: warning: no *.drl file in " + dirs + "; running the built-in rules only");
        err.flush();
      }
      return new RuleRunner(UserRules.load(dirs));
    } catch (RuleCompileException | RuleRefusedException | UserRules.UnreadableRulesException e) {
      err.println("albc: " + e.getMessage());
      err.flush();
      return null;
    } catch (IllegalStateException e) {
      err.println("albc: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  /** The user rule folders given with {@code --rules-dir}. */
  List<Path> dirs() {
    return List.copyOf(rulesDirs);
  }
}
