package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.PatchUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * {@code albc controller} end to end (docs/controller.md), as {@code java -jar target/albc.jar}
 * against the real API server and the AWS emulator: an Ingress → ALB, finalizer, status, bindings;
 * edits follow; a second member joins with group.order; a Service's NodePort change replaces its
 * target group and the binding follows; a member that turns invalid is held at its last valid
 * version while the other member's edit lands, and is told why (event, {@code albc.dev/status});
 * fixed, it is Ready again; a member leaves its group; deleting removes everything and the
 * finalizers.
 */
@IntegrationTest
class ControllerIT {
  static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void ingressesDriveAwsThroughTheController(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = "alb-" + ns;
    String group = "g-" + ns.substring(ns.length() - 8);
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CoreV1Api core = new CoreV1Api(it.kube());
    net.createIngressClass(new V1IngressClass().metadata(new V1ObjectMeta().name(cls))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))).execute();
    it.onCleanup(() -> net.deleteIngressClass(cls).execute());
    core.createNamespacedService(ns, nodePortService("web")).execute();
    core.createNamespacedService(ns, nodePortService("api")).execute();
    it.onCleanup(() -> dropFinalizers(it, ns));

    try (LiveFixture f = new LiveFixture(it);
        ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-it", "lease-" + ns)) {
      // the probes answer on every replica
      await(WAIT, c::log, () -> get(c.healthPort, "/readyz").statusCode() == 200 ? true : null);
      assertThat(get(c.healthPort, "/healthz").statusCode()).isEqualTo(200);

      // an Ingress → ALB, finalizer, status with the lower-cased DNS name and the listener port, a binding
      Map<String, String> inGroup = Map.of("alb.ingress.kubernetes.io/group.name", group,
          "alb.ingress.kubernetes.io/scheme", "internet-facing");
      net.createNamespacedIngress(ns, ingress("shop", cls, inGroup, "shop.example.com", "/=web")).execute();
      V1Ingress shop = await(WAIT, c::log, () -> withHostname(net.readNamespacedIngress("shop", ns).execute()));
      LoadBalancer alb = f.loadBalancers().get(0);
      assertThat(f.loadBalancers()).hasSize(1);
      assertThat(shop.getStatus().getLoadBalancer().getIngress().get(0).getHostname())
          .isEqualTo(alb.dnsName().toLowerCase(java.util.Locale.ROOT));
      assertThat(shop.getStatus().getLoadBalancer().getIngress().get(0).getPorts()).singleElement()
          .satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
      assertThat(shop.getMetadata().getFinalizers()).containsExactly("group.ingress.k8s.aws/" + group);
      assertThat(ClusterApplyIT.tgbs(it, ns)).hasSize(1);
      // events are recorded asynchronously: the status can be written before the event lands
      await(WAIT, c::log, () -> events(it, ns, "shop").contains("SuccessfullyReconciled") ? true : null);

      // an Ingress naming an IngressClass that does not exist (and holding no finalizer) is no member:
      // the reference's FailedLoadGroupID event, no finalizer, no load balancer of its own
      net.createNamespacedIngress(ns, ingress("typo", "alb-typo-" + ns, Map.of(), "typo.example.com", "/=web"))
          .execute();
      await(WAIT, c::log, () -> events(it, ns, "typo").contains("FailedLoadGroupID") ? true : null);
      assertThat(events(it, ns, "typo")).contains("ingressclasses.networking.k8s.io \"alb-typo-" + ns + "\" not found")
          .doesNotContain("FailedBuildModel");
      assertThat(net.readNamespacedIngress("typo", ns).execute().getMetadata().getFinalizers()).isNullOrEmpty();
      assertThat(f.loadBalancers()).hasSize(1);
      net.deleteNamespacedIngress("typo", ns).execute();

      // an edit → AWS follows
      replace(net, ns, ingress("shop", cls, inGroup, "shop.example.com", "/api=api", "/=web"));
      await(WAIT, c::log, () -> rules(f, alb).size() == 2 ? true : null);
      assertThat(f.targetGroups()).hasSize(2);

      // a second member joins with group.order -5: its rule comes first
      Map<String, String> first = new java.util.HashMap<>(inGroup);
      first.put("alb.ingress.kubernetes.io/group.order", "-5");
      net.createNamespacedIngress(ns, ingress("admin", cls, first, "admin.example.com", "/=web")).execute();
      await(WAIT, c::log, () -> {
        List<Rule> r = rules(f, alb);
        return r.size() == 3 && String.valueOf(r.get(0).conditions()).contains("admin.example.com") ? true : null;
      });
      await(WAIT, c::log, () -> withHostname(net.readNamespacedIngress("admin", ns).execute()));
      assertThat(f.loadBalancers()).hasSize(1);

      // the Service's NodePort changes → its target group is replaced
      int oldPort = core.readNamespacedService("api", ns).execute().getSpec().getPorts().get(0).getNodePort();
      int tgCount = f.targetGroups().size();
      int newPort = oldPort == 32111 ? 32112 : 32111;
      PatchUtils.patch(io.kubernetes.client.openapi.models.V1Service.class,
          () -> core.patchNamespacedService("api", ns, new V1Patch("[{\"op\":\"replace\",\"path\":"
              + "\"/spec/ports/0/nodePort\",\"value\":" + newPort + "}]")).buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_PATCH, it.kube());
      String oldArn = f.targetGroups().stream().filter(t -> t.port() == oldPort).findFirst().orElseThrow()
          .targetGroupArn();
      await(WAIT, c::log, () -> f.targetGroups().stream().anyMatch(t -> t.port() == newPort)
          && f.targetGroups().stream().noneMatch(t -> t.port() == oldPort) ? true : null);
      String newArn = f.targetGroups().stream().filter(t -> t.port() == newPort).findFirst().orElseThrow()
          .targetGroupArn();
      assertThat(newArn).isNotEqualTo(oldArn);
      assertThat(f.targetGroups()).hasSize(tgCount); // shop's api and web, admin's web: one replaced, none added
      // the binding follows the new target group; the rule forwards to it
      await(WAIT, c::log, () -> newArn.equals(bindingArn(it, ns, "api")) ? true : null);
      assertThat(String.valueOf(rules(f, alb))).contains(newArn).doesNotContain(oldArn);

      // every member is Ready, with its last valid inputs kept
      await(WAIT, c::log, () -> "Ready".equals(statusType(net.readNamespacedIngress("admin", ns).execute()))
          && "Ready".equals(statusType(net.readNamespacedIngress("shop", ns).execute())) ? true : null);
      assertThat(net.readNamespacedIngress("admin", ns).execute().getMetadata().getAnnotations())
          .containsKey("albc.dev/last-valid");

      // admin turns invalid (a misspelt annotation), then shop's edit: shop's edit still lands, admin is held
      // at its last valid version (its rule stays first), told why; nothing of it is deleted
      int tgsBefore = f.targetGroups().size();
      Map<String, String> bad = new java.util.HashMap<>(first);
      bad.put("alb.ingress.kubernetes.io/shceme", "internal");
      replace(net, ns, ingress("admin", cls, bad, "admin.example.com", "/=web"));
      await(WAIT, c::log, () -> "Degraded".equals(statusType(net.readNamespacedIngress("admin", ns).execute()))
          ? true : null);
      replace(net, ns, ingress("shop", cls, inGroup, "shop.example.com", "/v2=api", "/=web"));
      await(WAIT, c::log, () -> String.valueOf(rules(f, alb)).contains("/v2") ? true : null);
      List<Rule> held = rules(f, alb);
      assertThat(held).hasSize(3);
      assertThat(String.valueOf(held.get(0).conditions())).contains("admin.example.com");
      assertThat(f.targetGroups()).hasSize(tgsBefore);
      assertThat(f.loadBalancers()).hasSize(1);
      V1Ingress admin = net.readNamespacedIngress("admin", ns).execute();
      assertThat(status(admin)).contains("\"type\":\"Degraded\"", "\"reason\":\"FailedBuildModel\"",
          "held at its last valid version", "Ingress " + ns + "/admin", "shceme");
      await(WAIT, c::log, () -> events(it, ns, "admin").contains("FailedBuildModel: held at its last valid version")
          ? true : null);
      await(WAIT, c::log, () -> "Ready".equals(statusType(net.readNamespacedIngress("shop", ns).execute()))
          && net.readNamespacedIngress("shop", ns).execute().getMetadata().getAnnotations()
              .get("albc.dev/last-valid").contains("/v2") ? true : null);

      // admin fixed → Ready again, its status's transition time moves
      replace(net, ns, ingress("admin", cls, first, "admin.example.com", "/=web"));
      await(WAIT, c::log, () -> "Ready".equals(statusType(net.readNamespacedIngress("admin", ns).execute()))
          ? true : null);
      assertThat(rules(f, alb)).hasSize(3);

      // admin leaves the group: its own ALB, its rule leaves the group's, its finalizer changes
      replace(net, ns, ingress("admin", cls, Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing"),
          "admin.example.com", "/=web"));
      await(WAIT, c::log, () -> {
        V1Ingress a = net.readNamespacedIngress("admin", ns).execute();
        return f.loadBalancers().size() == 2 && rules(f, alb).size() == 2
            && Objects.equals(a.getMetadata().getFinalizers(), List.of("ingress.k8s.aws/resources")) ? true : null;
      });

      // deleting both: AWS resources, bindings and finalizers go
      net.deleteNamespacedIngress("shop", ns).execute();
      net.deleteNamespacedIngress("admin", ns).execute();
      await(WAIT, c::log, () -> net.listNamespacedIngress(ns).execute().getItems().isEmpty()
          && f.loadBalancers().isEmpty() && f.targetGroups().isEmpty() ? true : null);
      assertThat(ClusterApplyIT.tgbs(it, ns)).isEmpty();

      // metrics with the reference's names
      String metrics = get(c.metricsPort, "/metrics").body();
      assertThat(metrics).contains("aws_api_calls_total{", "controller_runtime_reconcile_total{",
          "awslbc_controller_reconcile_stage_duration_bucket{", "workqueue_depth{", "leader_election_master_status{");
      assertThat(c.log()).contains("\"group\":\"" + group + "\"");
    }
  }

  /** The {@code albc.dev/status} annotation, or "". */
  static String status(V1Ingress i) {
    Map<String, String> a = i.getMetadata().getAnnotations();
    return a == null ? "" : a.getOrDefault("albc.dev/status", "");
  }

  /** The status's type, or null. */
  static String statusType(V1Ingress i) {
    var m = java.util.regex.Pattern.compile("\"type\":\"(\\w+)\"").matcher(status(i));
    return m.find() ? m.group(1) : null;
  }

  /** The target group ARN of the binding of the Service, or null. */
  @SuppressWarnings("unchecked")
  static String bindingArn(ItContext it, String ns, String service) throws ApiException {
    for (Map<String, Object> b : ClusterApplyIT.tgbs(it, ns)) {
      Map<String, Object> spec = (Map<String, Object>) b.get("spec");
      Map<String, Object> ref = (Map<String, Object>) spec.get("serviceRef");
      if (service.equals(ref.get("name"))) {
        return (String) spec.get("targetGroupARN");
      }
    }
    return null;
  }

  static V1Ingress withHostname(V1Ingress i) {
    var s = i.getStatus();
    return s != null && s.getLoadBalancer() != null && s.getLoadBalancer().getIngress() != null
        && !s.getLoadBalancer().getIngress().isEmpty() ? i : null;
  }

  /** The non-default rules of the ALB's one listener, by priority. */
  static List<Rule> rules(LiveFixture f, LoadBalancer alb) {
    var listeners = f.listeners(alb);
    if (listeners.isEmpty()) {
      return List.of();
    }
    return f.rules(listeners.get(0)).stream().filter(r -> !Boolean.TRUE.equals(r.isDefault()))
        .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.priority()))).toList();
  }

  static void replace(NetworkingV1Api net, String ns, V1Ingress wanted) throws ApiException {
    for (int attempt = 0; ; attempt++) {
      V1Ingress now = net.readNamespacedIngress(wanted.getMetadata().getName(), ns).execute();
      // albc's own annotations stay, as with kubectl apply (it leaves keys it did not set)
      Map<String, String> ann = new java.util.HashMap<>(wanted.getMetadata().getAnnotations());
      if (now.getMetadata().getAnnotations() != null) {
        now.getMetadata().getAnnotations().forEach((k, v) -> {
          if (k.startsWith("albc.dev/")) {
            ann.put(k, v);
          }
        });
      }
      now.getMetadata().setAnnotations(ann);
      now.setSpec(wanted.getSpec());
      try {
        net.replaceNamespacedIngress(wanted.getMetadata().getName(), ns, now).execute();
        return;
      } catch (ApiException e) {
        if (e.getCode() != 409 || attempt > 5) {
          throw e;
        }
      }
    }
  }

  /** An IngressClass {@code alb-<namespace>} of albc's controller for this test, deleted after it. */
  static String ingressClass(ItContext it) throws ApiException {
    String cls = "alb-" + it.namespace();
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    net.createIngressClass(new V1IngressClass().metadata(new V1ObjectMeta().name(cls))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))).execute();
    it.onCleanup(() -> net.deleteIngressClass(cls).execute());
    return cls;
  }

  static String events(ItContext it, String ns, String name) throws ApiException {
    StringBuilder out = new StringBuilder();
    for (CoreV1Event e : new CoreV1Api(it.kube()).listNamespacedEvent(ns).execute().getItems()) {
      if (name.equals(e.getInvolvedObject().getName())) {
        out.append(e.getReason()).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return out.toString();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** After the test: Ingresses left with albc's finalizers would keep the namespace from going. */
  static void dropFinalizers(ItContext it, String ns) throws ApiException {
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    for (V1Ingress i : net.listNamespacedIngress(ns).execute().getItems()) {
      if (i.getMetadata().getFinalizers() != null && !i.getMetadata().getFinalizers().isEmpty()) {
        i.getMetadata().setFinalizers(List.of());
        net.replaceNamespacedIngress(i.getMetadata().getName(), ns, i).execute();
      }
    }
  }
}
