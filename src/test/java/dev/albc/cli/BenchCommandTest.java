package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A small run of the benchmark so it cannot rot; no timing is asserted. */
class BenchCommandTest {
  @Test
  void smallRunPlansEveryGroupWithoutErrors() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("bench", "--ingresses", "20", "--groups", "4", "--iterations", "1", "--warmup", "0");
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("ingresses=20 groups=4 services=40 subnets=6")
        .contains("errors=false")
        .contains("warm plan: median")
        .contains("peak heap");
  }
}
