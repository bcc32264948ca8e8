package dev.albc.cli;

import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredTable;
import java.io.PrintWriter;

/** Prints a plan's diagnostics to stderr, one line each, prefixed by their group. */
final class Diagnostics {
  private Diagnostics() {}

  static void print(DesiredState plan, PrintWriter err) {
    for (DesiredState.DesiredGroup g : plan.groups()) {
      for (DesiredDiagnostic d : g.diagnostics()) {
        err.println("[" + g.id() + "] " + DesiredTable.line(d));
      }
    }
    for (DesiredDiagnostic d : plan.diagnostics()) {
      err.println(DesiredTable.line(d));
    }
    err.flush();
  }
}
