package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.harness.CaseRunner.CaseResult;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case file of src/test/resources/cases, run through the same harness users get as
 * {@code albc test-rules}: one JUnit test per case.
 */
class BuiltinCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases");
  static final CaseRunner RUNNER = new CaseRunner(new RuleRunner(RuleCompiler.loadBuiltin()));

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(CASES)) {
      files = s.filter(p -> p.toString().endsWith(".test.yaml")).sorted().toList();
    }
    assertThat(files).as("case files under " + CASES).isNotEmpty();
    return files.stream()
        .flatMap(f -> RUNNER.runFile(f, null).stream())
        .map(r -> DynamicTest.dynamicTest(Path.of(r.file()).getFileName() + ": " + r.name(), () -> check(r)));
  }

  static void check(CaseResult r) {
    assertThat(r.failures()).as(r.name() + (r.source() == null ? "" : " (" + r.source() + ")")).isEmpty();
  }
}
