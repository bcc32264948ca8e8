package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import dev.albc.intents.Intent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Building blocks of the steps' requests, with the API's member names (docs/apply.md, "The
 * changes in the plan output"): an intent as its request, references, tag and attribute lists.
 */
final class Requests {
  private Requests() {}

  static ObjectNode obj() {
    return JsonMatch.F.objectNode();
  }

  /** {@code {"$ref": id}}: the ARN or id the executor knows or learns for that ResourceId. */
  static ObjectNode ref(String id) {
    ObjectNode r = obj();
    r.put("$ref", id);
    return r;
  }

  /** An intent as its plan JSON, without ResourceId and Kind. */
  static ObjectNode json(Intent i) {
    ObjectNode n = (ObjectNode) DesiredJson.JSON.valueToTree(i);
    n.remove("ResourceId");
    n.remove("Kind");
    return n;
  }

  /** {@code [{Key, Value}]} sorted by key. */
  static ArrayNode tagList(Map<String, String> tags) {
    ArrayNode a = JsonMatch.F.arrayNode();
    if (tags != null) {
      new TreeMap<>(tags).forEach((k, v) -> {
        ObjectNode t = a.addObject();
        t.put("Key", k);
        t.put("Value", v);
      });
    }
    return a;
  }

  /** {@code [{Key, Value}]} sorted by key. */
  static ArrayNode attributeList(Map<String, String> attrs) {
    ArrayNode a = JsonMatch.F.arrayNode();
    new TreeMap<>(attrs).forEach((k, v) -> {
      ObjectNode t = a.addObject();
      t.put("Key", k);
      t.put("Value", v);
    });
    return a;
  }
}
