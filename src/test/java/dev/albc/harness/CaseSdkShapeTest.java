package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.facts.ControllerSettings;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.sources.FactInputs;
import dev.albc.desired.DesiredJson;
import dev.albc.desired.SdkShapeTest;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.InputText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every resource of every built-in case's plan deserializes into the matching AWS SDK v2 request
 * with no unknown member (see {@link SdkShapeTest}).
 */
class CaseSdkShapeTest {
  static final DesiredStateBuilder PLANNER = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));

  @Test
  void everyCaseResourceIsAnSdkRequest() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources/cases"))) {
      files = s.filter(p -> p.toString().endsWith(".test.yaml")).sorted().toList();
    }
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      JsonNode doc = CaseRunner.YAML.readTree(Files.readString(f));
      for (JsonNode c : doc.path("cases")) {
        String name = c.path("name").asText();
        JsonNode plan;
        try {
          Path base = f.toAbsolutePath().getParent();
          ControllerSettings settings = CaseRunner.settings(c.path("given").path("settings"));
          List<InputText> manifests = CaseRunner.texts(base, c.path("given").path("manifests"), name, false);
          List<InputText> aws = CaseRunner.texts(base, c.path("given").path("awsFacts"), name, true);
          plan = DesiredJson.tree(PLANNER.plan(settings, FactInputs.facts(manifests, aws, settings.vpcId()), false).plan());
        } catch (RuntimeException inputError) {
          continue; // cases that expect an input error (exit 2) have no plan
        }
        for (JsonNode g : plan.path("groups")) {
          for (JsonNode r : g.path("resources")) {
            String kind = r.path("Kind").asText();
            if (kind.startsWith("K8S::")) {
              continue;
            }
            try {
              SdkShapeTest.check(kind, r);
              checked++;
            } catch (Throwable e) {
              failures.add(f.getFileName() + " \"" + name + "\" " + kind + " " + r.path("ResourceId").asText() + ": " + e.getMessage());
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).as("resources checked").isGreaterThan(500);
  }
}
