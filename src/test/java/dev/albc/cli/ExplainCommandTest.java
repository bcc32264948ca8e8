package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** albc explain: from the engine's record of the run, so it follows the input. */
class ExplainCommandTest {
  static final Path GROUP = Path.of("examples/ingress-group");

  /** Every ListenerRule of the plan, as {@code port:priority}. */
  static List<String> planRules(Path input) throws IOException {
    CliRun plan = CliRun.of("plan", "--cluster-name", "demo", "-o", "json", input.toString());
    List<String> out = new ArrayList<>();
    for (JsonNode g : new ObjectMapper().readTree(plan.out()).path("groups")) {
      for (JsonNode r : g.path("resources")) {
        if (r.path("Kind").asText().endsWith("::ListenerRule")) {
          out.add(r.path("ResourceId").asText());
        }
      }
    }
    return out;
  }

  @Test
  void explainsEveryListenerRulePriorityOfTheIngressGroupExample() throws IOException {
    List<String> rules = planRules(GROUP);
    assertThat(rules).containsExactly("80:1", "80:2", "80:3", "80:4");
    CliRun r = CliRun.of("explain", "--cluster-name", "demo", GROUP.toString());
    assertThat(r.code()).as(r.all()).isZero();
    for (String id : rules) {
      String priority = id.substring(id.indexOf(':') + 1);
      assertThat(r.out()).contains("  ListenerRule " + id + "\n").contains("rule " + id + " priority " + priority + ": Ingress ");
    }
    assertThat(r.out())
        .contains("rule 80:1 priority 1: Ingress team-a/web has group.order 0 and sorts first on listener 80")
        .contains("rule 80:3 priority 3: Ingress team-b/api has group.order 10 and sorts after team-a/web (order 0);"
            + " it is rule 2 of 2 of team-b/api on this listener")
        .contains("rule 80:4 priority 4: Ingress team-c/admin has group.order 20 and sorts after team-b/api (order 10)")
        .contains("set by rule \"group.order annotation sets the member's order\" (rules/groups.drl:")
        .contains("from Ingress team-b/api spec.rules[0].http.paths[1] host www.example.com path /api (Prefix)")
        // subnets left out, from the engine's ChosenSubnets
        .contains("subnet-0a1b2c3d4e5f60003 left out: tagged only for another cluster")
        .contains("Scheme = internet-facing")
        .contains("from Ingress team-a/web annotation alb.ingress.kubernetes.io/scheme (precedence 20)")
        .contains("won over flag --default-load-balancer-scheme → internal (precedence 10)");
  }

  @Test
  void changingGroupOrderChangesTheExplanation(@TempDir Path dir) throws IOException {
    for (String f : List.of("ingresses.yaml", "services.yaml", "subnets.json")) {
      String text = Files.readString(GROUP.resolve(f));
      if (f.equals("ingresses.yaml")) {
        text = text.replace("alb.ingress.kubernetes.io/group.order: \"10\"", "alb.ingress.kubernetes.io/group.order: \"-5\"");
      }
      Files.writeString(dir.resolve(f), text);
    }
    CliRun r = CliRun.of("explain", "--cluster-name", "demo", "--field", "Priority", dir.toString());
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("rule 80:1 priority 1: Ingress team-b/api has group.order -5 and sorts first on listener 80")
        .contains("rule 80:3 priority 3: Ingress team-a/web has group.order 0 and sorts after team-b/api (order -5)")
        .contains("team-b/api  group.order -5 (Ingress team-b/api annotation alb.ingress.kubernetes.io/group.order)  → priorities 1-2")
        .doesNotContain("group.order 10");
  }

  @Test
  void oneResourceOneField() {
    CliRun r = CliRun.of("explain", "--cluster-name", "demo", "--resource", "80:2", "--field", "Priority", GROUP.toString());
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("ListenerRule 80:2").contains("Priority = 2").doesNotContain("80:3 priority")
        .doesNotContain("Conditions =");
    CliRun none = CliRun.of("explain", "--cluster-name", "demo", "--resource", "99:9", GROUP.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no resource 99:9");
  }

  @Test
  void jsonOutput() throws IOException {
    CliRun r = CliRun.of("explain", "--cluster-name", "demo", "-o", "json", "--resource", "LoadBalancer", "--field", "Subnets",
        GROUP.toString());
    assertThat(r.code()).as(r.all()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode res = root.path("groups").get(0).path("resources").get(0);
    assertThat(res.path("resourceId").asText()).isEqualTo("LoadBalancer");
    JsonNode field = res.path("fields").get(0);
    assertThat(field.path("name").asText()).isEqualTo("Subnets");
    List<String> lines = new ArrayList<>();
    field.path("because").forEach(l -> lines.add(l.path("text").asText()));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("chosen by discovery: subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002"));
  }

  @Test
  void explainsHouseRulesAndBlockedGroups() {
    CliRun r = CliRun.of("explain", "--cluster-name", "demo", "--rules-dir", "examples/custom-rules",
        "examples/custom-rules/demo");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("Attributes.access_logs.s3.prefix = team-a")
        .contains("set by rule \"example.com/access-logs turns on ALB access logs in the house bucket\""
            + " (examples/custom-rules/access-logs.drl:")
        .contains("from rule \"internet-facing load balancers get the house WAF web ACL\" (precedence 15)")
        .contains("BLOCKED by errors")
        .contains("raised by rule \"internet-facing load balancers serve only approved namespaces\"");
    Matcher m = Pattern.compile("Group team-b/shop[\\s\\S]*?(?=\\nGroup |$)").matcher(r.out());
    assertThat(m.find()).isTrue();
    assertThat(m.group()).doesNotContain("WebACLAssociation");
  }
}
