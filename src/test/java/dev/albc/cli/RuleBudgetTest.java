package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.harness.WebCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded rules (issue 14, items 2 and 4): a user rule that recurses, loops past the time budget,
 * inserts forever or throws in a condition is an error (exit 2) naming its file and rule, and
 * test-rules still writes its JUnit XML; a KnownAnnotation cannot switch off the refusals
 * (docs/limits.md#rules).
 */
class RuleBudgetTest {
  static final String HEADER = """
      package house;
      import dev.albc.rules.api.*;

      """;

  static CliRun plan(Path dir, String drl) throws IOException {
    return plan(dir, drl, "table");
  }

  static CliRun plan(Path dir, String drl, String output) throws IOException {
    Files.writeString(dir.resolve("house.drl"), HEADER + drl);
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("manifests.yaml"), WebCase.manifests());
    Files.copy(Path.of(WebCase.FIXTURES, "subnets.json"), in.resolve("subnets.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return CliRun.of("plan", "--cluster-name", "demo", "-o", output, "--rules-dir", dir.toString(), in.toString());
  }

  /** Recursion through an IntUnaryOperator: a call the load check cannot follow, so the stack overflows. */
  static final String RECURSION = """
      function int depth(int n) {
          java.util.function.IntUnaryOperator[] f = new java.util.function.IntUnaryOperator[1];
          f[0] = k -> k < 0 ? 0 : 1 + f[0].applyAsInt(k + 1);
          return f[0].applyAsInt(n);
      }

      rule "recurses for ever"
          ruleflow-group "parse"
      when
          $m : Member()
      then
          insert(Setting.byRule($m.scope(), "user:depth", depth(1), Precedence.RULE, drools.getRule().getName()));
      end
      """;

  @Test
  void aStackOverflowIsReportedLikeAnExceptionWithFileAndRule(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, RECURSION);
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("house.drl:").contains("rule \"recurses for ever\" threw while firing: StackOverflowError")
        .doesNotContain("\tat ");
  }

  /** Issue 14: recursion and loops with no way out are refused when the rules are loaded (exit 2). */
  @Test
  void recursionAndEndlessLoopsAreRefusedWhenLoaded(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, """
        function int depth(int n) { return n < 0 ? 0 : 1 + other(n + 1); }
        function int other(int n) { return depth(n + 1); }

        rule "loops for ever"
            ruleflow-group "parse"
        when
            $m : Member()
        then
            while (true) { depth(1); }
        end
        """);
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err())
        .contains("house.drl:4: function depth calls itself through function depth → function other → function depth;"
            + " recursion is refused in rule files")
        .contains("house.drl:7 (rule \"loops for ever\"): has a loop that cannot end")
        .doesNotContain("\tat ");
    Files.delete(dir.resolve("house.drl"));
    Files.writeString(dir.resolve("house.drl"), HEADER + """
        function int spin() { int i = 0; for (;;) { i++; } }

        rule "calls spin"
            ruleflow-group "parse"
        when
            $m : Member()
        then
            spin();
        end
        """);
    Files.writeString(dir.resolve("house.test.yaml"), WebCase.caseFile("spin", "expect: {exitCode: 0}"));
    CliRun t = CliRun.of("test-rules", dir.toString());
    assertThat(t.code()).as(t.all()).isEqualTo(2);
    assertThat(t.all()).contains("house.drl:4: function spin has a loop that cannot end");
  }

  /** Loops with an exit load and run: a for over a list, a while (true) that breaks. */
  @Test
  void boundedLoopsLoadAndRun(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, """
        function int count(java.util.List<String> xs) {
            int n = 0;
            for (String x : xs) { n += x.length(); }
            while (true) { if (n >= 0) { break; } n++; }
            return n;
        }

        rule "counts its member's name"
            ruleflow-group "parse"
        when
            $m : Member()
        then
            insert(Setting.byRule($m.scope(), "tag:name-length", "" + count(java.util.List.of($m.name())),
                Precedence.RULE, drools.getRule().getName()));
        end
        """, "json");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("\"name-length\"").contains("\"3\"");
  }

  @Test
  void testRulesFailsTheCaseAndWritesItsReport(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("house.drl"), HEADER + RECURSION);
    Files.writeString(dir.resolve("house.test.yaml"), WebCase.caseFile("recursion", "expect: {exitCode: 0}"));
    CliRun r = CliRun.of("test-rules", "-o", "junit", dir.toString());
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.out()).contains("<testsuite").contains("recursion").contains("StackOverflowError");
  }

  @Test
  void theFiringBudgetNamesTheLoopingRule(@TempDir Path dir) throws IOException {
    System.setProperty("albc.rules.maxFirings", "20000");
    CliRun r;
    try {
      r = plan(dir, """
        declare Tick
            n : int
        end

        rule "start"
            ruleflow-group "parse"
        when
            Member()
        then
            insert(new Tick(0));
        end

        rule "ticks for ever"
            ruleflow-group "parse"
        when
            $t : Tick()
        then
            insert(new Tick($t.getN() + 1));
        end
        """);
    } finally {
      System.clearProperty("albc.rules.maxFirings");
    }
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("house.drl:").contains("the rules fired 20000 times, the firing budget")
        .contains("rule \"ticks for ever\" fired");
  }

  @Test
  void anExceptionInAConditionNamesTheRuleAndFile(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, """
        rule "divides in its condition"
            ruleflow-group "parse"
        when
            $m : Member(name.length() / 0 == 1)
        then
        end
        """);
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("house.drl:").contains("rule \"divides in its condition\"")
        .contains("ArithmeticException");
  }

  @Test
  void theTimeBudgetNamesTheRuleThatWasFiring(@TempDir Path dir) throws IOException {
    String old = System.getProperty("albc.rules.timeout");
    System.setProperty("albc.rules.timeout", "1");
    try {
      // a loop with an exit the load check cannot refuse, that takes a few seconds
      CliRun r = plan(dir, """
          function long spin() {
              long x = 1;
              for (long i = 0; i < 3000000000L; i++) { x = x * 31 + i; }
              return x;
          }

          rule "spins"
              ruleflow-group "parse"
          when
              $m : Member()
          then
              if (spin() == 42L) { insert(Setting.byRule($m.scope(), "user:x", 1, Precedence.RULE, "spins")); }
          end
          """);
      assertThat(r.code()).as(r.all()).isEqualTo(2);
      assertThat(r.err()).contains("house.drl:").contains("the rules ran past the time budget of 1 s while rule \"spins\" was firing");
    } finally {
      if (old == null) {
        System.clearProperty("albc.rules.timeout");
      } else {
        System.setProperty("albc.rules.timeout", old);
      }
    }
  }

  @Test
  void aKnownAnnotationPrefixCannotSwitchOffTheRefusals(@TempDir Path dir) throws IOException {
    for (String key : new String[] {"alb.", "alb.ingress.kubernetes.io/house.", "alb.ingress.kubernetes.io/waf-acl-id"}) {
      CliRun r = plan(dir, """
          rule "declares too much"
              ruleflow-group "classify"
          when
          then
              insert(new KnownAnnotation("%s", false));
          end
          """.formatted(key));
      assertThat(r.code()).as(key + "\n" + r.all()).isEqualTo(2);
      assertThat(r.err()).as(key).contains("house.drl:").contains("KnownAnnotation \"" + key + "\"");
    }
    CliRun ok = plan(dir, """
        rule "declares a house key"
            ruleflow-group "classify"
        when
        then
            insert(new KnownAnnotation(Ann.alb("house-waf"), false));
        end
        """);
    assertThat(ok.code()).as(ok.all()).isZero();
  }
}
