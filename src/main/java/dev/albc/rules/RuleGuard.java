package dev.albc.rules;

import dev.albc.rules.api.Phase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Confinement of user rule files. User rules run inside the controller, with its AWS credentials
 * and Kubernetes RBAC, so a rule file may use only the rule API and plain data. Three checks:
 *
 * <ol>
 *   <li><b>Source</b> (before compiling, gives file and line): the file declares its own package
 *       (not the built-in rules' {@code rules}, nor a reserved one), imports only allowed classes,
 *       declares no globals, and its code names no forbidden type or method ({@code System},
 *       {@code Runtime}, {@code Thread}, {@code getClass}, {@code java.io.} …; unicode escapes
 *       are translated first).
 *   <li><b>Bytecode</b> (after compiling, before any of it runs): every class the executable model
 *       generated from user packages is read, and every class, field and method its constant pool
 *       refers to must be on an allow-list: the rule API packages, plain data types of
 *       {@code java.lang}/{@code java.util}, and the parts of the Drools model the generated code
 *       itself needs (with its runtime handles limited to insert, update, delete and the rule's
 *       name). This is the real gate: however the source spells a call (fully qualified, through a
 *       unicode escape, a method reference), the call is in the constant pool. The same pass refuses
 *       code that cannot end: recursion and loops with no way out ({@link LoopCheck}).
 *   <li><b>Rules</b> (on the built rule base): every user rule names a phase with
 *       {@code ruleflow-group}, and uses no timer, calendar or effective/expiry date (clocks).
 * </ol>
 *
 * <p>Limits: it does not bound CPU or memory (a loop whose exit is never taken, or allocation
 * without end; the runner's firing and time budgets stop a session), and it trusts the allowed helper
 * packages ({@code dev.albc.rules.lib}, {@code dev.albc.rules.api}) to be pure. Rule files are code
 * and must be reviewed like code.
 */
public final class RuleGuard {
  private RuleGuard() {}

  /** One refusal: the file, a line (0 when unknown), the rule (or null) and what it used. */
  public record Violation(String file, int line, String rule, String what) {
    public String render() {
      return file + (line > 0 ? ":" + line : "") + (rule == null ? "" : " (rule \"" + rule + "\")") + ": " + what;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Source

  /** Checks a user rule file's text. {@code builtinPackages}: packages of the built-in rules. */
  public static List<Violation> checkSource(RuleSource s, Set<String> builtinPackages) {
    DrlText t = new DrlText(s.text());
    List<Violation> out = new ArrayList<>();
    String pkg = t.packageName();
    if (pkg == null) {
      out.add(new Violation(s.name(), 1, null,
          "declares no package; start the file with its own package, e.g. `package house;`"));
    } else if (builtinPackages.contains(pkg)) {
      out.add(new Violation(s.name(), lineOf(t, "package"), null,
          "uses package " + pkg + ", the built-in rules' package; give user rules their own (e.g. `package house;`)"));
    } else {
      for (String r : GuardPolicy.RESERVED_PACKAGE_PREFIXES) {
        if ((pkg + ".").startsWith(r)) {
          out.add(new Violation(s.name(), lineOf(t, "package"), null,
              "uses package " + pkg + ", which is reserved (" + r + "*); give user rules their own package"));
        }
      }
    }
    for (DrlText.Import i : t.imports()) {
      String why = importRefusal(i);
      if (why != null) {
        out.add(new Violation(s.name(), i.line(), null, why));
      }
    }
    for (DrlText.Import g : t.globals()) {
      out.add(new Violation(s.name(), g.line(), null,
          "declares a global (" + g.target() + "); user rules get no globals: read facts instead"));
    }
    out.addAll(scanNames(s.name(), t));
    return out;
  }

  static int lineOf(DrlText t, String word) {
    Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(t.code());
    return m.find() ? t.lineOf(m.start()) : 0;
  }

  /** Why an import is refused, or null. */
  static String importRefusal(DrlText.Import i) {
    String target = i.target();
    switch (i.kind()) {
      case "accumulate" -> {
        return "imports an accumulate function (" + target + "); use the built-in ones (count, sum, collectList …)";
      }
      case "static", "function" -> {
        String owner = target.endsWith(".*") ? target.substring(0, target.length() - 2)
            : target.substring(0, Math.max(0, target.lastIndexOf('.')));
        String member = target.substring(target.lastIndexOf('.') + 1);
        if (!BytecodeGuard.classAllowed(internalName(owner)) || GuardPolicy.DENIED_MEMBERS.containsKey(member)
            || GuardPolicy.ONLY_MEMBERS.containsKey(internalName(owner)) && !"*".equals(member)
                && !GuardPolicy.ONLY_MEMBERS.get(internalName(owner)).contains(member)) {
          return "imports " + target + ", which is outside the rule API and plain data types";
        }
        return null;
      }
      default -> {
        if (target.endsWith(".*")) {
          String pkg = target.substring(0, target.length() - 2).replace('.', '/') + "/";
          if (BytecodeGuard.packageAllowed(pkg) || pkg.equals("java/util/") || pkg.equals("java/lang/")
              || BytecodeGuard.classAllowed(internalName(target.substring(0, target.length() - 2)))) {
            return null;
          }
          return "imports " + target + ", which is outside the rule API and plain data types";
        }
        String internal = internalName(target);
        if (BytecodeGuard.classAllowed(internal) && !GuardPolicy.ONLY_MEMBERS.containsKey(BytecodeGuard.topLevel(internal))) {
          return null;
        }
        return "imports " + target + ", which is outside the rule API and plain data types"
            + reasonSuffix(BytecodeGuard.typeRefusal(internal));
      }
    }
  }

  static String reasonSuffix(String reason) {
    return reason == null ? "" : " (" + reason + ")";
  }

  /** {@code java.util.Map.Entry} → {@code java/util/Map$Entry} (classes start with a capital). */
  static String internalName(String dotted) {
    String[] parts = dotted.split("\\.");
    StringBuilder s = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        s.append(inClass ? '$' : '/');
      }
      s.append(parts[i]);
      if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
        inClass = true;
      }
    }
    return s.toString();
  }

  private static final Pattern QUALIFIED =
      Pattern.compile("[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*");

  static List<Violation> scanNames(String file, DrlText t) {
    List<Violation> out = new ArrayList<>();
    String code = t.code();
    Matcher m = QUALIFIED.matcher(code);
    Set<String> seen = new LinkedHashSet<>();
    while (m.find()) {
      if (m.start() > 0 && (Character.isJavaIdentifierPart(code.charAt(m.start() - 1)))) {
        continue;
      }
      String name = m.group().replaceAll("\\s+", "");
      int line = t.lineOf(m.start());
      if (isImportOrPackageLine(t.line(line))) {
        continue;
      }
      String what = null;
      for (String q : GuardPolicy.FORBIDDEN_QUALIFIED) {
        if ((name + ".").startsWith(q) || name.startsWith(q)) {
          String reason = typeReason(q);
          what = "uses " + name + (reason == null ? "" : " — " + reason);
          break;
        }
      }
      if (what == null) {
        for (String part : name.split("\\.")) {
          String reason = GuardPolicy.FORBIDDEN_NAMES.get(part);
          if (reason != null) {
            what = "uses " + part + (name.equals(part) ? "" : " (in " + name + ")") + " — " + reason;
            break;
          }
        }
      }
      if (what != null && seen.add(line + what)) {
        out.add(new Violation(file, line, t.ruleAt(line), what));
      }
    }
    return out;
  }

  static boolean isImportOrPackageLine(String line) {
    String s = line.strip();
    return s.startsWith("import ") || s.startsWith("package ");
  }

  static String typeReason(String qualifiedPrefix) {
    String internal = qualifiedPrefix.replace('.', '/');
    for (var e : GuardPolicy.DENIED_TYPES.entrySet()) {
      if (internal.startsWith(e.getKey()) || e.getKey().startsWith(internal)) {
        return e.getValue();
      }
    }
    if (internal.startsWith("java/lang/System")) {
      return "system and process access";
    }
    if (internal.startsWith("java/lang/Class")) {
      return "reflection";
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Rules

  /** Every user rule in a phase, with no timer, calendar or date attributes. */
  static List<Violation> checkRules(KieBase kieBase, RuleIndex index) {
    List<Violation> out = new ArrayList<>();
    for (KiePackage p : kieBase.getKiePackages()) {
      for (Rule r : p.getRules()) {
        RuleIndex.Location loc = index.locate(r.getPackageName(), r.getName());
        if (loc == null || loc.builtin()) {
          continue;
        }
        if (!(r instanceof RuleImpl ri)) {
          continue;
        }
        String group = ri.getRuleFlowGroup();
        if (group == null || group.isEmpty() || !Phase.ORDER.contains(group)) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(),
              (group == null || group.isEmpty() ? "names no phase" : "names an unknown phase \"" + group + "\"")
                  + "; add ruleflow-group \"<phase>\" with one of " + String.join(", ", Phase.ORDER)));
        }
        if (ri.getTimer() != null) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(), "uses a timer — a clock (rules must be pure)"));
        }
        if (ri.getCalendars() != null && ri.getCalendars().length > 0) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(), "uses calendars — a clock (rules must be pure)"));
        }
        if (ri.getDateEffective() != null || ri.getDateExpires() != null) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(),
              "uses date-effective/date-expires — a clock (rules must be pure)"));
        }
        if (ri.getAgendaGroup() != null && !ri.getAgendaGroup().equals("MAIN") && !ri.getAgendaGroup().equals(group)) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(),
              "uses agenda-group; name the phase with ruleflow-group instead"));
        }
      }
    }
    return out;
  }

  /** The policy in a few lines, for error messages. */
  public static final String POLICY =
      "rule files may use the rule API (dev.albc.facts, dev.albc.rules.api, dev.albc.intents, dev.albc.rules.lib), "
          + "plain data types (String, numbers, Math, java.util collections, java.util.regex/function/stream, "
          + "java.math, java.time without clocks) and drools.insert/update/delete/getRule; see docs/rule-authoring.md";
}
