package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the keys the intents set are compared; an attribute AWS did not report differs. */
class AttributeDiffTest {
  @Test
  void onlyWantedKeysThatDifferOrAreUnknown() {
    List<FieldDiff> diff = new ArrayList<>();
    Map<String, String> out = AttributeDiff.changes(
        Map.of("idle_timeout.timeout_seconds", "120", "routing.http2.enabled", "true", "a.b", "1"),
        Map.of("idle_timeout.timeout_seconds", "60", "routing.http2.enabled", "true", "deletion_protection.enabled",
            "false"), diff);
    assertThat(out).containsExactly(Map.entry("a.b", "1"), Map.entry("idle_timeout.timeout_seconds", "120"));
    assertThat(diff).containsExactly(new FieldDiff("Attributes.a.b", "(not set)", "1"),
        new FieldDiff("Attributes.idle_timeout.timeout_seconds", "60", "120"));
  }

  @Test
  void attributesNotReadCountAsDifferentAndNoneWantedAsNoChange() {
    List<FieldDiff> diff = new ArrayList<>();
    assertThat(AttributeDiff.changes(Map.of("k", "v"), null, diff)).containsExactly(Map.entry("k", "v"));
    assertThat(AttributeDiff.changes(null, Map.of("k", "v"), diff)).isEmpty();
    assertThat(diff).hasSize(1);
  }
}
