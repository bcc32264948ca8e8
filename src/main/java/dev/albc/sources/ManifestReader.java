package dev.albc.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SecretFact;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Kubernetes manifests (multi-document YAML or JSON; files, folders, or text) into {@link
 * ClusterFacts}.
 *
 * <p>Ingress ({@code networking.k8s.io/v1}), Service ({@code v1}), IngressClass ({@code
 * networking.k8s.io/v1}) and Namespace ({@code v1}) are read with the official Kubernetes client's
 * models, so a field those models do not know is an error, and mapped to facts by MapStruct.
 * IngressClassParams ({@code elbv2.k8s.aws/v1beta1}) is read with Jackson into {@link
 * IngressClassParamsSpec}. Other kinds are skipped and listed in {@link Result#skipped()}; {@code
 * kind: List} (and typed lists such as {@code IngressList}) are expanded. An object without a
 * namespace is in the reader's default namespace ({@code default}). Every namespace an Ingress is
 * in has a {@link NamespaceFact}: a declared Namespace gets the {@code kubernetes.io/metadata.name}
 * label added, an undeclared one gets only that label.
 *
 * <p>Any unreadable input throws {@link InputException} naming the file, the document (1-based),
 * the object and the field; nothing partial is returned.
 */
public final class ManifestReader {

  /** The namespace of a namespaced object that does not name one (as kubectl's default). */
  public static final String DEFAULT_NAMESPACE = "default";

  /** The facts, and the objects of other kinds that were skipped ({@code Kind ns/name}). */
  public record Result(ClusterFacts facts, List<String> skipped) {
    public Result {
      skipped = List.copyOf(skipped);
    }
  }

  private static final String NETWORKING = "networking.k8s.io";
  private static final String ELBV2 = "elbv2.k8s.aws";
  private static final Set<String> ICP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

  private final String defaultNamespace;

  /** A reader whose default namespace is {@code default}. */
  public ManifestReader() {
    this(DEFAULT_NAMESPACE);
  }

  /** A reader that puts objects without a namespace in {@code defaultNamespace}. */
  public ManifestReader(String defaultNamespace) {
    if (defaultNamespace == null || defaultNamespace.isEmpty()) {
      throw new IllegalArgumentException("default namespace must not be empty");
    }
    this.defaultNamespace = defaultNamespace;
  }

  /** Reads files and folders (recursively: *.yaml, *.yml, *.json, in path order). */
  public ClusterFacts read(Path... paths) {
    return load(List.of(paths)).facts();
  }

  /** Reads files and folders (recursively: *.yaml, *.yml, *.json, in path order). */
  public ClusterFacts read(Collection<Path> paths) {
    return load(paths).facts();
  }

  /** Reads in-memory manifests; origin names them in error messages (e.g. {@code <stdin>}). */
  public ClusterFacts readText(String origin, String text) {
    return load(List.of(new InputText(origin, text))).facts();
  }

  /** Reads files and folders; the result also lists the skipped objects. */
  public Result load(Collection<Path> paths) {
    return load(InputText.read(paths, InputText.MANIFEST_EXTENSIONS));
  }

  /** Reads texts in order; the result also lists the skipped objects. */
  public Result load(List<InputText> inputs) {
    Run run = new Run();
    for (InputText in : inputs) {
      for (Documents.Doc d : Documents.parse(in)) {
        if (d.node() != null) {
          run.document(new Where(in.origin(), d.index(), 0), d.node(), null, null);
        }
      }
    }
    return run.result();
  }

  /** Where an object is: origin, document (1-based) and, inside a List, item (1-based). */
  private record Where(String origin, int document, int item) {
    @Override
    public String toString() {
      return origin + " document " + document + (item > 0 ? " item " + item : "");
    }
  }

  /** One read: the facts so far, the objects seen (for duplicates), the skipped objects. */
  private final class Run {
    final List<IngressFact> ingresses = new ArrayList<>();
    final List<ServiceFact> services = new ArrayList<>();
    final List<IngressClassFact> classes = new ArrayList<>();
    final List<IngressClassParamsFact> params = new ArrayList<>();
    final List<NamespaceFact> namespaces = new ArrayList<>();
    final List<SecretFact> secrets = new ArrayList<>();
    final Map<String, Where> seen = new HashMap<>();
    final List<String> skipped = new ArrayList<>();

