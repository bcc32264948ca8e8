package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Confinement of user rule files: the source lint (file and line), the bytecode allow-list (the
 * real gate, tested here with the source lint off, so spelling tricks cannot help), and the built-in
 * rules themselves passing both when compiled as if they were user rules.
 */
class RuleGuardTest {
  static final Set<String> BUILTIN = Set.of("rules");

  static String rule(String pkg, String consequence) {
    return """
        package %s;
        import dev.albc.rules.api.*;

        rule "r"
            ruleflow-group "override"
        when
            $m : Member()
        then
            try { %s } catch (Exception e) { }
        end
        """.formatted(pkg, consequence);
  }

  static List<String> sourceViolations(String text) {
    return RuleGuard.checkSource(new RuleSource("house/x.drl", text, false), BUILTIN).stream()
        .map(RuleGuard.Violation::render).toList();
  }

  @Test
  void sourceLintNamesFileLineRuleAndWhat() {
    assertThat(sourceViolations(rule("house", "System.exit(1);")))
        .containsExactly("house/x.drl:9 (rule \"r\"): uses System (in System.exit) — system and process access");
    assertThat(sourceViolations(rule("house", "java.lang.System.exit(1);")))
        .singleElement().asString().contains(":9").contains("java.lang.System.exit");
    assertThat(sourceViolations(rule("house", "new java.io.File(\"/etc/passwd\").delete();")))
        .singleElement().asString().contains("java.io.File").contains("files and I/O");
    assertThat(sourceViolations(rule("house", "$m.getClass().getClassLoader();")))
        .anySatisfy(v -> assertThat(v).contains("getClass").contains("reflection"));
    assertThat(sourceViolations(rule("house", "new Thread(() -> {}).start();")))
        .singleElement().asString().contains("Thread").contains("threads");
    assertThat(sourceViolations(rule("house", "new java.net.Socket(\"example.com\", 80);")))
        .singleElement().asString().contains("java.net.Socket").contains("network");
    assertThat(sourceViolations(rule("house", "kcontext.getKieRuntime().halt();")))
        .anySatisfy(v -> assertThat(v).contains("getKieRuntime"));
  }

  @Test
  void sourceLintSeesThroughUnicodeEscapesAndIgnoresCommentsAndStrings() {
    assertThat(sourceViolations(rule("house", "\\u0053ystem.exit(1);")))
        .singleElement().asString().contains("System");
    assertThat(sourceViolations(rule("house", "String s = \"System.exit(1) and java.io.File\"; // System.exit")))
        .isEmpty();
  }

  @Test
  void packagesAndImports() {
    assertThat(sourceViolations(rule("rules", "")))
        .singleElement().asString().contains("the built-in rules' package");
    assertThat(sourceViolations(rule("dev.albc.rules.api", "")))
        .singleElement().asString().contains("reserved");
    assertThat(sourceViolations("import dev.albc.rules.api.*;\nrule \"x\" when then end\n"))
        .singleElement().asString().contains("declares no package");
    assertThat(sourceViolations("package house;\nimport java.io.File;\nimport java.util.List;\nimport java.util.Map.Entry;\n"
        + "import dev.albc.facts.*;\nimport static java.lang.Math.max;\nimport function java.lang.System.exit;\n"
        + "import accumulate house.Sum sum2;\nglobal java.util.List out;\n"))
        .containsExactly(
            "house/x.drl:2: imports java.io.File, which is outside the rule API and plain data types (files and I/O)",
            "house/x.drl:7: imports java.lang.System.exit, which is outside the rule API and plain data types",
            "house/x.drl:8: imports an accumulate function (house.Sum); use the built-in ones (count, sum, collectList …)",
            "house/x.drl:9: declares a global (java.util.List); user rules get no globals: read facts instead");
  }

