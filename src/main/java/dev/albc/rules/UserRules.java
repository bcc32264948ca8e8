package dev.albc.rules;

import dev.albc.sources.InputException;
import dev.albc.sources.InputLimits;
import dev.albc.sources.InputText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * User rule folders: every {@code *.drl} file under them (recursively, sorted by path), compiled
 * together with the built-in DRL so user rules see the same fact types and phases.
 */
public final class UserRules {
  private UserRules() {}

  /** A folder or file that cannot be read as rules. */
  public static final class UnreadableRulesException extends RuntimeException {
    public UnreadableRulesException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The DRL files of the given folders (or single .drl files), sorted, each once (a file reached
   * through two paths, e.g. relative and absolute, is kept under the first).
   */
  public static List<Path> files(Collection<Path> dirsOrFiles) {
    Set<Path> out = new LinkedHashSet<>();
    Set<Path> seen = new java.util.HashSet<>();
    for (Path p : dirsOrFiles) {
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".drl"))
              .sorted()
              .forEach(f -> found.add(f.normalize()));
        } catch (IOException e) {
          throw new UnreadableRulesException(p + ": cannot list rule files: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
          throw new UnreadableRulesException(p + ": cannot list rule files: " + e.getCause().getMessage(), e);
        }
      } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".drl")) {
        found.add(p.normalize());
      } else if (Files.exists(p)) {
        throw new UnreadableRulesException(p + ": not a folder or a .drl file", null);
      } else {
        throw new UnreadableRulesException(p + ": no such folder", null);
      }
      for (Path f : found) {
        if (seen.add(f.toAbsolutePath().normalize())) {
          out.add(f);
        }
      }
    }
    return List.copyOf(out);
  }

  /** True when the folder holds at least one .drl file (anywhere below it). */
  public static boolean hasRules(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(f -> f.getFileName().toString().endsWith(".drl") && Files.isRegularFile(f));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The user sources of the given folders (named by their path as given). */
  public static List<RuleSource> sources(Collection<Path> dirsOrFiles) {
    List<RuleSource> out = new ArrayList<>();
    for (Path f : files(dirsOrFiles)) {
      try {
        String text = InputText.readText(f, InputLimits.RULE_FILE_BYTES, "bytes per rule file");
        out.add(new RuleSource(f.toString(), text, false));
      } catch (InputException e) {
        throw new UnreadableRulesException(e.getMessage(), e);
      }
    }
    return out;
  }

  /** Built-in sources followed by the user's. */
  public static List<RuleSource> withBuiltin(List<RuleSource> user) {
    List<RuleSource> all = new ArrayList<>(RuleCompiler.builtinSources());
    all.addAll(user);
    return all;
  }

  /**
   * The rule set for the given folders: the precompiled built-in rules when there are no user
   * files, else built-in + user DRL compiled together (seconds).
   *
   * @throws RuleCompileException a file does not compile
   * @throws RuleRefusedException a file reaches beyond the rule API
   * @throws UnreadableRulesException a folder or file cannot be read
   */
  public static RuleSet load(Collection<Path> dirsOrFiles) {
    List<RuleSource> user = sources(dirsOrFiles);
    if (user.isEmpty()) {
      return RuleCompiler.loadBuiltin();
    }
    return RuleCompiler.compileWithBuiltin(user);
  }
}
