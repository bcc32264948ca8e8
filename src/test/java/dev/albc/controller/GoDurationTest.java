package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void goSyntax() {
    assertThat(GoDuration.parse("10h")).isEqualTo(Duration.ofHours(10));
    assertThat(GoDuration.parse("16m40s")).isEqualTo(Duration.ofSeconds(1000)).isEqualTo(GoDuration.parse("1000s"));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void notADuration() {
    assertThatThrownBy(() -> GoDuration.parse("10")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> GoDuration.parse("1x")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessageContaining("not a duration");
  }
}
