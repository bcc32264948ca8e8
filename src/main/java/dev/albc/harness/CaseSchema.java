package dev.albc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.rules.Suggest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The case-file format (docs/rules.md#case-files-testyaml) checked before anything runs, so a case
 * cannot pass by asserting nothing: an unknown key ({@code fried:}, {@code grups:}), a value of the
 * wrong type ({@code exitCode: "one"}), a case whose {@code expect} asserts nothing, and a rule name
 * in {@code fired}/{@code notFired} that no loaded rule has are all problems, each with its place
 * ({@code case "x": expect.fried}) and, when a known name is close, "did you mean …".
 *
 * <p>Inside an expected resource (and a group's {@code members}) any key is allowed: those are
 * compared with the plan, where a misspelt field shows as missing.
 */
final class CaseSchema {
  static final Set<String> TOP = Set.of("cases");
  static final Set<String> CASE = Set.of("name", "source", "given", "expect");
  static final Set<String> GIVEN = Set.of("settings", "manifests", "awsFacts");
  static final Set<String> EXPECT = Set.of("exitCode", "error", "groups", "diagnostics", "fired", "notFired");
  static final Set<String> GROUP = Set.of("id", "members", "resources", "absent", "resourceCount");
  static final Set<String> ABSENT = Set.of("ResourceId", "Kind");
  static final Set<String> DIAGNOSTIC = Set.of("severity", "object", "field", "message");
  static final Set<String> SEVERITIES = Set.of("error", "warning", "info");
  static final Set<String> FIRED = Set.of("rule", "on");

  private final Set<String> ruleNames;
  private final List<String> problems = new ArrayList<>();

  /** @param ruleNames every rule of the loaded rule set (fired/notFired must name one of them) */
  CaseSchema(Set<String> ruleNames) {
    this.ruleNames = ruleNames;
  }

  /** The problems of a whole case file (empty when it is well-formed). */
  static List<String> check(JsonNode doc, Set<String> ruleNames) {
    CaseSchema s = new CaseSchema(ruleNames);
    s.file(doc);
    return s.problems;
  }

  private void file(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      problems.add("expected a mapping with a top-level `cases:` list");
      return;
    }
    keys("", doc, TOP);
    JsonNode cases = doc.get("cases");
    if (cases == null || !cases.isArray()) {
      problems.add("expected a top-level `cases:` list");
      return;
    }
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      String where = c.path("name").isTextual() && !c.path("name").asText().isEmpty()
          ? "case \"" + c.get("name").asText() + "\": " : "cases[" + i + "]: ";
      aCase(where, c);
    }
  }

  private void aCase(String w, JsonNode c) {
    if (!object(w, "", c)) {
      return;
    }
    keys(w, c, CASE);
    JsonNode name = c.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      problems.add(w + "name: every case needs a name (text)");
    }
    text(w, "source", c.get("source"));
    JsonNode given = c.get("given");
    if (given != null && object(w, "given", given)) {
      keys(w + "given.", given, GIVEN);
      settings(w, given.get("settings"));
      list(w, "given.manifests", given.get("manifests"), true);
      list(w, "given.awsFacts", given.get("awsFacts"), true);
    }
    JsonNode expect = c.get("expect");
    if (expect == null) {
      problems.add(w + "expect: missing: a case must assert something (exitCode, groups, diagnostics, fired, notFired)");
      return;
    }
    if (!object(w, "expect", expect)) {
      return;
    }
    keys(w + "expect.", expect, EXPECT);
    expectations(w, expect);
  }

  private void settings(String w, JsonNode s) {
    if (s == null || !object(w, "given.settings", s)) {
      return;
    }
    s.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      boolean ok = v.isValueNode() && !v.isNull();
      if (v.isObject()) {
        ok = true;
        for (JsonNode x : v) {
          ok &= x.isValueNode() && !x.isNull();
        }
      }
      if (!ok) {
        problems.add(w + "given.settings." + e.getKey() + ": expected a value (or a map of values for a map flag), got "
            + describe(v));
      }
    });
  }

  private void expectations(String w, JsonNode e) {
    boolean asserts = false;
    JsonNode exit = e.get("exitCode");
    if (exit != null) {
      asserts = true;
      if (!exit.isInt() || exit.asInt() < 0 || exit.asInt() > 2) {
        problems.add(w + "expect.exitCode: expected 0, 1 or 2 (a number), got " + describe(exit));
      }
    }
    if (e.has("error")) {
      asserts = true;
      text(w, "expect.error", e.get("error"));
      if (exit == null || exit.asInt() != 2) {
        problems.add(w + "expect.error: an input error is expected only with exitCode: 2");
      }
    }
    JsonNode groups = e.get("groups");
    if (list(w, "expect.groups", groups, true)) {
      asserts |= groups.size() > 0;
      for (int i = 0; i < groups.size(); i++) {
        group(w, "expect.groups[" + i + "]", groups.get(i));
      }
    }
    JsonNode diags = e.get("diagnostics");
    if (list(w, "expect.diagnostics", diags, true)) {
      asserts |= diags.size() > 0;
      for (int i = 0; i < diags.size(); i++) {
        diagnostic(w, "expect.diagnostics[" + i + "]", diags.get(i));
      }
    }
    for (String k : List.of("fired", "notFired")) {
      JsonNode f = e.get(k);
      if (list(w, "expect." + k, f, false)) {
        asserts |= f.size() > 0;
        for (int i = 0; i < f.size(); i++) {
          fired(w, "expect." + k + "[" + i + "]", f.get(i));
        }
      }
    }
    if (!asserts) {
      problems.add(w + "expect: asserts nothing: give exitCode, groups, diagnostics, fired or notFired");
    }
  }

  private void group(String w, String path, JsonNode g) {
    if (!object(w, path, g)) {
      return;
    }
    keys(w + path + ".", g, GROUP);
    JsonNode id = g.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      problems.add(w + path + ".id: every expected group needs its id (text)");
    }
    JsonNode members = g.get("members");
    if (list(w, path + ".members", members, false)) {
      for (int i = 0; i < members.size(); i++) {
        text(w, path + ".members[" + i + "]", members.get(i));
      }
    }
    JsonNode resources = g.get("resources");
    if (list(w, path + ".resources", resources, true)) {
      for (int i = 0; i < resources.size(); i++) {
        String p = path + ".resources[" + i + "]";
        JsonNode r = resources.get(i);
        if (object(w, p, r)) {
          JsonNode rid = r.get("ResourceId");
          if (rid == null || !rid.isTextual()) {
            problems.add(w + p + ".ResourceId: every expected resource needs its ResourceId (text)"
                + Suggest.didYouMean(firstKey(r), Set.of("ResourceId")));
          }
          text(w, p + ".Kind", r.get("Kind"));
        }
      }
    }
    JsonNode absent = g.get("absent");
    if (list(w, path + ".absent", absent, false)) {
      for (int i = 0; i < absent.size(); i++) {
        JsonNode a = absent.get(i);
        String p = path + ".absent[" + i + "]";
        if (a.isObject()) {
          keys(w + p + ".", a, ABSENT);
          text(w, p + ".ResourceId", a.get("ResourceId"));
          text(w, p + ".Kind", a.get("Kind"));
        } else {
          text(w, p, a);
        }
      }
    }
    JsonNode count = g.get("resourceCount");
    if (count != null && (!count.isInt() || count.asInt() < 0)) {
      problems.add(w + path + ".resourceCount: expected a number, got " + describe(count));
    }
  }

  private void diagnostic(String w, String path, JsonNode d) {
    if (!object(w, path, d)) {
      return;
    }
    keys(w + path + ".", d, DIAGNOSTIC);
    for (String k : DIAGNOSTIC) {
      text(w, path + "." + k, d.get(k));
    }
    JsonNode sev = d.get("severity");
    if (sev != null && sev.isTextual() && !SEVERITIES.contains(sev.asText())) {
      problems.add(w + path + ".severity: expected error, warning or info, got \"" + sev.asText() + "\""
          + Suggest.didYouMean(sev.asText(), SEVERITIES));
    }
    if (d.size() == 0) {
      problems.add(w + path + ": an empty diagnostic matches any diagnostic: give severity, object, field or message");
    }
  }

  private void fired(String w, String path, JsonNode f) {
    String rule;
    if (f.isObject()) {
      keys(w + path + ".", f, FIRED);
      text(w, path + ".on", f.get("on"));
      JsonNode r = f.get("rule");
      if (r == null || !r.isTextual()) {
        problems.add(w + path + ".rule: an entry {rule: …, on: …} needs the rule's name (text)");
        return;
      }
      rule = r.asText();
    } else if (f.isTextual()) {
      rule = f.asText();
    } else {
      problems.add(w + path + ": expected a rule name or {rule: …, on: …}, got " + describe(f));
      return;
    }
    if (!ruleNames.contains(rule)) {
      problems.add(w + path + ": no such rule \"" + rule + "\"" + Suggest.didYouMean(rule, ruleNames));
    }
  }

  // --- small checks -----------------------------------------------------------------------------

  private void keys(String w, JsonNode o, Set<String> known) {
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      String k = it.next().getKey();
      if (!known.contains(k)) {
        problems.add(w + k + ": unknown key" + Suggest.didYouMean(k, known)
            + " (known here: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  private boolean object(String w, String path, JsonNode n) {
    if (n.isObject()) {
      return true;
    }
    problems.add(w + (path.isEmpty() ? "" : path + ": ") + "expected a mapping, got " + describe(n));
    return false;
  }

  /** A list (of mappings when {@code ofObjects}); absent is fine. */
  private boolean list(String w, String path, JsonNode n, boolean ofObjects) {
    if (n == null) {
      return false;
    }
    if (!n.isArray()) {
      problems.add(w + path + ": expected a list, got " + describe(n));
      return false;
    }
    if (ofObjects) {
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).isObject()) {
          problems.add(w + path + "[" + i + "]: expected a mapping, got " + describe(n.get(i)));
          return false;
        }
      }
    }
    return true;
  }

  private void text(String w, String path, JsonNode n) {
    if (n != null && !n.isTextual()) {
      problems.add(w + path + ": expected text, got " + describe(n));
    }
  }

  private static String firstKey(JsonNode o) {
    Iterator<String> it = o.fieldNames();
    return it.hasNext() ? it.next() : "";
  }

  static String describe(JsonNode n) {
    if (n == null || n.isNull()) {
      return "nothing (null)";
    }
    if (n.isTextual()) {
      return "the text \"" + n.asText() + "\"";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    return n.getNodeType().name().toLowerCase() + " " + n;
  }
}
