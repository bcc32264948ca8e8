package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.lib.Annotations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/annotations.md names every annotation the code supports or refuses. */
class AnnotationsDocTest {
  @Test
  void everyAnnotationIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("docs/annotations.md"));
    for (String a : Annotations.INGRESS) {
      assertThat(doc).as(a).contains("`" + (a.endsWith(".") ? a + "<" : a + "`"));
    }
    for (String a : Annotations.BACKEND) {
      assertThat(doc).as(a).contains("`" + (a.endsWith(".") ? a + "<" : a + "`"));
    }
    for (String a : Annotations.NOT_SUPPORTED.keySet()) {
      String shown = a.endsWith(".") ? a : a.endsWith("-") ? a + "*" : a;
      assertThat(doc).as(a).contains("`" + shown);
    }
  }
}
