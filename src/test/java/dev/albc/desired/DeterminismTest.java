package dev.albc.desired;

import dev.albc.sources.FactInputs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.InputText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shuffling the order of files and of documents gives byte-identical plans. */
class DeterminismTest {
  static final DesiredStateBuilder PLANNER = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));

  @ParameterizedTest
  @ValueSource(strings = {"examples/quickstart", "examples/ingress-group", "examples/https", "examples/invalid"})
  void shuffledInputGivesTheSamePlan(String example) throws IOException {
    List<String> docs = new ArrayList<>();
    List<InputText> aws = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of(example))) {
      for (Path f : s.sorted().toList()) {
        if (f.toString().endsWith(".json")) {
          aws.add(InputText.readFile(f));
        } else {
          for (String d : Files.readString(f).split("(?m)^---\\s*$")) {
            if (!d.isBlank()) {
              docs.add(d);
            }
          }
        }
      }
    }
    ControllerSettings settings = new ControllerSettings("demo", "vpc-0123456789abcdef0", "us-west-2",
        null, null, null, null, null, null, true, null, true, true);
    String first = null;
    Random random = new Random(42);
    for (int round = 0; round < 6; round++) {
      List<String> shuffled = new ArrayList<>(docs);
      Collections.shuffle(shuffled, random);
      // split into several "files", in shuffled order too
      List<InputText> texts = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        texts.add(new InputText("doc-" + random.nextInt(1000) + ".yaml", shuffled.get(i)));
      }
      List<InputText> awsShuffled = new ArrayList<>(aws);
      Collections.shuffle(awsShuffled, random);
      String json = DesiredJson.json(PLANNER.plan(settings, FactInputs.facts(texts, awsShuffled, settings.vpcId()), false).plan());
      if (first == null) {
        first = json;
        assertThat(json).contains("\"groups\"");
      } else {
        assertThat(json).as("round " + round).isEqualTo(first);
      }
    }
  }
}
