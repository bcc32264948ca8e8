package dev.albc.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexical helpers over DRL text: Java's unicode escapes translated first (as the Java compiler
 * does, so an escaped {@code System} is seen as {@code System}), comments and string literals masked with
 * spaces (offsets and line numbers kept), the package, the imports and the rules with their lines.
 * Not a DRL parser: just enough to name files and lines in messages and to lint user rule files.
 */
public final class DrlText {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+(static\\s+|function\\s+|accumulate\\s+)?([\\w$]+(?:\\s*\\.\\s*[\\w$]+)*(?:\\s*\\.\\s*\\*)?)[^\\n;]*;?");
  private static final Pattern GLOBAL = Pattern.compile("(?m)^\\s*global\\s+([\\w.$<>,\\s\\[\\]]+?)\\s+\\w+\\s*;?\\s*$");
  private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|[^\\s\"']+)");

  private final String text;
  private final String code;
  private final int[] lineStarts;

  public DrlText(String raw) {
    this.text = unicodeEscapes(raw);
    this.code = mask(text, true);
    this.lineStarts = lineStarts(text);
  }

  /** The text with unicode escapes translated. */
  public String text() {
    return text;
  }

  /** The text with comments and string literals replaced by spaces (same length, same lines). */
  public String code() {
    return code;
  }

  /** The text with only comments masked (string literals kept, for rule names). */
  String withoutComments() {
    return mask(text, false);
  }

  /** The 1-based line of an offset. */
  public int lineOf(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** The text of a 1-based line. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    return text.substring(start, Math.max(start, end));
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The declared package, or null. */
  public String packageName() {
    Matcher m = PACKAGE.matcher(code);
    return m.find() ? m.group(1) : null;
  }

  /** One import: its kind ("", "static", "function", "accumulate"), target and line. */
  public record Import(String kind, String target, int line) {}

  public List<Import> imports() {
    List<Import> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(code);
    while (m.find()) {
      String kind = m.group(1) == null ? "" : m.group(1).strip();
      out.add(new Import(kind, m.group(2).replaceAll("\\s+", ""), lineOf(m.start(2))));
    }
    return out;
  }

  /** Declared globals' types with their lines. */
  public List<Import> globals() {
    List<Import> out = new ArrayList<>();
    Matcher m = GLOBAL.matcher(code);
    while (m.find()) {
      out.add(new Import("global", m.group(1).strip(), lineOf(m.start(1))));
    }
    return out;
  }

  /** A rule's name and the line of its {@code rule} keyword. */
  public record RuleDecl(String name, int line, int offset) {}

  /** The rules declared in the text, in order. */
  public List<RuleDecl> rules() {
    String nc = withoutComments();
    List<RuleDecl> out = new ArrayList<>();
    Matcher m = RULE.matcher(nc);
    while (m.find()) {
      // the keyword must be code, not inside a string
      if (code.charAt(m.start(1) - 1) == ' ' || Character.isWhitespace(code.charAt(m.start(1) - 1))) {
        int kw = nc.lastIndexOf("rule", m.start(1));
        if (kw >= 0 && code.startsWith("rule", kw)) {
          out.add(new RuleDecl(unquote(m.group(1)), lineOf(kw), kw));
        }
      }
    }
    return out;
  }

  /**
   * A rule's parts: offsets of its {@code when}, {@code then} and {@code end} keywords (-1 when
   * missing) and {@code limit}, where its text stops (the next rule, or the end of the file).
   */
  public record RuleParts(String name, int line, int offset, int when, int then, int end, int limit) {}

  private static final Pattern WHEN = Pattern.compile("\\bwhen\\b");
  private static final Pattern THEN = Pattern.compile("\\bthen\\b");
  private static final Pattern END = Pattern.compile("(?m)^\\s*(end)\\b");

  /** The rules with their parts, in order. */
  public List<RuleParts> ruleParts() {
    List<RuleDecl> rules = rules();
    List<RuleParts> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleDecl r = rules.get(i);
      int limit = i + 1 < rules.size() ? rules.get(i + 1).offset() : code.length();
      String part = code.substring(r.offset(), limit);
      Matcher w = WHEN.matcher(part);
      int when = w.find() ? r.offset() + w.start() : -1;
      Matcher t = THEN.matcher(part);
      int then = t.find(Math.max(0, when - r.offset())) ? r.offset() + t.start() : -1;
      int end = -1;
      Matcher e = END.matcher(part);
      while (then >= 0 && e.find()) {
        if (r.offset() + e.start(1) > then) {
          end = r.offset() + e.start(1);
        }
      }
      out.add(new RuleParts(r.name(), r.line(), r.offset(), when, then, end, limit));
    }
    return out;
  }

  /** The rule a line belongs to (the last rule declared at or before it), or null. */
  public String ruleAt(int line) {
    String found = null;
    for (RuleDecl r : rules()) {
      if (r.line() <= line) {
        found = r.name();
      }
    }
    return found;
  }

  static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
    }
    return s;
  }

  /** Java's unicode escape translation (JLS 3.3): {@code \}{@code uXXXX} (any number of u's). */
  static String unicodeEscapes(String s) {
    if (s.indexOf("\\u") < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        // an escape only when preceded by an even number of backslashes
        int preceding = 0;
        for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
          preceding++;
        }
        if (preceding % 2 == 0 && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
          int k = i + 1;
          while (k < s.length() && s.charAt(k) == 'u') {
            k++;
          }
          if (k + 4 <= s.length() && s.substring(k, k + 4).matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(s.substring(k, k + 4), 16));
            i = k + 4;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Masks comments ({@code //} and block comments) and, optionally, string literals. */
  static String mask(String s, boolean strings) {
    char[] out = s.toCharArray();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') {
          out[i++] = ' ';
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        out[i++] = ' ';
        out[i++] = ' ';
        while (i < n && !(s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/')) {
          if (s.charAt(i) != '\n') {
            out[i] = ' ';
          }
          i++;
        }
        if (i < n) {
          out[i++] = ' ';
        }
        if (i < n) {
          out[i++] = ' ';
        }
      } else if (c == '"' && i + 2 < n && s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        if (strings) {
          for (int k = i; k < end; k++) {
            if (s.charAt(k) != '\n') {
              out[k] = ' ';
            }
          }
        }
        i = end;
      } else if (c == '"' || c == '\'') {
        int k = i + 1;
        while (k < n && s.charAt(k) != c && s.charAt(k) != '\n') {
          if (s.charAt(k) == '\\') {
            k++;
          }
          k++;
        }
        int end = Math.min(n, k + 1);
        if (strings) {
          for (int j = i + 1; j < end - 1 && j < n; j++) {
            out[j] = ' ';
          }
        }
        i = end;
      } else {
        i++;
      }
    }
    return new String(out);
  }

  static int[] lineStarts(String s) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    int[] out = new int[starts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = starts.get(i);
    }
    return out;
  }
}