    Result result() {
      Set<String> declared = new TreeSet<>();
      namespaces.forEach(n -> declared.add(n.name()));
      Set<String> referenced = new TreeSet<>();
      ingresses.forEach(i -> referenced.add(i.namespace()));
      for (String ns : referenced) {
        if (!declared.contains(ns)) {
          namespaces.add(NamespaceFactMapper.undeclared(ns));
        }
      }
      return new Result(
          new ClusterFacts(ingresses, services, classes, params, namespaces, secrets), skipped);
    }

    void document(Where where, JsonNode node, String listApiVersion, String listKind) {
      if (!node.isObject()) {
        throw new InputException(
            where
                + ": expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got "
                + ModelCheck.describe(node));
      }
      ObjectNode o = (ObjectNode) node;
      String apiVersion = typeField(where, o, "apiVersion", listApiVersion);
      String kind = typeField(where, o, "kind", listKind);
      if (o.has("items") && kind.endsWith("List")) {
        list(where, o, apiVersion, kind);
        return;
      }
      String name = metadataString(where, kind, o, "name");
      if (name == null || name.isEmpty()) {
        throw new InputException(where + " (" + kind + "): missing metadata.name");
      }
      String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      switch (kind) {
        case "Ingress", "IngressClass" -> {
          if (group.equals(NETWORKING) || group.equals("extensions")) {
            String label =
                kind.equals("Ingress")
                    ? kind + " " + namespaceOf(where, kind, o) + "/" + name
                    : kind + " " + name;
            requireVersion(where, label, kind, apiVersion, NETWORKING + "/v1");
            if (kind.equals("Ingress")) {
              ingress(where, o, name);
            } else {
              ingressClass(where, o, name);
            }
            return;
          }
        }
        case "Secret" -> {
          if (group.isEmpty()) {
            requireVersion(where, kind + " " + namespaceOf(where, kind, o) + "/" + name, kind, apiVersion, "v1");
            secret(where, o, name);
            return;
          }
        }
        case "Service", "Namespace" -> {
          if (group.isEmpty()) {
            String label =
                kind.equals("Service")
                    ? kind + " " + namespaceOf(where, kind, o) + "/" + name
                    : kind + " " + name;
            requireVersion(where, label, kind, apiVersion, "v1");
            if (kind.equals("Service")) {
              service(where, o, name);
            } else {
              namespace(where, o, name);
            }
            return;
          }
        }
        case "IngressClassParams" -> {
          if (group.equals(ELBV2)) {
            requireVersion(where, kind + " " + name, kind, apiVersion, ELBV2 + "/v1beta1");
            ingressClassParams(where, o, name);
            return;
          }
        }
        default -> {}
      }
      String mistake = KindCheck.problem(group, apiVersion, kind);
      if (mistake != null) {
        throw new InputException(where + " (" + kind + " " + name + "): " + mistake);
      }
      String ns = metadataString(where, kind, o, "namespace");
      skipped.add(kind + " " + (ns == null || ns.isEmpty() ? name : ns + "/" + name));
    }

