package dev.albc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the albc command line in-process, capturing stdout and stderr (as Main.run does). */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parse) -> {
          cmd.getErr().println("albc: " + ex.getMessage());
          return Main.EXIT_USAGE;
        });
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  String all() {
    return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
