package dev.albc.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.sources.InputLimits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * AdmissionReview v1 ({@code admission.k8s.io/v1}): the request a handler sees and the response it
 * gives (allowed or denied with a message, an optional JSON patch, warnings).
 */
public final class Admission {
  /** Reads request bodies within albc's input limits (docs/limits.md). */
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(InputLimits.jackson(InputLimits.WEBHOOK_BODY_BYTES))
      .build());

  private Admission() {}

  /** What the API server asks. {@code object}/{@code oldObject} are missing nodes when absent. */
  public record Request(String uid, String kind, String operation, String namespace, String name, JsonNode object,
                        JsonNode oldObject) {
    public static Request of(JsonNode review) {
      JsonNode r = review.path("request");
      return new Request(r.path("uid").asText(), r.path("kind").path("kind").asText(), r.path("operation").asText(),
          r.path("namespace").asText(""), r.path("name").asText(""), r.path("object"), r.path("oldObject"));
    }
  }

  /** The answer. */
  public record Response(boolean allowed, int code, String message, ArrayNode patch, List<String> warnings) {
    public static Response allow() {
      return new Response(true, 200, null, null, List.of());
    }

    public static Response allowWithWarning(String warning) {
      return new Response(true, 200, null, null, List.of(warning));
    }

    public static Response deny(String message) {
      return new Response(false, 403, message, null, List.of());
    }

    /** Allowed with a JSON patch (none when the patch is empty). */
    public static Response patch(ArrayNode ops) {
      return new Response(true, 200, null, ops == null || ops.isEmpty() ? null : ops, List.of());
    }
  }

  /** The AdmissionReview answer for a request. */
  static ObjectNode review(Request req, Response res) {
    ObjectNode out = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode r = out.putObject("response").put("uid", req.uid()).put("allowed", res.allowed());
    if (!res.allowed()) {
      r.putObject("status").put("code", res.code()).put("message", res.message());
    }
    if (res.patch() != null) {
      r.put("patchType", "JSONPatch");
      r.put("patch", Base64.getEncoder().encodeToString(res.patch().toString().getBytes(StandardCharsets.UTF_8)));
    }
    if (!res.warnings().isEmpty()) {
      ArrayNode w = r.putArray("warnings");
      res.warnings().forEach(w::add);
    }
    return out;
  }

  /** A JSON-pointer token (RFC 6901): {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
  public static String pointer(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