    private void list(Where where, ObjectNode o, String apiVersion, String kind) {
      JsonNode items = o.get("items");
      if (items.isNull()) {
        return;
      }
      if (!items.isArray()) {
        throw new InputException(
            where + " (" + kind + "): items: expected a list, got " + ModelCheck.describe(items));
      }
      if (where.item() > 0) {
        throw new InputException(where + " (" + kind + "): a List inside a List is not supported");
      }
      // A typed list (IngressList) may leave apiVersion and kind out of its items.
      String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - 4);
      String itemApiVersion = kind.equals("List") ? null : apiVersion;
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        Where w = new Where(where.origin(), where.document(), i + 1);
        if (item.isNull()) {
          throw new InputException(w + ": expected a Kubernetes object, got null");
        }
        document(w, item, itemApiVersion, itemKind);
      }
    }

    private void ingress(Where where, ObjectNode o, String name) {
      String ns = namespaceOf(where, "Ingress", o);
      String label = "Ingress " + ns + "/" + name;
      V1Ingress ing = model(where, label, o, V1Ingress.class);
      ing.getMetadata().setNamespace(ns);
      unique(where, label);
      ingresses.add(IngressFactMapper.INSTANCE.toFact(ing));
    }

    private void service(Where where, ObjectNode o, String name) {
      String ns = namespaceOf(where, "Service", o);
      String label = "Service " + ns + "/" + name;
      V1Service svc = model(where, label, o, V1Service.class);
      svc.getMetadata().setNamespace(ns);
      unique(where, label);
      services.add(ServiceFactMapper.INSTANCE.toFact(svc));
    }

    private void secret(Where where, ObjectNode o, String name) {
      String ns = namespaceOf(where, "Secret", o);
      String label = "Secret " + ns + "/" + name;
      V1Secret secret = model(where, label, o, V1Secret.class);
      unique(where, label);
      secrets.add(SecretFacts.toFact(ns, secret));
    }

    private void ingressClass(Where where, ObjectNode o, String name) {
      String label = "IngressClass " + name;
      V1IngressClass c = model(where, label, o, V1IngressClass.class);
      unique(where, label);
      classes.add(IngressClassFactMapper.INSTANCE.toFact(c));
    }

    private void namespace(Where where, ObjectNode o, String name) {
      String label = "Namespace " + name;
      V1Namespace n = model(where, label, o, V1Namespace.class);
      unique(where, label);
      namespaces.add(NamespaceFactMapper.INSTANCE.toFact(n));
    }

    private void ingressClassParams(Where where, ObjectNode o, String name) {
      String label = "IngressClassParams " + name;
      String at = where + " (" + label + "): ";
      for (var it = o.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!ICP_FIELDS.contains(f)) {
          throw new InputException(at + ModelCheck.unknownField(f, ICP_FIELDS));
        }
      }
      ObjectNode meta = (ObjectNode) o.get("metadata");
      try {
        ModelCheck.checkObject(meta, V1ObjectMeta.class, "metadata");
      } catch (ModelCheck.FieldError e) {
        throw new InputException(at + e.getMessage());
      }
      V1ObjectMeta metadata = deserialize(at, meta, V1ObjectMeta.class);
      JsonNode specNode = o.get("spec");
      IngressClassParamsSpec spec;
      if (specNode == null || specNode.isNull()) {
        spec = IngressClassParamsSpecReader.empty();
      } else if (!specNode.isObject()) {
        throw new InputException(at + "spec: expected a mapping, got " + ModelCheck.describe(specNode));
      } else {
        spec = IngressClassParamsSpecReader.read(at, specNode);
      }
      IngressClassParamsSpecReader.check(at, spec);
      unique(where, label);
      params.add(IngressClassParamsFactMapper.INSTANCE.toFact(metadata, spec));
    }

    /** Checks the node against the client model and deserializes it with the client's Gson. */
    private <T> T model(Where where, String label, ObjectNode o, Class<T> type) {
      String at = where + " (" + label + "): ";
      try {
        ModelCheck.checkObject(o, type, "");
      } catch (ModelCheck.FieldError e) {
        throw new InputException(at + e.getMessage());
      }
      return deserialize(at, o, type);
    }

    private void unique(Where where, String label) {
      Where first = seen.putIfAbsent(label, where);
      if (first != null) {
        throw new InputException(
            where + " (" + label + "): duplicate object; already defined in " + first);
      }
    }

    private String namespaceOf(Where where, String kind, ObjectNode o) {
      String ns = metadataString(where, kind, o, "namespace");
      return ns == null || ns.isEmpty() ? defaultNamespace : ns;
    }
  }

  private static <T> T deserialize(String at, JsonNode node, Class<T> type) {
    try {
      T value = JSON.deserialize(node.toString(), type);
      if (value == null) {
        throw new InputException(at + "empty object");
      }
      return value;
    } catch (RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new InputException(at + "rejected by the Kubernetes " + type.getSimpleName() + " model: " + m, e);
    }
  }

  private static String typeField(Where where, ObjectNode o, String field, String fallback) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (fallback != null) {
        o.put(field, fallback);
        return fallback;
      }
      throw new InputException(where + ": missing \"" + field + "\"");
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new InputException(
          where + ": " + field + ": expected a non-empty string, got " + ModelCheck.describe(v));
    }
    return v.asText();
  }

  /** A string field of metadata, or null; metadata must be a mapping. */
  private static String metadataString(Where where, String kind, ObjectNode o, String field) {
    JsonNode meta = o.get("metadata");
    if (meta == null || meta.isNull()) {
      throw new InputException(where + " (" + kind + "): missing metadata.name");
    }
    if (!meta.isObject()) {
      throw new InputException(
          where + " (" + kind + "): metadata: expected a mapping, got " + ModelCheck.describe(meta));
    }
    JsonNode v = meta.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InputException(
          where + " (" + kind + "): metadata." + field + ": expected a string, got "
              + ModelCheck.describe(v));
    }
    return v.asText();
  }

  private static void requireVersion(
      Where where, String label, String kind, String apiVersion, String expected) {
    if (!apiVersion.equals(expected)) {
      throw new InputException(
          where + " (" + label + "): apiVersion " + apiVersion + " is not supported for " + kind
              + "; expected " + expected);
    }
  }
}
