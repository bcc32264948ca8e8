package dev.albc.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;

/**
 * Turns Drools build messages into "file:line (rule "…"): message" lines. The executable model
 * reports some errors against the Java source it generated (a consequence that does not compile)
 * and some without a line ({@code Unable to find class: Foo}); both are traced back to the DRL file:
 * a generated line is looked up in the files of its package, a missing line by the name the
 * message quotes. A line found that way is marked "near".
 */
final class CompileProblems {
  private static final String GENERATED_PREFIX = "src/main/java/";
  private static final Pattern JAVA_SOURCE_IN_ERROR = Pattern.compile("(?s)^Java source of (\\S+) in error:\\s*\\n(.*)$");
  private static final Pattern QUOTED_SYMBOL = Pattern.compile(
      "(?:Unable to find class|Unknown property|Unable to parse left part of expression|cannot be resolved|"
          + "Unable to Analyse Expression|Unable to find type)[^:]*:\\s*(.+)$");

  private CompileProblems() {}

  static List<String> describe(List<Message> messages, List<RuleSource> sources, RuleIndex index) {
    Map<String, String> generated = new HashMap<>();
    for (Message m : messages) {
      Matcher jm = JAVA_SOURCE_IN_ERROR.matcher(m.getText().strip());
      if (jm.matches()) {
        generated.put(jm.group(1), jm.group(2));
      }
    }
    Set<String> out = new LinkedHashSet<>();
    Set<String> filesWithErrors = new LinkedHashSet<>();
    List<String> nullPackage = new ArrayList<>();
    for (Message m : messages) {
      String text = m.getText().strip();
      if (JAVA_SOURCE_IN_ERROR.matcher(text).matches()) {
        continue;
      }
      text = text.lines().findFirst().orElse("").strip();
      String path = m.getPath();
      Place p = place(path, m.getLine(), m.getColumn(), text, sources, index, generated);
      CompileHints.Hint hint = CompileHints.explain(text, p, source(sources, p.file()));
      p = hint.place();
      String line = p.render() + ": " + hint.text();
      if (text.startsWith("Parser returned a null Package")) {
        nullPackage.add(line);
      } else {
        filesWithErrors.add(p.file());
        out.add(line);
      }
    }
    for (String n : nullPackage) {
      if (filesWithErrors.stream().noneMatch(n::startsWith)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  record Place(String file, int line, boolean near, String rule) {
    String render() {
      return file + (line > 0 ? ":" + line : "") + (near && line > 0 ? " (near)" : "")
          + (rule == null ? "" : " (rule \"" + rule + "\")");
    }
  }

  static RuleSource source(List<RuleSource> sources, String name) {
    for (RuleSource s : sources) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  static Place place(
      String path, int line, int column, String text, List<RuleSource> sources, RuleIndex index,
      Map<String, String> generated) {
    if (path != null) {
      for (int i = 0; i < sources.size(); i++) {
        String p = RuleCompiler.pathFor(sources.get(i), i);
        if (path.equals(p) || path.endsWith(p.substring("src/main/resources/".length()))) {
          return inFile(sources.get(i), line, text);
        }
      }
      if (path.startsWith(GENERATED_PREFIX)) {
        return inGenerated(path, line, column, text, sources, index, generated);
      }
    }
    // no path: look for the quoted name in the user files
    List<RuleSource> user = sources.stream().filter(s -> !s.builtin()).toList();
    Place found = locateSymbol(user, text);
    if (found != null) {
      return found;
    }
    return new Place(user.size() == 1 ? user.get(0).name() : "<rules>", 0, false, null);
  }

  static Place inFile(RuleSource s, int line, String text) {
    DrlText t = new DrlText(s.text());
    if (line > 0) {
      return new Place(s.name(), line, false, t.ruleAt(line));
    }
    Place near = locateSymbol(List.of(s), text);
    return near != null ? near : new Place(s.name(), 0, false, null);
  }

  /** A compile error in generated Java: find the offending line's text in the package's DRL files. */
  static Place inGenerated(
      String path, int line, int column, String text, List<RuleSource> sources, RuleIndex index,
      Map<String, String> generated) {
    String cls = path.substring(GENERATED_PREFIX.length()).replaceAll("\\.java$", "");
    String pkg = BytecodeGuard.packageOf(cls);
    List<RuleSource> candidates = new ArrayList<>();
    List<String> pkgs = index.packages();
    for (int i = 0; i < sources.size(); i++) {
      String p = pkgs.get(i);
      if (p != null && BytecodeGuard.belongsTo(pkg, List.of(p)) != null) {
        candidates.add(sources.get(i));
      }
    }
    String src = generated.get(path);
    if (src != null && line > 0) {
      Place inRule = GeneratedConsequence.locate(src, line, column, text, candidates);
      if (inRule != null) {
        return inRule;
      }
      String[] lines = src.split("\n", -1);
      if (line <= lines.length) {
        String wanted = lines[line - 1].strip();
        if (wanted.length() >= 3) {
          for (RuleSource s : candidates) {
            DrlText t = new DrlText(s.text());
            for (int l = 1; l <= t.lineCount(); l++) {
              if (t.line(l).strip().equals(wanted) || t.line(l).contains(wanted)) {
                return new Place(s.name(), l, false, t.ruleAt(l));
              }
            }
          }
        }
      }
    }
    Place near = locateSymbol(candidates, text);
    if (near != null) {
      return near;
    }
    String files = candidates.isEmpty() ? "<rules>"
        : String.join(", ", candidates.stream().map(RuleSource::name).toList());
    return new Place(files, 0, false, null);
  }

  /** The first line of the files that holds the name a message quotes. */
  static Place locateSymbol(List<RuleSource> files, String text) {
    Matcher m = QUOTED_SYMBOL.matcher(text);
    if (!m.find()) {
      return null;
    }
    String symbol = m.group(1).strip();
    if (symbol.isEmpty()) {
      return null;
    }
    for (RuleSource s : files) {
      DrlText t = new DrlText(s.text());
      int at = t.code().indexOf(symbol);
      if (at < 0) {
        Matcher w = Pattern.compile("\\b" + Pattern.quote(symbol.split("[^\\w$]")[0]) + "\\b").matcher(t.code());
        at = symbol.split("[^\\w$]")[0].isEmpty() || !w.find() ? -1 : w.start();
      }
      if (at >= 0) {
        int line = t.lineOf(at);
        return new Place(s.name(), line, true, t.ruleAt(line));
      }
    }
    return null;
  }
}
