package dev.albc.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.harness.CaseRunner.CaseResult;
import dev.albc.plan.PlanJson;
import dev.albc.rules.RuleSet;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** Test results as a table, JSON or JUnit XML, with rule coverage (rules no case fired). */
public final class CaseReport {
  private final List<CaseResult> results;
  private final Set<String> notFired;

  public CaseReport(List<CaseResult> results, RuleSet rules) {
    this.results = List.copyOf(results);
    Set<String> all = new TreeSet<>();
    for (KiePackage p : rules.kieBase().getKiePackages()) {
      for (Rule r : p.getRules()) {
        all.add(r.getName());
      }
    }
    for (CaseResult r : results) {
      all.removeAll(r.fired());
    }
    this.notFired = all;
  }

  public int failed() {
    return (int) results.stream().filter(r -> !r.passed()).count();
  }

  public Set<String> notFired() {
    return notFired;
  }

  public String table() {
    StringBuilder s = new StringBuilder();
    String file = null;
    for (CaseResult r : results) {
      if (!r.file().equals(file)) {
        file = r.file();
        s.append(file).append('\n');
      }
      s.append(r.passed() ? "  PASS  " : "  FAIL  ").append(r.name()).append('\n');
      for (String f : r.failures()) {
        s.append("        - ").append(f.replace("\n", "\n          ")).append('\n');
      }
    }
    s.append('\n');
    if (!notFired.isEmpty()) {
      s.append("Rules no case fired (").append(notFired.size()).append("):\n");
      for (String n : notFired) {
        s.append("  ").append(n).append('\n');
      }
      s.append('\n');
    }
    s.append(results.size() - failed()).append(" passed, ").append(failed()).append(" failed\n");
    return s.toString();
  }

  public String json() {
    ObjectNode root = PlanJson.JSON.createObjectNode();
    ArrayNode cases = root.putArray("cases");
    for (CaseResult r : results) {
      ObjectNode c = cases.addObject();
      c.put("file", r.file());
      c.put("name", r.name());
      c.put("passed", r.passed());
      ArrayNode f = c.putArray("failures");
      r.failures().forEach(f::add);
    }
    ArrayNode nf = root.putArray("rulesNotFired");
    notFired.forEach(nf::add);
    root.put("passed", results.size() - failed());
    root.put("failed", failed());
    try {
      return PlanJson.JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String junit() {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append("<testsuite name=\"albc test-rules\" tests=\"").append(results.size())
        .append("\" failures=\"").append(failed()).append("\">\n");
    for (CaseResult r : results) {
      s.append("  <testcase classname=\"").append(xml(r.file())).append("\" name=\"").append(xml(r.name())).append('"');
      if (r.passed()) {
        s.append("/>\n");
      } else {
        s.append(">\n    <failure message=\"").append(xml(r.failures().get(0))).append("\">")
            .append(xml(String.join("\n", r.failures()))).append("</failure>\n  </testcase>\n");
      }
    }
    s.append("</testsuite>\n");
    return s.toString();
  }

  static String xml(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
