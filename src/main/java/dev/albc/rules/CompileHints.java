package dev.albc.rules;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The common Drools parser errors said as a sentence with the likely fix (docs/rule-authoring.md,
 * "When a rule file is wrong"): a missing {@code ;} or {@code )} in a consequence, a {@code (} not
 * closed before {@code then}, a rule without {@code end}, a field the fact does not have (with the
 * fields it has), a class that cannot be found (with "did you mean"). The raw message follows in
 * brackets, so it can still be searched for.
 */
final class CompileHints {
  /** The packages a user rule imports its types from (docs/rule-authoring.md#the-rule-api). */
  static final List<String> API_PACKAGES = List.of("dev.albc.rules.api", "dev.albc.facts", "dev.albc.intents");

  private static final Pattern CONSEQUENCE = Pattern.compile(
      "^Unable to parse consequence caused by: \\(line (\\d+),col (\\d+)\\) Parse error\\. Found\\s+\"([^\"]*)\"[^,]*,\\s*expected one of (.*)$");
  private static final Pattern MISMATCHED = Pattern.compile(
      "^\\[ERR 10\\d\\] Line (\\d+):(\\d+) mismatched input '([^']*)' in rule \"(.*)\"$");
  private static final Pattern LEFT_PART = Pattern.compile("^Unable to parse left part of expression: (.*)$");
  private static final Pattern NO_CLASS = Pattern.compile("^Unable to find class: ([\\w.$]+)$");
  private static final int RAW_MAX = 90;

  private CompileHints() {}

  /** A problem's place and sentence. */
  record Hint(CompileProblems.Place place, String text) {}

  /** The problem said plainly, or as it came when it is not one of the common ones. */
  static Hint explain(String text, CompileProblems.Place place, RuleSource source) {
    if (source == null) {
      return new Hint(place, text);
    }
    DrlText t = new DrlText(source.text());
    Hint h = null;
    Matcher m;
    if ((m = CONSEQUENCE.matcher(text)).matches()) {
      h = consequence(t, source, place, Integer.parseInt(m.group(1)), m.group(3), m.group(4));
    } else if ((m = MISMATCHED.matcher(text)).matches()) {
      h = mismatched(t, source, m.group(3), m.group(4));
    } else if ((m = LEFT_PART.matcher(text)).matches()) {
      h = unknownField(t, source, place, m.group(1).strip());
    } else if ((m = NO_CLASS.matcher(text)).matches()) {
      h = unknownClass(t, place, m.group(1));
    }
    if (h == null) {
      return new Hint(place, text);
    }
    return new Hint(h.place(), h.text() + "  [Drools: " + raw(text) + "]");
  }

  static String raw(String text) {
    return text.length() <= RAW_MAX ? text : text.substring(0, RAW_MAX) + "…";
  }

  /** "(line L, col C) … Found X, expected one of …" counts lines from the {@code then} keyword's line. */
  static Hint consequence(DrlText t, RuleSource s, CompileProblems.Place place, int line, String found, String expected) {
    DrlText.RuleParts r = ruleNamed(t, place.rule());
    if (r == null || r.then() < 0) {
      return null;
    }
    int fileLine = t.lineOf(r.then()) + line - 1;
    CompileProblems.Place at = new CompileProblems.Place(s.name(), fileLine, false, r.name());
    String code = t.line(fileLine).strip();
    if (expected.contains("\";\"") && !found.equals(";")) {
      return new Hint(at, "a `;` is missing at the end of the statement `" + code + "`"
          + (found.equals("}") ? " (the last one before `end`)" : " (the next thing is `" + found + "`)"));
    }
    if (expected.contains("\")\"")) {
      return new Hint(at, "a `)` is missing before `" + found + "` in `" + code + "` (count the parentheses)");
    }
    return new Hint(at, "unexpected `" + found + "` in `" + code + "`");
  }

  /** "mismatched input 'then'/'end'/'rule'/'<eof>' in rule R": a when part not closed, or a rule without end. */
  static Hint mismatched(DrlText t, RuleSource s, String input, String rule) {
    DrlText.RuleParts r = ruleNamed(t, rule);
    if (r == null) {
      return null;
    }
    if (r.then() < 0 || r.end() < 0) {
      if (r.then() >= 0) {
        return new Hint(new CompileProblems.Place(s.name(), r.line(), false, r.name()),
            "rule \"" + r.name() + "\" has no `end`: add a line `end` after its consequence ("
                + (r.limit() < t.code().length() ? "before line " + t.lineOf(r.limit()) : "at the end of the file") + ")");
      }
    }
    if (r.when() >= 0) {
      int stop = r.then() >= 0 ? r.then() : r.limit();
      int open = unclosedParen(t.code(), r.when(), stop);
      if (open >= 0) {
        int l = t.lineOf(open);
        return new Hint(new CompileProblems.Place(s.name(), l, false, r.name()),
            "a `)` is missing: the `(` in `" + t.line(l).strip() + "` is not closed before `" + input + "`");
      }
    }
    return null;
  }

  /** The offset of the first {@code (} not closed in [from, to), or -1. */
  static int unclosedParen(String code, int from, int to) {
    List<Integer> open = new ArrayList<>();
    for (int i = from; i < to; i++) {
      char c = code.charAt(i);
      if (c == '(') {
        open.add(i);
      } else if (c == ')' && !open.isEmpty()) {
        open.remove(open.size() - 1);
      }
    }
    return open.isEmpty() ? -1 : open.get(0);
  }

  /** "Unable to parse left part of expression: nmae == "x"": the pattern's type has no such field. */
  static Hint unknownField(DrlText t, RuleSource s, CompileProblems.Place place, String expression) {
    Matcher f = Pattern.compile("^([\\w$]+)").matcher(expression);
    if (!f.find()) {
      return null;
    }
    String field = f.group(1);
    String code = t.code();
    int from = place.line() > 0 ? lineStart(t, place.line()) : 0;
    Matcher at = Pattern.compile("\\b" + Pattern.quote(field) + "\\b").matcher(code);
    if (!at.find(from) && !at.find(0)) {
      return null;
    }
    int pos = at.start();
    String type = enclosingPattern(code, pos);
    if (type == null) {
      return null;
    }
    Class<?> cls = resolve(t, type);
    int line = t.lineOf(pos);
    CompileProblems.Place p = new CompileProblems.Place(s.name(), line, false, t.ruleAt(line));
    if (cls == null) {
      return new Hint(p, type + " has no field `" + field + "` (or the class " + type + " is not known)");
    }
    List<String> fields = fields(cls);
    return new Hint(p, type + " has no field `" + field + "`" + Suggest.didYouMean(field, fields)
        + "; its fields: " + String.join(", ", fields));
  }

  /** The type name of the pattern whose parentheses enclose an offset: {@code Member} in {@code Member(nmae == …)}. */
  static String enclosingPattern(String code, int pos) {
    int depth = 0;
    for (int i = pos - 1; i >= 0; i--) {
      char c = code.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        if (depth == 0) {
          Matcher m = Pattern.compile("([\\w$.]+)\\s*$").matcher(code.substring(Math.max(0, i - 200), i));
          return m.find() ? m.group(1) : null;
        }
        depth--;
      }
    }
    return null;
  }

  /** "Unable to find class: Membr": say so, with the closest classes of the imported packages. */
  static Hint unknownClass(DrlText t, CompileProblems.Place place, String name) {
    Set<String> known = new TreeSet<>();
    for (String pkg : importedPackages(t)) {
      known.addAll(classesOf(pkg));
    }
    for (DrlText.Import i : t.imports()) {
      if (i.kind().isEmpty() && !i.target().endsWith("*")) {
        known.add(i.target().substring(i.target().lastIndexOf('.') + 1));
      }
    }
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return new Hint(place, "unknown class `" + name + "`" + Suggest.didYouMean(simple, known)
        + ": check the spelling and the imports (the rule API is in " + String.join(", ", API_PACKAGES) + ")");
  }

  static DrlText.RuleParts ruleNamed(DrlText t, String rule) {
    if (rule == null) {
      return null;
    }
    for (DrlText.RuleParts r : t.ruleParts()) {
      if (r.name().equals(rule)) {
        return r;
      }
    }
    return null;
  }

  static int lineStart(DrlText t, int line) {
    int off = 0;
    for (int l = 1; l < line; l++) {
      off += t.line(l).length() + 1;
    }
    return off;
  }

  /** Wildcard-imported packages, then the rule API's. */
  static Set<String> importedPackages(DrlText t) {
    Set<String> out = new LinkedHashSet<>();
    for (DrlText.Import i : t.imports()) {
      if (i.kind().isEmpty() && i.target().endsWith(".*")) {
        out.add(i.target().substring(0, i.target().length() - 2));
      }
    }
    out.addAll(API_PACKAGES);
    return out;
  }

  /** A pattern's type: an explicit import, a class of a wildcard import or of the rule API, or a qualified name. */
  static Class<?> resolve(DrlText t, String type) {
    ClassLoader cl = CompileHints.class.getClassLoader();
    List<String> names = new ArrayList<>();
    String outer = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
    String rest = type.contains(".") ? type.substring(type.indexOf('.')).replace('.', '$') : "";
    for (DrlText.Import i : t.imports()) {
      if (i.kind().isEmpty() && i.target().endsWith("." + outer)) {
        names.add(i.target() + rest);
      }
    }
    for (String pkg : importedPackages(t)) {
      names.add(pkg + "." + outer + rest);
    }
    names.add(type);
    for (String n : names) {
      try {
        return Class.forName(n, false, cl);
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next
      }
    }
    return null;
  }

  /** What a pattern can constrain: a record's components, then its other public no-argument methods. */
  static List<String> fields(Class<?> cls) {
    Set<String> out = new LinkedHashSet<>();
    if (cls.isRecord()) {
      for (RecordComponent c : cls.getRecordComponents()) {
        out.add(c.getName());
      }
    }
    List<String> more = new ArrayList<>();
    for (Method m : cls.getMethods()) {
      if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
          && m.getReturnType() != void.class && !out.contains(m.getName())
          && !List.of("hashCode", "toString", "getClass").contains(m.getName())) {
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3) {
          n = Character.toLowerCase(n.charAt(3)) + n.substring(4);
        } else if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) {
          n = Character.toLowerCase(n.charAt(2)) + n.substring(3);
        }
        more.add(n);
      }
    }
    Collections.sort(more);
    out.addAll(more);
    return List.copyOf(out);
  }

  /** The simple names of the top-level classes of a package on the classpath (folders and jars). */
  static Set<String> classesOf(String pkg) {
    Set<String> out = new TreeSet<>();
    String path = pkg.replace('.', '/');
    try {
      Enumeration<URL> urls = CompileHints.class.getClassLoader().getResources(path);
      while (urls.hasMoreElements()) {
        URL u = urls.nextElement();
        if ("file".equals(u.getProtocol())) {
          try (Stream<Path> s = Files.list(Path.of(u.toURI()))) {
            s.map(p -> p.getFileName().toString()).forEach(n -> addClass(out, n));
          }
        } else if ("jar".equals(u.getProtocol()) && u.openConnection() instanceof JarURLConnection j) {
          j.setUseCaches(false); // a JarFile of its own, so closing it leaves the class loader's alone
          try (JarFile jar = j.getJarFile()) {
            for (JarEntry e : Collections.list(jar.entries())) {
              String n = e.getName();
              if (n.startsWith(path + "/") && n.indexOf('/', path.length() + 1) < 0) {
                addClass(out, n.substring(path.length() + 1));
              }
            }
          }
        }
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      // no suggestions then
    }
    return out;
  }

  private static void addClass(Set<String> out, String file) {
    if (file.endsWith(".class") && !file.contains("$") && !file.equals("package-info.class")) {
      out.add(file.substring(0, file.length() - ".class".length()));
    }
  }
}
