package dev.albc.sources;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SecretFact;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the facts of a live cluster — Ingresses, Services, IngressClasses, IngressClassParams,
 * Namespaces, and the Secrets that auth-idp-oidc annotations name — with client-java (paged lists, 500 a page), and maps them with the same MapStruct
 * mappers as the manifest reader, so a Service's UID and NodePorts are the cluster's. With a
 * namespace (the reference's {@code --watch-namespace}), Ingresses and Services of other namespaces
 * are not read.
 */
public final class ClusterReader {
  private static final int PAGE = 500;
  private static final ObjectMapper SPEC = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final ApiClient client;
  private final String namespace;

  /** @param namespace only this namespace's Ingresses and Services (null or empty: all) */
  public ClusterReader(ApiClient client, String namespace) {
    this.client = client;
    this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
  }

  /** A client for the kubeconfig's current context. */
  public static ApiClient client(Path kubeconfig) {
    try (Reader reader = Files.newBufferedReader(kubeconfig)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      config.setFile(kubeconfig.toFile());
      return ClientBuilder.kubeconfig(config).setReadTimeout(Duration.ofSeconds(30)).build();
    } catch (IOException | RuntimeException e) {
      throw new InputException("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
    }
  }

  public ClusterFacts read() {
    try {
      List<IngressFact> ingresses = retried(this::ingresses);
      List<ServiceFact> services = retried(this::services);
      return new ClusterFacts(ingresses, services, retried(this::ingressClasses),
          retried(this::ingressClassParams), retried(this::namespaces), secrets(ingresses, services));
    } catch (ApiException e) {
      throw new InputException("reading the cluster at " + client.getBasePath() + " failed: " + reason(e), e);
    }
  }

  private interface Read<T> {
    T get() throws ApiException;
  }

  /** The API server answers 429 (or 503) while it (re)initializes a cache: wait as told, bounded. */
  private static <T> T retried(Read<T> read) throws ApiException {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (ApiException e) {
        if ((e.getCode() != 429 && e.getCode() != 503) || attempt >= 20) {
          throw e;
        }
        try {
          Thread.sleep(500L * Math.min(attempt, 4));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Only the Secrets the Ingresses and Services name in {@code auth-idp-oidc}, read one by one (albc
   * never lists Secrets); a missing one is left out (the rules say which is missing).
   */
  private List<SecretFact> secrets(List<IngressFact> ingresses, List<ServiceFact> services) throws ApiException {
    List<SecretFact> out = new ArrayList<>();
    for (String key : SecretFacts.referenced(ingresses, services)) {
      String ns = key.substring(0, key.indexOf('/'));
      String name = key.substring(key.indexOf('/') + 1);
      try {
        V1Secret s = retried(() -> new CoreV1Api(client).readNamespacedSecret(name, ns).execute());
        out.add(SecretFacts.toFact(ns, s));
      } catch (ApiException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    return out;
  }

  private List<IngressFact> ingresses() throws ApiException {
    NetworkingV1Api net = new NetworkingV1Api(client);
    List<IngressFact> out = new ArrayList<>();
    String cont = null;
    do {
      var list = namespace == null
          ? net.listIngressForAllNamespaces().limit(PAGE)._continue(cont).execute()
          : net.listNamespacedIngress(namespace).limit(PAGE)._continue(cont).execute();
      for (V1Ingress i : list.getItems()) {
        out.add(IngressFactMapper.INSTANCE.toFact(i));
      }
      cont = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (cont != null && !cont.isEmpty());
    return out;
  }

  private List<ServiceFact> services() throws ApiException {
    CoreV1Api core = new CoreV1Api(client);
    List<ServiceFact> out = new ArrayList<>();
    String cont = null;
    do {
      var list = namespace == null
          ? core.listServiceForAllNamespaces().limit(PAGE)._continue(cont).execute()
          : core.listNamespacedService(namespace).limit(PAGE)._continue(cont).execute();
      for (V1Service s : list.getItems()) {
        out.add(ServiceFactMapper.INSTANCE.toFact(s));
      }
      cont = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (cont != null && !cont.isEmpty());
    return out;
  }

  private List<IngressClassFact> ingressClasses() throws ApiException {
    List<IngressClassFact> out = new ArrayList<>();
    for (V1IngressClass c : new NetworkingV1Api(client).listIngressClass().execute().getItems()) {
      out.add(IngressClassFactMapper.INSTANCE.toFact(c));
    }
    return out;
  }

  private List<IngressClassParamsFact> ingressClassParams() throws ApiException {
    Object raw;
    try {
      raw = new CustomObjectsApi(client).listClusterCustomObject("elbv2.k8s.aws", "v1beta1", "ingressclassparams")
          .execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return List.of(); // the CRD is not installed
      }
      throw e;
    }
    List<IngressClassParamsFact> out = new ArrayList<>();
    try {
      JsonNode list = SPEC.readTree(client.getJSON().serialize(raw));
      for (JsonNode item : list.path("items")) {
        out.add(paramsFact(client.getJSON(), item));
      }
    } catch (IOException e) {
      throw new InputException("IngressClassParams from the cluster: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * One IngressClassParams object as the API server serves it (JSON) → its fact; the controller's
   * informer maps with this too.
   */
  public static IngressClassParamsFact paramsFact(io.kubernetes.client.openapi.JSON json, JsonNode item)
      throws IOException {
    V1ObjectMeta meta = json.deserialize(item.path("metadata").toString(), V1ObjectMeta.class);
    JsonNode spec = item.path("spec");
    IngressClassParamsSpec s = spec.isObject()
        ? SPEC.treeToValue(integral(spec), IngressClassParamsSpec.class)
        : SPEC.treeToValue(SPEC.createObjectNode(), IngressClassParamsSpec.class);
    return IngressClassParamsFactMapper.INSTANCE.toFact(meta, s);
  }

  /** Gson reads numbers as doubles: integral ones back to integers. */
  private static JsonNode integral(JsonNode n) {
    if (n.isDouble() && n.asDouble() == Math.rint(n.asDouble())) {
      return SPEC.getNodeFactory().numberNode((long) n.asDouble());
    }
    if (n.isObject()) {
      var o = SPEC.createObjectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), integral(e.getValue())));
      return o;
    }
    if (n.isArray()) {
      var a = SPEC.createArrayNode();
      n.forEach(x -> a.add(integral(x)));
      return a;
    }
    return n;
  }

  private List<NamespaceFact> namespaces() throws ApiException {
    List<NamespaceFact> out = new ArrayList<>();
    if (namespace != null) {
      out.add(NamespaceFactMapper.INSTANCE.toFact(new CoreV1Api(client).readNamespace(namespace).execute()));
      return out;
    }
    for (V1Namespace n : new CoreV1Api(client).listNamespace().execute().getItems()) {
      out.add(NamespaceFactMapper.INSTANCE.toFact(n));
    }
    return out;
  }

  static String reason(ApiException e) {
    if (e.getCode() == 0) {
      return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause());
    }
    return "HTTP " + e.getCode() + " " + (e.getResponseBody() == null ? "" : e.getResponseBody().replaceAll("\\s+", " "));
  }
}