  @Test
  void theBytecodeCheckRefusesWhatTheSourceCheckDoesNotSee() {
    // every file its own package, so each refusal names its file; the source lint is off
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("exit", "java.lang.System.exit(1);");
    bad.put("env", "String s = System.getenv(\"AWS_SECRET_ACCESS_KEY\");");
    bad.put("property", "Integer i = Integer.getInteger(\"x\");");
    bad.put("file", "new java.io.File(\"/etc/passwd\").exists();");
    bad.put("nio", "java.nio.file.Files.readString(java.nio.file.Path.of(\"/root/.aws/credentials\"));");
    bad.put("reflection", "Class.forName(\"java.lang.Runtime\");");
    bad.put("getclass", "$m.getClass();");
    bad.put("loader", "String.class.getClassLoader();");
    bad.put("thread", "new Thread(() -> {}).start();");
    bad.put("exec", "Runtime.getRuntime().exec(\"id\");");
    bad.put("methodref", "java.util.function.IntConsumer c = System::exit; c.accept(1);");
    bad.put("unicode", "\\u0053ystem.exit(2);");
    bad.put("handles", "java.lang.invoke.MethodHandles.lookup();");
    bad.put("network", "new java.net.URL(\"http://169.254.169.254/latest/meta-data/\").openStream();");
    bad.put("engine", "kcontext.getKieRuntime();");
    bad.put("parallel", "java.util.List.of(1, 2).parallelStream().count();");
    bad.put("clock", "java.time.Instant.now();");
    List<RuleSource> sources = new ArrayList<>();
    bad.forEach((k, v) -> sources.add(new RuleSource("bad/" + k + ".drl", rule("bad." + k, v), false)));
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> RuleCompiler.compile(sources, false));
    assertThat(t).isInstanceOf(RuleRefusedException.class);
    List<String> problems = ((RuleRefusedException) t).problems();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("exit", "calls java.lang.System.exit() — system and process access");
    expected.put("env", "calls java.lang.System.getenv() — system and process access");
    expected.put("property", "calls java.lang.Integer.getInteger() — system state");
    expected.put("file", "creates java.io.File — files and I/O");
    expected.put("nio", "calls java.nio.file.Files.readString() — files and I/O");
    expected.put("reflection", "calls java.lang.Class.forName() — reflection");
    expected.put("getclass", "calls java.lang.Object.getClass() — reflection");
    expected.put("loader", "calls java.lang.Class.getClassLoader() — class loading");
    expected.put("thread", "creates java.lang.Thread — threads");
    expected.put("exec", "calls java.lang.Runtime.exec() — system and process access");
    expected.put("methodref", "calls java.lang.System.exit() — system and process access");
    expected.put("unicode", "calls java.lang.System.exit() — system and process access");
    expected.put("handles", "calls java.lang.invoke.MethodHandles.lookup() — reflection");
    expected.put("network", "creates java.net.URL — the network");
    expected.put("engine", "calls org.drools.core.rule.consequence.KnowledgeHelper.getKieRuntime() — the engine's runtime");
    expected.put("parallel", "calls java.util.List.parallelStream() — threads");
    expected.put("clock", "calls java.time.Instant.now() — a clock or randomness");
    expected.forEach((k, what) -> assertThat(problems).as(k + " in\n" + String.join("\n", problems))
        .anySatisfy(p -> assertThat(p).startsWith("bad/" + k + ".drl: ").contains(what)));
  }

  @Test
  void plainDataAndTheRuleApiPass() {
    String ok = """
        package house;
        import dev.albc.facts.*;
        import dev.albc.rules.api.*;
        import java.util.*;
        import java.util.stream.Collectors;

        declare Note
            text : String
        end

        function String shout(String s) { return s.toUpperCase(Locale.ROOT); }

        rule "uses plain data"
            ruleflow-group "override"
        when
            $m : Member($gscope : groupScope)
            $l : List() from collect (Setting(scope == $gscope))
        then
            Map<String, Integer> counts = new TreeMap<>();
            for (Object o : $l) { counts.merge(((Setting) o).name(), 1, Integer::sum); }
            String joined = counts.keySet().stream().map(k -> shout(k)).collect(Collectors.joining(","));
            insert(new Note(joined + Math.max(1, counts.size()) + String.format("%d", 3)));
            insert(Setting.byRule($gscope, "tag:notes", joined, Precedence.RULE, drools.getRule().getName()));
        end
        """;
    RuleSet rs = RuleCompiler.compile(List.of(new RuleSource("house/ok.drl", ok, false)));
    assertThat(rs.index().userRules()).extracting(RuleIndex.Location::rule).containsExactly("uses plain data");
  }

  @Test
  void everyUserRuleNamesAKnownPhaseAndUsesNoClock() {
    String text = """
        package house;
        import dev.albc.rules.api.*;

        rule "no phase"
        when
            Member()
        then
        end

        rule "wrong phase"
            ruleflow-group "later"
        when
            Member()
        then
        end

        rule "on a timer"
            ruleflow-group "override"
            timer (int: 10s)
        when
            Member()
        then
        end
        """;
    assertThatThrownBy(() -> RuleCompiler.compile(List.of(new RuleSource("house/phases.drl", text, false))))
        .isInstanceOf(RuleRefusedException.class)
        .hasMessageContaining("house/phases.drl:4 (rule \"no phase\"): names no phase")
        .hasMessageContaining("house/phases.drl:10 (rule \"wrong phase\"): names an unknown phase \"later\"")
        .hasMessageContaining("house/phases.drl:17 (rule \"on a timer\"): uses a timer");
  }

  /** Issue 14: code that cannot end is refused when loaded, naming the file, line and rule or function. */
  @Test
  void loopsWithNoWayOutAndRecursionAreRefusedWhenLoaded() {
    String text = """
        package house;
        import dev.albc.rules.api.*;
        import java.util.*;

        function int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
        function int ping(int n) { return pong(n - 1); }
        function int pong(int n) { return n < 0 ? 0 : ping(n); }
        function int spin() { int i = 0; while (true) { i++; } }
        function int viaLambda(List<Integer> xs) { xs.forEach(x -> viaLambda(xs)); return 0; }
        function void nested(int n) {
            for (int i = 0; i < n; i++) { for (;;) { n++; } }
        }

        rule "loops for ever"
            ruleflow-group "override"
        when
            $m : Member()
        then
            int k = 0;
            do { k++; } while (true);
        end

        rule "catches but never leaves"
            ruleflow-group "override"
        when
            $m : Member()
        then
            List<String> l = new ArrayList<>();
            while (true) { try { l.get(5); } catch (RuntimeException e) { l.add("x"); } }
        end
        """;
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(
        () -> RuleCompiler.compile(List.of(new RuleSource("house/loops.drl", text, false)), false));
    assertThat(t).isInstanceOf(RuleRefusedException.class);
    assertThat(((RuleRefusedException) t).problems()).as(t.getMessage()).containsExactlyInAnyOrder(
        "house/loops.drl:8: function spin has a loop that cannot end: no break, return or throw leads out of it"
            + " (as in while (true) { … } without break); loop over the facts' data or give the loop an exit",
        "house/loops.drl:10: function nested has a loop that cannot end: no break, return or throw leads out of it"
            + " (as in while (true) { … } without break); loop over the facts' data or give the loop an exit",
        "house/loops.drl:14 (rule \"loops for ever\"): has a loop that cannot end: no break, return or throw leads"
            + " out of it (as in while (true) { … } without break); loop over the facts' data or give the loop an exit",
        "house/loops.drl:23 (rule \"catches but never leaves\"): has a loop that cannot end: no break, return or"
            + " throw leads out of it (as in while (true) { … } without break); loop over the facts' data or give"
            + " the loop an exit",
        "house/loops.drl:5: function fact calls itself; recursion is refused in rule files (its depth depends on"
            + " the data and overflows the stack): loop over the data instead",
        "house/loops.drl:6: function ping calls itself through function ping → function pong → function ping;"
            + " recursion is refused in rule files (its depth depends on the data and overflows the stack):"
            + " loop over the data instead",
        "house/loops.drl:9: function viaLambda calls itself; recursion is refused in rule files (its depth depends on"
            + " the data and overflows the stack): loop over the data instead");
  }

  /** Loops with an exit load: bounded, broken, returned from, left from a catch, nested with labels. */
  @Test
  void boundedLoopsLoad() {
    String text = """
        package house;
        import dev.albc.rules.api.*;
        import java.util.*;

        function int sum(List<Integer> xs) { int s = 0; for (Integer x : xs) { s += x; } return s; }
        function int firstNegative(int[] xs) { int i = 0; while (true) { if (xs[i] < 0) return i; i++; } }
        function int search(List<Integer> xs) {
            int i = 0;
            while (true) {
                try { if (xs.get(i) == 7) { break; } } catch (IndexOutOfBoundsException e) { break; }
                i++;
            }
            return i;
        }
        function int labelled(int n) {
            int c = 0;
            outer:
            for (int i = 0; i < n; i++) { while (true) { c++; if (c > i) continue outer; if (c > 100) break outer; } }
            return c;
        }
        function int spinOrThrow(int n) { while (true) { if (n-- < 0) throw new IllegalStateException("done"); } }

        rule "loops over the members"
            ruleflow-group "override"
        when
            $m : Member()
        then
            List<Integer> xs = new ArrayList<>(List.of(1, 2, 3));
            int total = 0;
            for (int i = 0; i < xs.size(); i++) { total += xs.get(i); }
            int k = 0;
            do { k++; } while (k < 10);
            switch (total) { case 1: k = 2; break; case 6: k = 3; break; default: k = 4; }
            xs.forEach(x -> sum(List.of(x)));
            insert(Setting.byRule($m.scope(), "tag:x", "" + (sum(xs) + firstNegative(new int[] {1, -1}) + search(xs)
                + labelled(3) + k), Precedence.RULE, drools.getRule().getName()));
        end
        """;
    RuleSet rs = RuleCompiler.compile(List.of(new RuleSource("house/bounded.drl", text, false)));
    assertThat(rs.index().userRules()).extracting(RuleIndex.Location::rule).containsExactly("loops over the members");
  }

  @Test
  void ruleMethodNamesAreMangledAsTheExecutableModelDoes() {
    assertThat(LoopCheck.Naming.mangle("the r2: a-b / ü")).isEqualTo("the_32r2_58_32a_45b_32_47_32ü");
  }

  @Test
  void theBuiltinRulesPassTheGuardAsIfTheyWereUserRules() {
    List<RuleSource> copies = new ArrayList<>();
    for (RuleSource s : RuleCompiler.builtinSources()) {
      copies.add(new RuleSource("copy/" + s.name(), s.text().replace("package rules;", "package house;"), false));
    }
    // The one exception: security-groups.drl parses inbound-cidrs with SecurityGroups.cidrs, which
    // reaches Cidrs and InetAddress.getByName (a DNS lookup for a value like "cafe/24"; see below).
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> RuleCompiler.compile(copies, false));
    assertThat(t).isInstanceOf(RuleRefusedException.class);
    assertThat(((RuleRefusedException) t).problems())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("calls dev.albc.rules.lib.SecurityGroups.cidrs()"));
    List<RuleSource> withoutCidrs = new ArrayList<>();
    for (RuleSource s : copies) {
      withoutCidrs.add(new RuleSource(s.name(),
          s.text().replace("SecurityGroups.cidrs(", "Settings.ok("), false));
    }
    RuleSet rs = RuleCompiler.compile(withoutCidrs);
    assertThat(rs.index().userRules()).hasSizeGreaterThan(100);
  }

  /**
   * The helper packages user rules may call must themselves be pure: nothing in them reaches what
   * the guard refuses, except what is listed here and why.
   */
  @Test
  void albcsHelperPackagesReachNothingTheGuardRefuses() throws Exception {
    java.nio.file.Path classes = java.nio.file.Path.of(
        RuleGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> found = new ArrayList<>();
    for (String pkg : List.of("dev/albc/facts", "dev/albc/rules/api", "dev/albc/intents", "dev/albc/rules/lib")) {
      try (var files = java.nio.file.Files.walk(classes.resolve(pkg))) {
        for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
          String name = classes.relativize(f).toString().replace('\\', '/');
          for (String r : BytecodeGuard.refusals(ClassRefs.read(java.nio.file.Files.readAllBytes(f)), Set.of())) {
            boolean known =
                // JSON annotation values (actions.*, conditions.*, listen-ports) are parsed with Jackson
                r.contains("com.fasterxml.jackson.")
                // resource names are sha256 hashes, as the reference controller's
                || name.startsWith("dev/albc/rules/api/Names") && r.contains("java.security.")
                // what javac emits for pattern matching
                || r.contains("java.lang.Class.isInstance()") || r.contains("java.lang.Class.cast()")
                || r.contains("java.lang.IncompatibleClassChangeError")
                // KNOWN PROBLEM, refused to user rules: Cidrs.problem resolves its input with
                // InetAddress.getByName, a DNS lookup for a non-literal such as "cafe" or "dead.beef"
                || name.startsWith("dev/albc/rules/lib/Cidrs") && r.contains("java.net.")
                || r.contains("dev.albc.rules.lib.Cidrs");
            if (!known) {
              found.add(name + ": " + r);
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void classRefsReadsAConstantPool() throws Exception {
    byte[] bytes;
    try (var in = RuleGuardTest.class.getResourceAsStream("RuleGuardTest.class")) {
      bytes = in.readAllBytes();
    }
    ClassRefs c = ClassRefs.read(bytes);
    assertThat(c.name()).isEqualTo("dev/albc/rules/RuleGuardTest");
    assertThat(c.members()).anySatisfy(m -> {
      assertThat(m.owner()).isEqualTo("dev/albc/rules/RuleCompiler");
      assertThat(m.name()).isEqualTo("compile");
    });
    assertThat(ClassRefs.typesIn("(ILjava/lang/String;[Ljava/util/List;J)Ljava/lang/Object;"))
        .containsExactly("java/lang/String", "java/util/List", "java/lang/Object");
  }
}
