package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.cli.Main;
import dev.albc.facts.ControllerSettings;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.sources.FactInputs;
import dev.albc.desired.DesiredJson;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.InputText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Golden plans: the JSON plan (and, for the examples, the table) of every example and of every case
 * of every case file, compared byte for byte with the files under {@code src/test/resources/golden/}.
 * A restructuring must leave them unchanged; a change of behaviour rewrites them in its own commit:
 *
 * <pre>
 * ./mvnw -B test -Dtest=GoldenPlansTest -Dalbc.golden.update=true
 * git diff src/test/resources/golden
 * </pre>
 */
class GoldenPlansTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Path CASES = Path.of("src/test/resources/cases");
  static final boolean UPDATE = Boolean.getBoolean("albc.golden.update");
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final DesiredStateBuilder PLANNER = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));

  /** An example: its name and the command line that plans it (besides -o). */
  record Example(String name, List<String> args) {}

  static final List<Example> EXAMPLES = List.of(
      new Example("quickstart", List.of("--cluster-name", "demo", "--aws-vpc-id", "vpc-0123456789abcdef0", "examples/quickstart")),
      new Example("ingress-group", List.of("--cluster-name", "demo", "--aws-vpc-id", "vpc-0123456789abcdef0", "examples/ingress-group")),
      new Example("https", List.of("--cluster-name", "demo", "--aws-vpc-id", "vpc-0123456789abcdef0", "examples/https")),
      new Example("invalid", List.of("--cluster-name", "demo", "examples/invalid")),
      new Example("custom-rules", List.of("--cluster-name", "demo", "--rules-dir", "examples/custom-rules",
          "examples/custom-rules/demo")));

  @TestFactory
  Stream<DynamicTest> examples() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Example e : EXAMPLES) {
      for (String format : List.of("json", "table")) {
        tests.add(DynamicTest.dynamicTest(e.name() + " -o " + format, () -> {
          List<String> args = new ArrayList<>(List.of("plan", "-o", format));
          args.addAll(e.args());
          String actual = run(args);
          compare(GOLDEN.resolve("examples").resolve(e.name() + "." + format + ".txt"), actual);
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(CASES)) {
      files = s.filter(p -> p.toString().endsWith(".test.yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(CASES.relativize(f).toString(), () -> {
      String rel = CASES.relativize(f).toString().replace(".test.yaml", ".json");
      compare(GOLDEN.resolve("cases").resolve(rel), casePlans(f));
    }));
  }

  /** Every case's plan JSON, by case name; a case whose input is refused records the message. */
  static String casePlans(Path file) throws IOException {
    JsonNode doc = CaseRunner.YAML.readTree(Files.readString(file));
    ObjectNode out = PRETTY.createObjectNode();
    for (JsonNode c : doc.path("cases")) {
      String name = c.path("name").asText();
      try {
        Path base = file.toAbsolutePath().getParent();
        ControllerSettings settings = CaseRunner.settings(c.path("given").path("settings"));
        List<InputText> manifests = CaseRunner.texts(base, c.path("given").path("manifests"), name, false);
        List<InputText> aws = CaseRunner.texts(base, c.path("given").path("awsFacts"), name, true);
        var plan = PLANNER.plan(settings, FactInputs.facts(manifests, aws, settings.vpcId()), false).plan();
        out.set(name, DesiredJson.tree(plan));
      } catch (RuntimeException e) {
        out.put(name, "refused: " + e.getClass().getSimpleName() + ": " + e.getMessage()
            .replace(CASES.toAbsolutePath().toString(), "<cases>"));
      }
    }
    return PRETTY.writeValueAsString(out) + "\n";
  }

  static String run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args.toArray(String[]::new));
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }

  static void compare(Path golden, String actual) throws IOException {
    if (UPDATE || !Files.exists(golden)) {
      assertThat(UPDATE).as("no golden file " + golden + " (run with -Dalbc.golden.update=true)").isTrue();
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).as("plan differs from " + golden + " (if intended: -Dalbc.golden.update=true)")
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
