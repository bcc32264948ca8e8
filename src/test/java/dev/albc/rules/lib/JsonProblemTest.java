package dev.albc.rules.lib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Annotation JSON errors without Jackson's internals (issue 14, item 4). */
class JsonProblemTest {
  @Test
  void jacksonsSourceAndConstraintNamesAreLeftOut() {
    assertThat(Values.json("[{\"HTTP\": 80]").error())
        .isEqualTo("invalid JSON at column 13: Unexpected close marker ']': expected '}' (for an object that starts at column 2)");
    assertThat(Values.json("[".repeat(2000) + "]".repeat(2000)).error())
        .doesNotContain("StreamReadConstraints").contains("the JSON nests too deep");
  }
}
