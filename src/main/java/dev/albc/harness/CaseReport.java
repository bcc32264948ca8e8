package dev.albc.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.harness.CaseRunner.CaseResult;
import dev.albc.desired.DesiredJson;
import dev.albc.rules.RuleIndex;
import dev.albc.rules.RuleSet;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Test results as a table, JSON or JUnit XML, with rule coverage (rules no case fired). When the
 * rule set holds user rules, coverage is about them only (the built-in rules have their own cases).
 */
public final class CaseReport {
  private final List<CaseResult> results;
  private final Set<String> notFired;
  private final int covered;
  private final int total;
  private final boolean userCoverage;
  private final RuleIndex index;

  public CaseReport(List<CaseResult> results, RuleSet rules) {
    this.results = List.copyOf(results);
    this.index = rules.index();
    this.userCoverage = index.hasUserRules();
    Set<String> all = new TreeSet<>();
    if (userCoverage) {
      for (RuleIndex.Location l : index.userRules()) {
        all.add(l.rule());
      }
    } else {
      for (KiePackage p : rules.kieBase().getKiePackages()) {
        for (Rule r : p.getRules()) {
          all.add(r.getName());
        }
      }
    }
    this.total = all.size();
    for (CaseResult r : results) {
      all.removeAll(r.fired());
    }
    this.notFired = all;
    this.covered = total - all.size();
  }

  public int failed() {
    return (int) results.stream().filter(r -> !r.passed()).count();
  }

  /** True when a rule threw while firing in some case (exit 2: the rules are broken). */
  public boolean broken() {
    return results.stream().anyMatch(CaseResult::broken);
  }

  int brokenCount() {
    return (int) results.stream().filter(CaseResult::broken).count();
  }

  public Set<String> notFired() {
    return notFired;
  }

  /** "user rules" or "rules": what coverage counts. */
  String coverageOf() {
    return userCoverage ? "user rules" : "rules";
  }

  private String located(String rule) {
    RuleIndex.Location l = userCoverage ? userLocation(rule) : index.locate(rule);
    return l == null ? rule : l.where() + "  " + rule;
  }

  private RuleIndex.Location userLocation(String rule) {
    for (RuleIndex.Location l : index.userRules()) {
      if (l.rule().equals(rule)) {
        return l;
      }
    }
    return null;
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
    s.append("Coverage: ").append(covered).append(" of ").append(total).append(' ').append(coverageOf())
        .append(" fired in some case\n");
    if (!notFired.isEmpty()) {
      s.append((userCoverage ? "User rules" : "Rules") + " no case fired (").append(notFired.size()).append("):\n");
      for (String n : notFired) {
        s.append("  ").append(located(n)).append('\n');
      }
    }
    s.append('\n');
    s.append(results.size() - failed()).append(" passed, ").append(failed()).append(" failed");
    if (broken()) {
      s.append(" (a rule threw while firing: fix the rules)");
    }
    s.append('\n');
    return s.toString();
  }

  public String json() {
    ObjectNode root = DesiredJson.JSON.createObjectNode();
    ArrayNode cases = root.putArray("cases");
    for (CaseResult r : results) {
      ObjectNode c = cases.addObject();
      c.put("file", r.file());
      c.put("name", r.name());
      c.put("passed", r.passed());
      if (r.broken()) {
        c.put("broken", true);
      }
      ArrayNode f = c.putArray("failures");
      r.failures().forEach(f::add);
    }
    ArrayNode nf = root.putArray("rulesNotFired");
    notFired.forEach(nf::add);
    ObjectNode cov = root.putObject("coverage");
    cov.put("of", coverageOf());
    cov.put("fired", covered);
    cov.put("total", total);
    root.put("passed", results.size() - failed());
    root.put("failed", failed());
    try {
      return DesiredJson.JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String junit() {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append("<testsuite name=\"albc test-rules\" tests=\"").append(results.size())
        .append("\" failures=\"").append(failed() - brokenCount()).append("\" errors=\"").append(brokenCount())
        .append("\">\n");
    for (CaseResult r : results) {
      s.append("  <testcase classname=\"").append(xml(r.file())).append("\" name=\"").append(xml(r.name())).append('"');
      if (r.passed()) {
        s.append("/>\n");
      } else {
        String tag = r.broken() ? "error" : "failure";
        s.append(">\n    <").append(tag).append(" message=\"").append(xml(r.failures().get(0))).append("\">")
            .append(xml(String.join("\n", r.failures()))).append("</").append(tag).append(">\n  </testcase>\n");
      }
    }
    s.append("</testsuite>\n");
    return s.toString();
  }

  static String xml(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
