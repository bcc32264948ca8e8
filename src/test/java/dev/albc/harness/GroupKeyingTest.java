package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.Translation;
import dev.albc.rules.api.Member;
import dev.albc.rules.lib.Classes;
import dev.albc.sources.FactInputs;
import dev.albc.sources.InputText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Ingress → IngressGroup keying done before the rules run ({@link Classes#keying}, used to plan
 * in batches) gives every member of every case file the group the classify rules gave it.
 */
class GroupKeyingTest {
  static final Path CASES = Path.of("src/test/resources/cases");

  @Test
  void keyingBeforeTheRulesAgreesWithTheClassifyRulesOnEveryCase() throws Exception {
    RuleRunner runner = new RuleRunner(RuleCompiler.loadBuiltin());
    List<Path> files;
    try (Stream<Path> s = Files.walk(CASES)) {
      files = s.filter(p -> p.toString().endsWith(".test.yaml")).sorted().toList();
    }
    int members = 0;
    List<String> explicit = new ArrayList<>();
    for (Path file : files) {
      for (var c : CaseRunner.YAML.readTree(Files.readString(file)).path("cases")) {
        String name = c.path("name").asText();
        List<Object> facts;
        ControllerSettings settings;
        try {
          Path base = file.toAbsolutePath().getParent();
          settings = CaseRunner.settings(c.path("given").path("settings"));
          List<InputText> manifests = CaseRunner.texts(base, c.path("given").path("manifests"), name, false);
          List<InputText> aws = CaseRunner.texts(base, c.path("given").path("awsFacts"), name, true);
          facts = FactInputs.facts(manifests, aws, settings.vpcId());
        } catch (RuntimeException refused) {
          continue; // input the sources refuse never reaches the rules
        }
        Function<IngressFact, String> keying = Classes.keying(facts);
        List<Object> withSettings = new ArrayList<>(facts);
        withSettings.add(0, settings);
        Translation t = runner.run(withSettings, false);
        for (Member m : t.members()) {
          assertThat(keying.apply(m.ingress())).as(file.getFileName() + ": " + name + ": " + m.key())
              .isEqualTo(m.groupId());
          members++;
          if (!m.groupId().equals(m.key())) {
            explicit.add(m.groupId());
          }
        }
      }
    }
    assertThat(members).isGreaterThan(100);
    assertThat(explicit).as("members of explicit groups (group.name, IngressClassParams)").isNotEmpty();
  }
}
