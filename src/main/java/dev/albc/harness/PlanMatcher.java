package dev.albc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's expectations on a plan's JSON (format: docs/rules.md#case-files-testyaml). An expected
 * resource is found by {@code ResourceId}, and by {@code Kind} when given — the full kind
 * ({@code AWS::ElasticLoadBalancingV2::TargetGroup}) or its last part ({@code TargetGroup}). A
 * target group and its TargetGroupBinding share a ResourceId: an expectation naming such an id
 * without a Kind is a failure that asks for one, and every message names the kind it compared.
 */
final class PlanMatcher {
  private PlanMatcher() {}

  static void match(JsonNode plan, JsonNode expect, List<String> failures) {
    for (JsonNode g : expect.path("groups")) {
      String id = g.path("id").asText();
      JsonNode actual = null;
      for (JsonNode a : plan.path("groups")) {
        if (a.path("id").asText().equals(id)) {
          actual = a;
        }
      }
      if (actual == null) {
        List<String> ids = new ArrayList<>();
        plan.path("groups").forEach(a -> ids.add(a.path("id").asText()));
        failures.add("group " + id + " is not in the plan (groups: " + ids + ")");
        continue;
      }
      if (g.has("members")) {
        failures.addAll(prefix("group " + id + " members", Subset.diff(g.get("members"), actual.get("members"))));
      }
      for (JsonNode r : g.path("resources")) {
        resource(id, r, actual, failures);
      }
      for (JsonNode absent : g.path("absent")) {
        String rid = absent.isObject() ? absent.path("ResourceId").asText() : absent.asText();
        String kind = absent.isObject() && absent.has("Kind") ? absent.get("Kind").asText() : null;
        for (JsonNode a : candidates(actual, rid, kind)) {
          failures.add("group " + id + ": " + label(rid, a) + " should not be in the plan");
        }
      }
      if (g.has("resourceCount") && actual.path("resources").size() != g.get("resourceCount").asInt()) {
        failures.add("group " + id + ": expected " + g.get("resourceCount").asInt() + " resources, got "
            + actual.path("resources").size());
      }
    }
    diagnostics(plan, expect, failures);
  }

  static void resource(String id, JsonNode r, JsonNode group, List<String> failures) {
    String rid = r.path("ResourceId").asText();
    String kind = r.has("Kind") ? r.get("Kind").asText() : null;
    List<JsonNode> found = candidates(group, rid, kind);
    if (found.isEmpty()) {
      List<String> all = new ArrayList<>();
      group.path("resources").forEach(a -> all.add(a.path("ResourceId").asText() + " (" + shortKind(a) + ")"));
      failures.add("group " + id + ": resource " + rid + (kind == null ? "" : " of Kind " + kind)
          + " is not in the plan (resources: " + all + ")");
      return;
    }
    if (found.size() > 1) {
      List<String> kinds = found.stream().map(PlanMatcher::shortKind).toList();
      failures.add("group " + id + ": ResourceId " + rid + " names " + found.size() + " resources ("
          + String.join(", ", kinds) + "): add `Kind: " + kinds.get(0) + "` (or another of them) to say which");
      return;
    }
    JsonNode a = found.get(0);
    ObjectNode want = r.deepCopy();
    want.remove("Kind");
    List<String> mismatches = Subset.diff(want, a);
    String label = label(rid, a);
    failures.addAll(mismatches.stream().map(m -> "group " + id + ", " + label + (m.startsWith(":") ? "" : ", ") + m).toList());
    if (!mismatches.isEmpty()) {
      List<String> d = TextDiff.of(want, a);
      if (!d.isEmpty()) {
        failures.add("diff of group " + id + ", " + label + " (- expected, + plan):\n" + String.join("\n", d));
      }
    }
  }

  /** The group's resources with that id (and kind, full or short, when given). */
  static List<JsonNode> candidates(JsonNode group, String rid, String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : group.path("resources")) {
      if (a.path("ResourceId").asText().equals(rid) && (kind == null || kindMatches(kind, a.path("Kind").asText()))) {
        out.add(a);
      }
    }
    return out;
  }

  static boolean kindMatches(String want, String actual) {
    return actual.equals(want) || actual.endsWith("::" + want);
  }

  /** {@code TargetGroup} for {@code AWS::ElasticLoadBalancingV2::TargetGroup}. */
  static String shortKind(JsonNode resource) {
    String k = resource.path("Kind").asText("?");
    return k.substring(k.lastIndexOf(':') + 1);
  }

  /** {@code TargetGroup "ns/ing-svc:http"}: the kind it compared is always named. */
  static String label(String rid, JsonNode resource) {
    return shortKind(resource) + " \"" + rid + "\"";
  }

  static void diagnostics(JsonNode plan, JsonNode expect, List<String> failures) {
    ArrayNode all = DesiredJson.JSON.createArrayNode();
    plan.path("groups").forEach(g -> g.path("diagnostics").forEach(all::add));
    plan.path("diagnostics").forEach(all::add);
    for (JsonNode want : expect.path("diagnostics")) {
      boolean found = false;
      for (JsonNode d : all) {
        if (same(want, d, "severity") && same(want, d, "object") && same(want, d, "field")
            && (!want.has("message") || d.path("message").asText().contains(want.get("message").asText()))) {
          found = true;
        }
      }
      if (!found) {
        failures.add("expected diagnostic " + want + " not found; diagnostics: " + all);
      }
    }
  }

  static boolean same(JsonNode want, JsonNode d, String key) {
    return !want.has(key) || want.get(key).asText().equals(d.path(key).asText());
  }

  static List<String> prefix(String p, List<String> l) {
    return l.stream().map(x -> p + x).toList();
  }
}
