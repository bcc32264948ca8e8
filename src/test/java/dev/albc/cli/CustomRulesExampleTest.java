package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/custom-rules through the CLI: its tests pass under test-rules, plan --rules-dir shows
 * the three house rules' effects, and broken, throwing or unconfined rule files are refused with
 * the file named and exit 2.
 */
class CustomRulesExampleTest {
  static final Path EXAMPLE = Path.of("examples/custom-rules");

  @Test
  void testRulesPassesOnTheExampleFolder() {
    CliRun r = CliRun.of("test-rules", EXAMPLE.toString());
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("PASS  example.com/access-logs turns on logs in the house bucket under the team's prefix")
        .contains("PASS  an Ingress opts out with house-waf false")
        .contains("PASS  a namespace without the label may not")
        .contains("Coverage: 6 of 6 user rules fired in some case")
        .contains("0 failed")
        .doesNotContain("FAIL");
  }

  @Test
  void testRulesWritesJunitForCi() {
    CliRun r = CliRun.of("test-rules", "-o", "junit", "--run", "house", EXAMPLE.toString());
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).startsWith("<?xml").contains("<testsuite name=\"albc test-rules\" tests=\"6\" failures=\"0\" errors=\"0\">");
  }

  @Test
  void planWithTheRulesShowsTheThreeEffects() throws IOException {
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "--rules-dir", EXAMPLE.toString(), "-o", "json",
        EXAMPLE.resolve("demo").toString());
    assertThat(r.code()).as("team-c is refused by the approval policy: exit 1\n" + r.all()).isEqualTo(1);
    JsonNode plan = new ObjectMapper().readTree(r.out());
    JsonNode teamA = group(plan, "team-a/web");
    JsonNode lb = resource(teamA, "LoadBalancer");
    assertThat(lb.path("Attributes").path("access_logs.s3.enabled").asText()).isEqualTo("true");
    assertThat(lb.path("Attributes").path("access_logs.s3.bucket").asText()).isEqualTo("example-alb-access-logs");
    assertThat(lb.path("Attributes").path("access_logs.s3.prefix").asText()).isEqualTo("team-a");
    assertThat(resource(teamA, "WebACLAssociation").path("WebACLArn").asText()).contains("webacl/house-default/");
    JsonNode teamB = group(plan, "team-b/shop");
    assertThat(resource(teamB, "LoadBalancer")).isNotNull();
    assertThat(resource(teamB, "WebACLAssociation")).as("team-b opted out").isNull();
    JsonNode teamC = group(plan, "team-c/admin");
    assertThat(teamC.path("resources").size()).isZero();
    assertThat(teamC.path("diagnostics").get(0).path("message").asText())
        .isEqualTo("namespace team-c is not approved for internet-facing load balancers");
  }

  @Test
  void withoutTheRulesNoneOfTheEffects() throws IOException {
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "-o", "json", EXAMPLE.resolve("demo").toString());
    // house-waf is an ALB annotation nothing handles without the house rules: an error on team-b
    JsonNode plan = new ObjectMapper().readTree(r.out());
    assertThat(resource(group(plan, "team-a/web"), "LoadBalancer").has("Attributes")).isFalse();
    assertThat(resource(group(plan, "team-a/web"), "WebACLAssociation")).isNull();
    assertThat(resource(group(plan, "team-c/admin"), "LoadBalancer")).isNotNull();
  }

  @Test
  void aRuleFileThatDoesNotCompileIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.drl"), """
        package house;
        import dev.albc.rules.api.*;

        rule "misspelt fact type"
            ruleflow-group "override"
        when
            $m : Membr()
        then
        end
        """);
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "--rules-dir", dir.toString(), "examples/quickstart");
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("rules failed to compile").contains(dir.resolve("broken.drl") + ":7").contains("Membr");
  }

  @Test
  void aConsequenceThatDoesNotCompileIsTracedBackToTheDrlLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("typo.drl"), """
        package house;
        import dev.albc.rules.api.*;

        rule "bad consequence"
            ruleflow-group "override"
        when
            $m : Member()
        then
            int n = $m.nmae();
        end
        """);
    CliRun r = CliRun.of("test-rules", "--rules-dir", dir.toString(), "src/test/resources/cases/classify.test.yaml");
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("typo.drl") + ":9 (rule \"bad consequence\")").contains("nmae");
  }

  @Test
  void aRuleFileCallingSystemExitIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("exit.drl"), """
        package house;
        import dev.albc.rules.api.*;

        rule "leave"
            ruleflow-group "override"
        when
            Member()
        then
            System.exit(0);
        end
        """);
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "--rules-dir", dir.toString(), "examples/quickstart");
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("rules refused").contains(dir.resolve("exit.drl") + ":9 (rule \"leave\")")
        .contains("System").contains("system and process access");
  }

  @Test
  void aRuleFileOpeningAFileIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("read.drl"), """
        package house;
        import dev.albc.rules.api.*;

        rule "read the credentials"
            ruleflow-group "override"
        when
            Member()
        then
            String s = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/root/.aws/credentials")));
        end
        """);
    CliRun r = CliRun.of("test-rules", dir.toString(), "examples/custom-rules");
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("rules refused").contains(dir.resolve("read.drl") + ":9").contains("java.nio.file.Files")
        .contains("files and I/O");
  }

  @Test
  void aRuleThatThrowsIsNamedWithItsFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("throws.drl"), """
        package house;
        import dev.albc.rules.api.*;

        // divides by zero
        rule "throws on every member"
            ruleflow-group "override"
        when
            $m : Member()
        then
            int n = 10 / ($m.name().length() - $m.name().length());
        end
        """);
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "--rules-dir", dir.toString(), "examples/quickstart");
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("throws.drl") + ":5: rule \"throws on every member\" threw while firing")
        .contains("ArithmeticException");
    CliRun t = CliRun.of("test-rules", "--rules-dir", dir.toString(), "examples/custom-rules/house-waf.test.yaml");
    assertThat(t.code()).as(t.all()).isEqualTo(2);
    assertThat(t.out()).contains("FAIL").contains("threw while firing").contains("a rule threw while firing");
  }

  static JsonNode group(JsonNode plan, String id) {
    for (JsonNode g : plan.path("groups")) {
      if (g.path("id").asText().equals(id)) {
        return g;
      }
    }
    throw new AssertionError("no group " + id + " in " + plan);
  }

  static JsonNode resource(JsonNode group, String id) {
    for (JsonNode r : group.path("resources")) {
      if (r.path("ResourceId").asText().equals(id)) {
        return r;
      }
    }
    return null;
  }
}
