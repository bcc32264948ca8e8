package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.albc.intents.SecretRef;

/**
 * Compares a desired value (plan JSON, possibly with {@code {"$ref": id}}) with what AWS returns,
 * as the reference does ({@code IgnoreLeftHandUnset}): only what the desired value sets is
 * compared, so defaults AWS fills in (a redirect's {@code #{host}}, a forward's {@code Weight},
 * an action's {@code Order}) are no drift. A reference matches the ARN or id it resolves to. A
 * secret placeholder ({@code {"$secret", "Key", "Hash"}}, docs/plan-format.md#secrets) matches an
 * observed value AWS left out (it never returns a client secret), an observed placeholder of the
 * same hash (what albc last sent, docs/apply.md#client-secrets), or a value of that hash.
 */
final class JsonMatch {
  private JsonMatch() {}

  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** True when every member the desired value sets equals the observed one's. */
  static boolean matches(JsonNode desired, JsonNode observed, Map<String, String> refs) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return true;
    }
    if (isRef(desired)) {
      String v = refs.get(desired.get("$ref").asText());
      return v != null && observed != null && observed.isValueNode() && v.equals(observed.asText());
    }
    if (isSecret(desired)) {
      return secretMatches(desired, observed);
    }
    if (observed == null || observed.isNull() || observed.isMissingNode()) {
      return isEmpty(desired);
    }
    if (desired.isObject()) {
      if (!observed.isObject()) {
        return false;
      }
      var it = desired.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!matches(e.getValue(), observed.get(e.getKey()), refs)) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!observed.isArray() || observed.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!matches(desired.get(i), observed.get(i), refs)) {
          return false;
        }
      }
      return true;
    }
    return desired.asText().equals(observed.asText());
  }

  /**
   * True when the desired value of a member equals AWS's once both are in the form AWS compares
   * them in ({@link AwsEquivalence#normalise}): references are resolved first.
   */
  static boolean matches(String member, JsonNode desired, JsonNode observed, Map<String, String> refs) {
    return matches(AwsEquivalence.normalise(member, resolve(desired, refs)), AwsEquivalence.normalise(member, observed),
        refs);
  }

  static boolean isRef(JsonNode n) {
    return n != null && n.isObject() && n.size() == 1 && n.has("$ref");
  }

  static boolean isSecret(JsonNode n) {
    return n != null && n.isObject() && n.has("$secret");
  }

  /** Secret placeholders compare by hash; AWS never returning the value is no drift. */
  static boolean secretMatches(JsonNode desired, JsonNode observed) {
    if (observed == null || observed.isNull() || observed.isMissingNode()) {
      return true;
    }
    String want = desired.path("Hash").asText();
    if (observed.isObject()) {
      return want.equals(observed.path("Hash").asText());
    }
    return want.equals(SecretRef.hash(desired.path("$secret").asText(), desired.path("Key").asText(), observed.asText()));
  }

  static boolean isEmpty(JsonNode n) {
    return (n.isArray() || n.isObject()) && n.isEmpty();
  }

  /** The value with every resolvable reference replaced by its ARN or id (unresolvable ones kept). */
  static JsonNode resolve(JsonNode n, Map<String, String> refs) {
    if (n == null) {
      return null;
    }
    if (isRef(n)) {
      String v = refs.get(n.get("$ref").asText());
      return v == null ? n.deepCopy() : new TextNode(v);
    }
    if (n.isObject()) {
      ObjectNode o = F.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), resolve(e.getValue(), refs)));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = F.arrayNode();
      n.forEach(x -> a.add(resolve(x, refs)));
      return a;
    }
    return n;
  }

  /**
   * Compact text of a value for diffs: references as {@code $id}, secret placeholders as
   * {@code secret ns/name sha256:…}, and a {@code ClientSecret} value as {@code (hidden)}: a
   * secret is never printed.
   */
  static String show(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "(none)";
    }
    if (isRef(n)) {
      return "$" + n.get("$ref").asText();
    }
    if (isSecret(n)) {
      return "secret " + n.path("$secret").asText() + " " + n.path("Hash").asText();
    }
    if (n.isValueNode()) {
      return n.asText();
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(x -> parts.add(show(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    List<String> parts = new ArrayList<>();
    n.fields().forEachRemaining(e -> parts.add(e.getKey() + "="
        + (e.getKey().equals("ClientSecret") && e.getValue().isValueNode() ? "(hidden)" : show(e.getValue()))));
    return "{" + String.join(", ", parts) + "}";
  }
}
