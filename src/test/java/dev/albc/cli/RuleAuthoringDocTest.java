package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/rule-authoring.md tested from its own text (issue 13, items 5 and 6): every fenced block
 * marked {@code file=NAME} is written to a fresh folder, as a newcomer copying the page would, and
 * the recipes' cases must pass under {@code albc test-rules}; then the scripted newcomer run —
 * {@code albc rules init}, the recipes beside the starter rule, test, plan — as the page tells it.
 */
class RuleAuthoringDocTest {
  static final Path DOC = Path.of("docs/rule-authoring.md");
  static final Pattern BLOCK = Pattern.compile("(?ms)^```\\w+ file=(\\S+)\\n(.*?)^```$");

  /** The blocks marked file=NAME, by name, in the order of the page. */
  static Map<String, String> files() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    while (m.find()) {
      assertThat(out.put(m.group(1), m.group(2))).as("two blocks are " + m.group(1)).isNull();
    }
    return out;
  }

  static void write(Path dir, Map<String, String> files) throws IOException {
    for (var e : files.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
  }

  @Test
  void theRecipesOfThePagePassTheirCases(@TempDir Path dir) throws IOException {
    Map<String, String> files = files();
    assertThat(files.keySet()).contains("cost-center.drl", "cost-center.test.yaml", "healthz.drl", "healthz.test.yaml",
        "slow-health-checks.drl", "slow-health-checks.test.yaml", "interval.drl", "interval.test.yaml", "fixtures.yaml", "subnets.json");
    write(dir, files);
    CliRun r = CliRun.of("test-rules", dir.toString());
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("Coverage: 4 of 4 user rules fired in some case").contains("7 passed, 0 failed");
  }

  @Test
  void aNewcomerRunFromThePage(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("house-rules");
    CliRun init = CliRun.of("rules", "init", dir.toString());
    assertThat(init.code()).as(init.all()).isZero();
    write(dir, files());
    CliRun test = CliRun.of("test-rules", dir.toString());
    assertThat(test.code()).as(test.all()).isZero();
    assertThat(test.out()).contains("Coverage: 5 of 5 user rules fired in some case").contains("9 passed, 0 failed");

    CliRun plan = CliRun.of("plan", "--cluster-name", "demo", "--rules-dir", dir.toString(), "-o", "json",
        "examples/quickstart");
    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("\"HealthCheckPath\" : \"/healthz\"").contains("\"HealthCheckIntervalSeconds\" : 10");
  }
}
