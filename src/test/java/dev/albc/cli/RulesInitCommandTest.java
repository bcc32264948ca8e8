package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code albc rules init DIR} (issue 13, item 5): a commented starter rule whose cases pass. */
class RulesInitCommandTest {
  @Test
  void writesAStarterRuleAndCasesThatPass(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("house-rules");
    CliRun init = CliRun.of("rules", "init", dir.toString());
    assertThat(init.code()).as(init.all()).isZero();
    assertThat(init.out()).contains("wrote " + dir.resolve("team-tag.drl")).contains("albc test-rules " + dir);
    assertThat(Files.readString(dir.resolve("team-tag.drl")))
        .contains("rule \"example.com/team tags the load balancer with the team\"")
        .contains("ruleflow-group \"parse\"").contains("// ");

    CliRun test = CliRun.of("test-rules", dir.toString());
    assertThat(test.code()).as(test.all()).isZero();
    assertThat(test.out()).contains("Coverage: 1 of 1 user rules fired in some case").contains("2 passed, 0 failed");
  }

  @Test
  void neverOverwrites(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("team-tag.drl"), "mine");
    CliRun init = CliRun.of("rules", "init", dir.toString());
    assertThat(init.code()).isEqualTo(2);
    assertThat(init.err()).contains("already exists; nothing written");
    assertThat(Files.readString(dir.resolve("team-tag.drl"))).isEqualTo("mine");
    assertThat(dir.resolve("team-tag.test.yaml")).doesNotExist();
  }

  @Test
  void coverageNamesTheUserRuleNoCaseFires(@TempDir Path dir) throws IOException {
    CliRun.of("rules", "init", dir.toString());
    Files.writeString(dir.resolve("unused.drl"), """
        package house;
        import dev.albc.rules.api.*;

        rule "a rule no case fires"
            ruleflow-group "validate"
        when
            Member(name == "nobody")
        then
        end
        """);
    CliRun test = CliRun.of("test-rules", dir.toString());
    assertThat(test.code()).as(test.all()).isZero();
    assertThat(test.out()).contains("Coverage: 1 of 2 user rules fired in some case")
        .contains(dir.resolve("unused.drl") + ":4  a rule no case fires");
  }
}
