package dev.albc.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.observe.BindingClient;
import dev.albc.observe.ObservedResource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * TargetGroupBindings through client-java's generic API ({@code elbv2.k8s.aws/v1beta1},
 * {@code targetgroupbindings}). Objects are handled as JSON; numbers the client parses as doubles
 * come back as integers.
 */
public final class KubeBindings implements BindingClient {
  public static final String GROUP = "elbv2.k8s.aws";
  public static final String VERSION = "v1beta1";
  public static final String PLURAL = "targetgroupbindings";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiClient client;
  private final CustomObjectsApi api;
  private final String namespace;
  private Duration deleteWait = Duration.ofSeconds(60);

  /** @param namespace only this namespace (null: every namespace) */
  public KubeBindings(ApiClient client, String namespace) {
    this.client = client;
    this.api = new CustomObjectsApi(client);
    this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
  }

  public KubeBindings withDeleteWait(Duration d) {
    this.deleteWait = d;
    return this;
  }

  @Override
  public List<ObservedResource> list(Map<String, String> labels) {
    String selector = new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
    Object raw = null;
    for (int attempt = 1; raw == null; attempt++) {
      try {
        raw = namespace == null
            ? api.listCustomObjectForAllNamespaces(GROUP, VERSION, PLURAL).labelSelector(selector).execute()
            : api.listNamespacedCustomObject(GROUP, VERSION, namespace, PLURAL).labelSelector(selector).execute();
      } catch (ApiException e) {
        if ((e.getCode() == 429 || e.getCode() == 503) && attempt < 20) {
          pause(500L * Math.min(attempt, 4)); // the API server (re)initializes its cache: wait as told
          continue;
        }
        throw new IllegalStateException("listing TargetGroupBindings (" + selector + ") failed: " + reason(e), e);
      }
    }
    JsonNode list = normalize(tree(client.getJSON().serialize(raw)));
    List<ObservedResource> out = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      ObjectNode o = (ObjectNode) item;
      String ns = o.path("metadata").path("namespace").asText();
      String name = o.path("metadata").path("name").asText();
      Map<String, String> l = new TreeMap<>();
      o.path("metadata").path("labels").fields().forEachRemaining(e -> l.put(e.getKey(), e.getValue().asText()));
      out.add(new ObservedResource(TargetGroupBindingIntent.KIND, ns + "/" + name, name, l, o, null, null));
    }
    out.sort(java.util.Comparator.comparing(ObservedResource::id));
    return out;
  }

  @Override
  public void create(ObjectNode object) {
    String ns = object.path("metadata").path("namespace").asText();
    try {
      api.createNamespacedCustomObject(GROUP, VERSION, ns, PLURAL, JSON.convertValue(object, Map.class)).execute();
    } catch (ApiException e) {
      if (e.getCode() == 409) {
        replace(object); // a run that stopped after creating it
        return;
      }
      throw new IllegalStateException(reason(e), e);
    }
  }

  @Override
  public void replace(ObjectNode object) {
    String ns = object.path("metadata").path("namespace").asText();
    String name = object.path("metadata").path("name").asText();
    try {
      Object current = api.getNamespacedCustomObject(GROUP, VERSION, ns, PLURAL, name).execute();
      JsonNode cur = tree(client.getJSON().serialize(current));
      ObjectNode body = object.deepCopy();
      ObjectNode meta = (ObjectNode) body.get("metadata");
      meta.put("resourceVersion", cur.path("metadata").path("resourceVersion").asText());
      // keep what others put on it (finalizers, annotations, other labels)
      ObjectNode labels = cur.path("metadata").path("labels").isObject()
          ? ((ObjectNode) cur.path("metadata").path("labels")).deepCopy() : JsonNodeFactory.instance.objectNode();
      if (meta.has("labels")) {
        labels.setAll((ObjectNode) meta.get("labels"));
      }
      meta.set("labels", labels);
      for (String keep : List.of("annotations", "finalizers")) {
        if (cur.path("metadata").has(keep)) {
          meta.set(keep, cur.path("metadata").get(keep));
        }
      }
      api.replaceNamespacedCustomObject(GROUP, VERSION, ns, PLURAL, name, JSON.convertValue(body, Map.class))
          .execute();
    } catch (ApiException e) {
      throw new IllegalStateException(reason(e), e);
    }
  }

  @Override
  public void delete(String ns, String name) {
    try {
      api.deleteNamespacedCustomObject(GROUP, VERSION, ns, PLURAL, name).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return;
      }
      throw new IllegalStateException(reason(e), e);
    }
    // the TargetGroupBinding controller's finalizer deregisters the targets first: wait, bounded
    long deadline = System.nanoTime() + deleteWait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        api.getNamespacedCustomObject(GROUP, VERSION, ns, PLURAL, name).execute();
      } catch (ApiException e) {
        if (e.getCode() == 404) {
          return;
        }
        throw new IllegalStateException(reason(e), e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("TargetGroupBinding " + ns + "/" + name + " still exists "
        + deleteWait.toSeconds() + " s after its deletion (a finalizer holds it)");
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("unreadable answer from the API server: " + e.getOriginalMessage(), e);
    }
  }

  static String reason(ApiException e) {
    if (e.getCode() == 0) {
      return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause());
    }
    String body = e.getResponseBody();
    try {
      JsonNode n = JSON.readTree(body);
      if (n.hasNonNull("message")) {
        return "HTTP " + e.getCode() + ": " + n.get("message").asText();
      }
    } catch (Exception ignored) {
      // not JSON
    }
    return "HTTP " + e.getCode() + (body == null ? "" : ": " + body.replaceAll("\\s+", " "));
  }

  /** Doubles with integral values (Gson's numbers) as integers. */
  static JsonNode normalize(JsonNode n) {
    if (n.isDouble() || n.isFloat()) {
      double d = n.asDouble();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return JsonNodeFactory.instance.numberNode((long) d);
      }
      return n;
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), normalize(e.getValue())));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> a.add(normalize(x)));
      return a;
    }
    return n;
  }
}
