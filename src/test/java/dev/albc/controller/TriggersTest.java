package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggersTest {
  static V1ObjectMeta meta(String rv, Map<String, String> ann) {
    return new V1ObjectMeta().name("shop").resourceVersion(rv).annotations(ann);
  }

  @Test
  void specAnnotationsAndDeletionTrigger() {
    assertThat(Triggers.changed(meta("1", Map.of()), "a", meta("2", Map.of()), "b")).isTrue();
    assertThat(Triggers.changed(meta("1", Map.of()), "a", meta("2", Map.of("alb.ingress.kubernetes.io/scheme", "x")),
        "a")).isTrue();
    assertThat(Triggers.changed(meta("1", Map.of()), "a", meta("2", Map.of()).deletionTimestamp(OffsetDateTime.now()),
        "a")).isTrue();
  }

  @Test
  void statusFinalizersAndOwnAnnotationsDoNot() {
    assertThat(Triggers.changed(meta("1", Map.of()), "a", meta("2", Map.of()), "a")).as("status only").isFalse();
    assertThat(Triggers.changed(meta("1", Map.of()), "a", meta("2", Map.of()).finalizers(List.of("f")), "a"))
        .as("finalizer added by albc").isFalse();
    assertThat(Triggers.changed(meta("1", Map.of()), "a", meta("2", Map.of("albc.dev/status", "{}")), "a"))
        .as("albc's own annotation").isFalse();
  }

  @Test
  void aResyncTriggers() {
    assertThat(Triggers.changed(meta("7", Map.of()), "a", meta("7", Map.of()), "a")).isTrue();
    assertThat(Triggers.resync(meta("7", Map.of()), meta("8", Map.of()))).isFalse();
  }
}
