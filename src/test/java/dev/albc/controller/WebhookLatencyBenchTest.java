package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.FactInputs;
import dev.albc.sources.IngressClassFactMapper;
import dev.albc.sources.IngressFactMapper;
import dev.albc.sources.NamespaceFactMapper;
import dev.albc.sources.ServiceFactMapper;
import dev.albc.testinfra.LoopbackWebhookCert;
import dev.albc.webhook.IngressValidator;
import dev.albc.webhook.WebhookServer;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1HTTPIngressRuleValue;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressServiceBackend;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceBackendPort;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Ingress webhook's latency with 1,000 Ingresses in the cluster (docs/benchmarks.md "Webhooks"),
 * behind {@code -Dalbc.bench=true}: the controller's fact store filled as its informers fill it
 * (1,000 Ingresses in 100 namespaces: 800 alone in their implicit group, 200 in 20 explicit groups of
 * 10), the quickstart's account facts, and AdmissionReviews sent over HTTPS to the real
 * {@link WebhookServer} (TLS, JSON, the rules): p50 and p99 for an Ingress alone in its group and for
 * a member of a 10-Ingress group. Prints the numbers; asserts only that the answers are right.
 *
 * <pre>./mvnw -q -B test -Dtest=WebhookLatencyBenchTest -Dalbc.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "albc.bench", matches = "true")
class WebhookLatencyBenchTest {
  static final int INGRESSES = 1000;
  static final int WARMUP = 50;
  static final int SAMPLES = 400;

  @Test
  void ingressValidatorLatencyWith1000Ingresses() throws Exception {
    FactStore store = new FactStore("alb");
    store.putClass(IngressClassFactMapper.INSTANCE.toFact(new V1IngressClass().metadata(new V1ObjectMeta().name("alb"))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))));
    List<V1Ingress> all = new ArrayList<>();
    for (int i = 0; i < INGRESSES; i++) {
      String ns = "team-" + (i % 100);
      if (i < 100) {
        store.putNamespace(NamespaceFactMapper.INSTANCE.toFact(new V1Namespace().metadata(new V1ObjectMeta().name(ns)
            .labels(Map.of("kubernetes.io/metadata.name", ns)))));
        store.putService(ServiceFactMapper.INSTANCE.toFact(new V1Service().metadata(new V1ObjectMeta().name("web")
            .namespace(ns).uid("uid-" + ns)).spec(new V1ServiceSpec().type("NodePort").selector(Map.of("app", "web"))
            .ports(List.of(new V1ServicePort().name("http").port(80).targetPort(new IntOrString(8080))
                .nodePort(30000 + i).protocol("TCP"))))));
      }
      String group = i < 200 ? "shared-" + (i % 20) : null;
      V1Ingress ing = ingress(ns, "app-" + i, group, "internet-facing");
      all.add(ing);
      store.putIngress(ing, IngressFactMapper.INSTANCE.toFact(ing));
    }
    List<Object> account = FactInputs.read(List.of(), List.of(Path.of("examples/quickstart/subnets.json")), "");
    RuleRunner rules = new RuleRunner(RuleCompiler.loadBuiltin());
    ControllerSettings settings = ControllerSettings.defaults("demo");
    LoopbackWebhookCert cert = LoopbackWebhookCert.shared();
    try (IngressValidator validator = new IngressValidator(new WebhookFacts(store, () -> true,
            () -> Optional.of(account)), () -> rules, settings, Duration.ofSeconds(30));
         WebhookServer server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), cert.dir().resolve("tls.crt"),
             cert.dir().resolve("tls.key"), 4).handle(WebhookServer.VALIDATE_INGRESS, validator)) {
      server.start();
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      URI uri = URI.create("https://localhost:" + server.port() + WebhookServer.VALIDATE_INGRESS);
      // the answers are right: the stored version allowed, a bad scheme refused
      assertThat(review(client, uri, all.get(500)).path("allowed").asBoolean()).isTrue();
      V1Ingress bad = ingress("team-0", "app-500", null, "internet-facingx");
      assertThat(review(client, uri, bad).path("allowed").asBoolean()).isFalse();
      assertThat(review(client, uri, ingress("team-3", "app-3", "shared-3", "internal")).path("allowed").asBoolean())
          .as("a scheme conflicting with its group's other members").isFalse();

      String alone = measure(client, uri, all.subList(200, INGRESSES));
      String grouped = measure(client, uri, all.subList(0, 200));
      System.out.printf("%nWebhooks: Ingress validator, %d Ingresses in the cluster, %d samples each (after %d "
          + "warm-up)%n  alone in its group:     %s%n  member of a 10-Ingress group: %s%n", INGRESSES, SAMPLES, WARMUP,
          alone, grouped);
    }
  }

  /** p50 and p99 (ms) of validating Ingresses picked in turn from {@code pool}, as updates to themselves. */
  static String measure(HttpClient client, URI uri, List<V1Ingress> pool) throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
      V1Ingress ing = pool.get((i * 37) % pool.size());
      long t = System.nanoTime();
      JsonNode res = review(client, uri, ing);
      double took = (System.nanoTime() - t) / 1e6;
      assertThat(res.path("allowed").asBoolean()).as(res.toString()).isTrue();
      if (i >= WARMUP) {
        ms.add(took);
      }
    }
    Collections.sort(ms);
    return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", ms.get(ms.size() / 2),
        ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1));
  }

  static JsonNode review(HttpClient client, URI uri, V1Ingress ing) throws Exception {
    Map<String, Object> request = new HashMap<>();
    request.put("uid", "u");
    request.put("kind", Map.of("group", "networking.k8s.io", "version", "v1", "kind", "Ingress"));
    request.put("operation", "UPDATE");
    request.put("namespace", ing.getMetadata().getNamespace());
    request.put("name", ing.getMetadata().getName());
    ObjectMapper json = new ObjectMapper();
    request.put("object", json.readTree(new JSON().serialize(ing)));
    String body = json.writeValueAsString(Map.of("apiVersion", "admission.k8s.io/v1", "kind", "AdmissionReview",
        "request", request));
    HttpResponse<String> res = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    return json.readTree(res.body()).path("response");
  }

  static V1Ingress ingress(String ns, String name, String group, String scheme) {
    Map<String, String> annotations = new HashMap<>(Map.of("alb.ingress.kubernetes.io/scheme", scheme,
        "alb.ingress.kubernetes.io/target-type", "instance"));
    if (group != null) {
      annotations.put("alb.ingress.kubernetes.io/group.name", group);
    }
    return new V1Ingress().apiVersion("networking.k8s.io/v1").kind("Ingress")
        .metadata(new V1ObjectMeta().namespace(ns).name(name).uid("uid-" + ns + "-" + name).annotations(annotations))
        .spec(new V1IngressSpec().ingressClassName("alb").rules(List.of(new V1IngressRule().host(name + ".example.com")
            .http(new V1HTTPIngressRuleValue().paths(List.of(new V1HTTPIngressPath().path("/").pathType("Prefix")
                .backend(new V1IngressBackend().service(new V1IngressServiceBackend().name("web")
                    .port(new V1ServiceBackendPort().number(80))))))))));
  }

  static SSLContext trusting(LoopbackWebhookCert cert) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("webhook", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(cert.caBundle())));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
