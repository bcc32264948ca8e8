package dev.albc.install;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Renders deploy/helm/albc with the embedded Helm (helm-java) and reads the objects back. */
public final class Charts {
  public static final Path CHART = Path.of("deploy/helm/albc");
  public static final String RELEASE = "aws-load-balancer-controller";
  public static final String NAMESPACE = "kube-system";
  static final ObjectMapper YAML = new YAMLMapper();

  private Charts() {}

  /** {@code helm template} with {@code --set}s (in order) and optional values files. */
  public static Rendered template(Map<String, Object> sets, Path... valuesFiles) {
    TemplateCommand t = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (Path v : valuesFiles) {
      t = t.withValuesFile(v);
    }
    for (Map.Entry<String, Object> e : sets.entrySet()) {
      t = t.set(e.getKey(), e.getValue());
    }
    return new Rendered(objects(t.call()));
  }

  /** Ordered --set pairs: k1, v1, k2, v2, … */
  public static Map<String, Object> sets(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Every object of a multi-document YAML text (empty documents skipped). */
  public static List<JsonNode> objects(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0) {
          out.add(n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The objects of one rendering. */
  public record Rendered(List<JsonNode> objects) {
    public List<JsonNode> ofKind(String kind) {
      return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    public JsonNode get(String kind, String name) {
      return objects.stream()
          .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
          .findFirst().orElseThrow(() -> new NoSuchElementException(kind + " " + name + " not rendered; kinds: "
              + objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                  .toList()));
    }

    public boolean has(String kind) {
      return !ofKind(kind).isEmpty();
    }

    public JsonNode deployment() {
      return ofKind("Deployment").get(0);
    }

    public JsonNode container() {
      return deployment().path("spec").path("template").path("spec").path("containers").path(0);
    }

    public List<String> args() {
      return strings(container().path("args"));
    }

    /** Webhook name → webhook, across both configurations. */
    public Map<String, JsonNode> webhooks() {
      Map<String, JsonNode> out = new LinkedHashMap<>();
      for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
        ofKind(kind).forEach(c -> c.path("webhooks").forEach(w -> out.put(w.path("name").asText(), w)));
      }
      return out;
    }
  }

  public static List<String> strings(JsonNode array) {
    return YAML.convertValue(array.isMissingNode() ? JsonNodeFactory.instance.arrayNode() : (ArrayNode) array,
        new TypeReference<List<String>>() {});
  }
}
