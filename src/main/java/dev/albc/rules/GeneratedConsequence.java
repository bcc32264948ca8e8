package dev.albc.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compile error in the Java the executable model generated for a rule's consequence, traced back
 * to the DRL: the generated class does not name its rule, so the rule is the one whose consequence
 * is the generated method's body (spaces aside, and with Drools' rewrites of {@code drools.…} and
 * {@code insert(…)} undone), and the line is where the name the error is about occurs in it — on
 * any line of the consequence, also in a statement spread over several lines.
 */
final class GeneratedConsequence {
  private static final String KNOWLEDGE_HELPER =
      "((org.drools.modelcompiler.consequence.DroolsImpl)drools).asKnowledgeHelper()";
  private static final Pattern DROOLS_CALL =
      Pattern.compile("drools\\.(insert|insertLogical|update|delete|retract|modify)\\(");
  private static final Pattern SYMBOL = Pattern.compile(
      "(?:The method ([\\w$]+)\\(|^([\\w$]+) cannot be resolved|The field [\\w$.]*?([\\w$]+) is not visible"
          + "|([\\w$]+) cannot be resolved to a type)");

  private GeneratedConsequence() {}

  /** The DRL place of an error at {@code line} (1-based) of a generated consequence, or null. */
  static CompileProblems.Place locate(String src, int line, int column, String message, List<RuleSource> files) {
    int bodyStart = bodyStart(src);
    if (bodyStart < 0) {
      return null;
    }
    int bodyEnd = src.lastIndexOf('}', src.lastIndexOf('}') - 1);
    if (bodyEnd <= bodyStart) {
      return null;
    }
    String body = src.substring(bodyStart, bodyEnd);
    int errAt = errorOffset(src, line, column, message);
    String token = token(src, errAt, message);
    String errLine = normalizeGenerated(lineText(src, line));
    String nbody = normalizeGenerated(body);

    Candidate best = null;
    for (RuleSource s : files) {
      DrlText t = new DrlText(s.text());
      String text = t.withoutComments();
      for (DrlText.RuleParts r : t.ruleParts()) {
        if (r.then() < 0 || r.end() < 0) {
          continue;
        }
        int from = r.then() + "then".length();
        Normalized n = Normalized.of(text, from, r.end());
        int score = n.text().equals(nbody) ? 3 : !errLine.isEmpty() && n.text().contains(errLine) ? 2
            : token != null && Pattern.compile("\\b" + Pattern.quote(token) + "\\b").matcher(text.substring(from, r.end())).find() ? 1 : 0;
        if (score > 0 && (best == null || score > best.score())) {
          best = new Candidate(s, t, r, n, from, score);
        }
      }
    }
    if (best == null) {
      return null;
    }
    int at = -1;
    if (token != null && errAt >= bodyStart) {
      int k = occurrences(src.substring(bodyStart, Math.min(errAt, bodyEnd)), token);
      at = nth(best.t().withoutComments(), best.from(), best.r().end(), token, k);
    }
    if (at < 0 && !errLine.isEmpty()) {
      int i = best.n().text().indexOf(errLine);
      at = i < 0 ? -1 : best.n().original(i);
    }
    int l = at < 0 ? best.r().line() : best.t().lineOf(at);
    return new CompileProblems.Place(best.s().name(), l, at < 0, best.r().name());
  }

  private record Candidate(RuleSource s, DrlText t, DrlText.RuleParts r, Normalized n, int from, int score) {}

  /** Just after the opening brace of the generated {@code execute} method. */
  static int bodyStart(String src) {
    int e = src.indexOf(" execute(");
    if (e < 0) {
      return -1;
    }
    int brace = src.indexOf('{', e);
    return brace < 0 ? -1 : brace + 1;
  }

  /** The offset the error is at: {@code column} when it is a file offset at a name the message quotes, else the line's start. */
  static int errorOffset(String src, int line, int column, String message) {
    if (column > 0 && column < src.length() && Character.isJavaIdentifierStart(src.charAt(column))) {
      Matcher m = Pattern.compile("[\\w$]+").matcher(src);
      if (m.find(column) && m.start() == column && message.contains(m.group())) {
        return column;
      }
    }
    int off = 0;
    for (int l = 1; l < line && off >= 0; l++) {
      off = src.indexOf('\n', off) + 1;
      if (off == 0) {
        return -1;
      }
    }
    return off;
  }

  /** The name the error is about: at the offset when the message quotes it, else the one the message names. */
  static String token(String src, int errAt, String message) {
    if (errAt >= 0 && errAt < src.length() && Character.isJavaIdentifierStart(src.charAt(errAt))) {
      Matcher m = Pattern.compile("[\\w$]+").matcher(src);
      if (m.find(errAt) && m.start() == errAt && message.contains(m.group())) {
        return m.group();
      }
    }
    Matcher m = SYMBOL.matcher(message);
    if (m.find()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          return m.group(g);
        }
      }
    }
    return null;
  }

  static String lineText(String src, int line) {
    String[] lines = src.split("\n", -1);
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }

  static String normalizeGenerated(String s) {
    String n = s.replaceAll("\\s+", "").replace(KNOWLEDGE_HELPER, "drools");
    return DROOLS_CALL.matcher(n).replaceAll("$1(");
  }

  static int occurrences(String s, String token) {
    Matcher m = Pattern.compile("\\b" + Pattern.quote(token) + "\\b").matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The offset of the k-th (0-based) occurrence of the token in [from, to), or of the last one, or -1. */
  static int nth(String text, int from, int to, String token, int k) {
    Matcher m = Pattern.compile("\\b" + Pattern.quote(token) + "\\b").matcher(text);
    m.region(from, to);
    int last = -1;
    int i = 0;
    while (m.find()) {
      last = m.start();
      if (i++ == k) {
        return last;
      }
    }
    return last;
  }

  /** A DRL range without whitespace, with the way back to the original offsets. */
  record Normalized(String text, int[] offsets) {
    static Normalized of(String s, int from, int to) {
      StringBuilder b = new StringBuilder();
      List<Integer> offs = new ArrayList<>();
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (!Character.isWhitespace(c)) {
          b.append(c);
          offs.add(i);
        }
      }
      return new Normalized(b.toString(), offs.stream().mapToInt(Integer::intValue).toArray());
    }

    int original(int i) {
      return i < offsets.length ? offsets[i] : -1;
    }
  }
}
