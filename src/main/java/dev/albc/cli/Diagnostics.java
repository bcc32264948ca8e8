package dev.albc.cli;

import dev.albc.plan.Plan;
import dev.albc.plan.Plan.PlanDiagnostic;
import dev.albc.plan.PlanTable;
import java.io.PrintWriter;

/** Prints a plan's diagnostics to stderr, one line each, prefixed by their group. */
final class Diagnostics {
  private Diagnostics() {}

  static void print(Plan plan, PrintWriter err) {
    for (Plan.PlanGroup g : plan.groups()) {
      for (PlanDiagnostic d : g.diagnostics()) {
        err.println("[" + g.id() + "] " + PlanTable.line(d));
      }
    }
    for (PlanDiagnostic d : plan.diagnostics()) {
      err.println(PlanTable.line(d));
    }
    err.flush();
  }
}
