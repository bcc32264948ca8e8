package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.aws.AccountFacts;
import dev.albc.executor.LiveFixture;
import dev.albc.facts.ControllerSettings;
import dev.albc.sources.ClusterReader;
import dev.albc.targets.Binding;
import dev.albc.targets.SdkTargetGroups;
import dev.albc.targets.TargetsController;
import dev.albc.targets.TargetsItFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.SelfSignedCert;
import dev.albc.webhook.BindingMutator;
import dev.albc.webhook.BindingValidator;
import dev.albc.webhook.IngressClassParamsValidator;
import dev.albc.webhook.IngressValidator;
import dev.albc.webhook.PodMutator;
import dev.albc.webhook.WebhookServer;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AdmissionregistrationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.AdmissionregistrationV1WebhookClientConfig;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1HTTPIngressRuleValue;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressServiceBackend;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1MutatingWebhook;
import io.kubernetes.client.openapi.models.V1MutatingWebhookConfiguration;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodReadinessGate;
import io.kubernetes.client.openapi.models.V1RuleWithOperations;
import io.kubernetes.client.openapi.models.V1ServiceBackendPort;
import io.kubernetes.client.openapi.models.V1ValidatingWebhook;
import io.kubernetes.client.openapi.models.V1ValidatingWebhookConfiguration;
import io.kubernetes.client.util.PatchUtils;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The admission webhooks called by the real API server over TLS ({@code clientConfig.url} on
 * loopback, a self-signed certificate for {@code localhost} as the CA bundle): the pod mutator adds
 * the readiness gate and the reconciler turns it True; the binding mutator fills a binding from its
 * target group's name; the binding validator and the Ingress validator (the rules, with cached
 * facts) refuse bad objects with albc's message; the IngressClassParams validator refuses a
 * non-canonical CIDR. The configurations select only this test's namespace and objects.
 */
@IntegrationTest
class WebhookIT {

  @Test
  void theApiServerCallsAlbcsWebhooks(ItContext it) throws Exception {
    TargetsItFixture f = new TargetsItFixture(it);
    String ns = it.namespace();
    CoreV1Api core = new CoreV1Api(it.kube());
    PatchUtils.patch(Object.class, () -> core.patchNamespace(ns, new V1Patch(
        "{\"metadata\":{\"labels\":{\"elbv2.k8s.aws/pod-readiness-gate-inject\":\"enabled\"}}}")).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, it.kube());
    TargetsController controller = f.startController();
    String url = startWebhooks(it, f, controller);
    registerWebhooks(it, url);

    // the binding mutator fills the ARN and the defaults from the target group's name
    String arn = f.targetGroup("k8s-webhook-tg", TargetTypeEnum.IP, 80);
    f.service("web", "ClusterIP", Map.of("app", "web"));
    Binding b = retryUntilMutated(it, f);
    assertThat(b.targetGroupArn()).isEqualTo(arn);
    assertThat(b.targetType()).isEqualTo("ip");
    assertThat(b.ipAddressType()).isEqualTo("ipv4");
    assertThat(b.vpcId()).isEqualTo(f.network().vpcId());

    // the binding validator: a field that does not match its (free) target group; a second binding on
    // a bound one (the reference checks the duplicate before the fields, so each case has its own group)
    String free = f.targetGroup("k8s-webhook-free", TargetTypeEnum.IP, 80);
    assertThatThrownBy(() -> f.binding("wrong", free, "ip", "web", Map.of("ipAddressType", "ipv6")))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getResponseBody())
            .contains("spec.ipAddressType ipv6 does not match the target group's ipv4"));
    assertThatThrownBy(() -> f.binding("second", arn, "ip", "web", Map.of()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getResponseBody()).contains("is already bound to TargetGroupBinding"));

    // the pod mutator adds the gate; once the target is registered and healthy the gate turns True
    TargetsItFixture.await(() -> controller.view().bindings().size(), 1, "the binding in the informer cache");
    V1Pod pod = core.createNamespacedPod(ns, new V1Pod().metadata(new V1ObjectMeta().name("a")
        .labels(Map.of("app", "web"))).spec(new io.kubernetes.client.openapi.models.V1PodSpec().nodeName("n")
        .containers(List.of(new io.kubernetes.client.openapi.models.V1Container().name("app").image("nginx")))
        .overhead(null))).execute();
    assertThat(pod.getSpec().getReadinessGates()).extracting(V1PodReadinessGate::getConditionType)
        .containsExactly("target-health.elbv2.k8s.aws/web");
    String node = "wh-node-" + ns;
    it.seedKube().node(node, "aws:///us-west-2a/i-0123456789abcdef1", "us-west-2a", "10.0.128.6", true, Map.of());
    TargetsIpIT.pod(it, "b", node, "10.0.128.20", true); // another gated pod, written as a kubelet would
    TargetsIpIT.slice(it, List.of(TargetsIpIT.endpoint("10.0.128.20", false, "b", node)));
    f.awaitTargets(arn, java.util.Set.of("10.0.128.20:8080"));
    TargetsItFixture.await(() -> TargetsIpIT.gateStatus(it, "b"), "True", "readiness gate of pod b");

    // the Ingress validator runs the rules: a bad annotation is refused with the rules' message
    String cls = "albc-" + ns;
    new NetworkingV1Api(it.kube()).createIngressClass(new V1IngressClass().metadata(new V1ObjectMeta().name(cls))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))).execute();
    it.onCleanup(() -> new NetworkingV1Api(it.kube()).deleteIngressClass(cls).execute());
    new NetworkingV1Api(it.kube()).createNamespacedIngress(ns, ingress("good", cls,
        Map.of("alb.ingress.kubernetes.io/target-type", "ip"))).execute();
    assertThatThrownBy(() -> new NetworkingV1Api(it.kube()).createNamespacedIngress(ns, ingress("bad", cls,
        Map.of("alb.ingress.kubernetes.io/target-type", "ip", "alb.ingress.kubernetes.io/scheme", "internet-facingx")))
        .execute())
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getResponseBody()).contains("internet-facingx"));

    // the IngressClassParams validator
    Map<String, Object> params = Map.of("apiVersion", "elbv2.k8s.aws/v1beta1", "kind", "IngressClassParams",
        "metadata", Map.of("name", "p-" + ns, "labels", Map.of("albc.dev/it", ns)),
        "spec", Map.of("inboundCIDRs", List.of("10.0.0.1/24")));
    assertThatThrownBy(() -> new CustomObjectsApi(it.kube()).createClusterCustomObject("elbv2.k8s.aws", "v1beta1",
        "ingressclassparams", params).execute())
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getResponseBody()).contains("did you mean 10.0.0.0/24"));
  }

  static V1Ingress ingress(String name, String cls, Map<String, String> annotations) {
    return new V1Ingress().metadata(new V1ObjectMeta().name(name).annotations(annotations))
        .spec(new V1IngressSpec().ingressClassName(cls).rules(List.of(new V1IngressRule().http(
            new V1HTTPIngressRuleValue().paths(List.of(new V1HTTPIngressPath().path("/").pathType("Prefix")
                .backend(new V1IngressBackend().service(new V1IngressServiceBackend().name("web")
                    .port(new V1ServiceBackendPort().number(80))))))))));
  }

  /** Starts albc's webhook server on loopback with a certificate for localhost; returns its base URL. */
  static String startWebhooks(ItContext it, TargetsItFixture f, TargetsController controller) throws Exception {
    SelfSignedCert cert = SelfSignedCert.generate(Duration.ofDays(1), "localhost");
    Path dir = Files.createTempDirectory("albc-webhook");
    Files.writeString(dir.resolve("tls.crt"), cert.certificatePem());
    Files.writeString(dir.resolve("tls.key"), cert.privateKeyPem());
    ControllerSettings settings = new ControllerSettings(it.clusterName(), f.network().vpcId(),
        it.settings().region(), null, null, null, null, null, null, true, null, true, true);
    SdkTargetGroups tgs = new SdkTargetGroups(f.aws());
    List<Object> account = new AccountFacts(f.aws()).read(f.network().vpcId()).all();
    IngressValidator ingress = new IngressValidator(candidate -> {
      List<Object> facts = new ArrayList<>(new ClusterReader(it.kube(), it.namespace()).read().all());
      facts.addAll(account);
      return Optional.of(facts);
    }, () -> LiveFixture.RUNNER, settings, Duration.ofSeconds(8));
    WebhookServer server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), dir.resolve("tls.crt"),
        dir.resolve("tls.key"), 4)
        .handle(WebhookServer.MUTATE_POD, new PodMutator(controller.view(), true))
        .handle(WebhookServer.MUTATE_BINDING, new BindingMutator(tgs))
        .handle(WebhookServer.VALIDATE_BINDING, new BindingValidator(tgs, controller.view()::bindings))
        .handle(WebhookServer.VALIDATE_INGRESS, ingress)
        .handle(WebhookServer.VALIDATE_PARAMS, new IngressClassParamsValidator());
    server.start();
    it.onCleanup(() -> {
      server.close();
      ingress.close();
    });
    caBundle = cert.certificatePem().getBytes(StandardCharsets.US_ASCII); // the client's JSON base64-encodes it
    return "https://localhost:" + server.port();
  }

  static byte[] caBundle;

  /** The reference's webhook configurations, limited to this test's namespace (and labelled params). */
  static void registerWebhooks(ItContext it, String url) throws ApiException {
    String ns = it.namespace();
    AdmissionregistrationV1Api admission = new AdmissionregistrationV1Api(it.kube());
    V1LabelSelector thisNamespace = new V1LabelSelector().matchLabels(Map.of("kubernetes.io/metadata.name", ns));
    V1MutatingWebhookConfiguration mutating = new V1MutatingWebhookConfiguration()
        .metadata(new V1ObjectMeta().name("albc-it-" + ns))
        .webhooks(List.of(
            new V1MutatingWebhook().name("mpod.elbv2.k8s.aws").admissionReviewVersions(List.of("v1"))
                .sideEffects("None").failurePolicy("Fail").clientConfig(client(url + WebhookServer.MUTATE_POD))
                .namespaceSelector(new V1LabelSelector().matchLabels(Map.of("kubernetes.io/metadata.name", ns,
                    "elbv2.k8s.aws/pod-readiness-gate-inject", "enabled")))
                .rules(List.of(rule("", "v1", "pods", "CREATE"))),
            new V1MutatingWebhook().name("mtargetgroupbinding.elbv2.k8s.aws").admissionReviewVersions(List.of("v1"))
                .sideEffects("None").failurePolicy("Fail").clientConfig(client(url + WebhookServer.MUTATE_BINDING))
                .namespaceSelector(thisNamespace)
                .rules(List.of(rule("elbv2.k8s.aws", "v1beta1", "targetgroupbindings", "CREATE", "UPDATE")))));
    V1ValidatingWebhookConfiguration validating = new V1ValidatingWebhookConfiguration()
        .metadata(new V1ObjectMeta().name("albc-it-" + ns))
        .webhooks(List.of(
            new V1ValidatingWebhook().name("vtargetgroupbinding.elbv2.k8s.aws").admissionReviewVersions(List.of("v1"))
                .sideEffects("None").failurePolicy("Fail").clientConfig(client(url + WebhookServer.VALIDATE_BINDING))
                .namespaceSelector(thisNamespace)
                .rules(List.of(rule("elbv2.k8s.aws", "v1beta1", "targetgroupbindings", "CREATE", "UPDATE"))),
            new V1ValidatingWebhook().name("vingress.elbv2.k8s.aws").admissionReviewVersions(List.of("v1"))
                .sideEffects("None").failurePolicy("Fail").matchPolicy("Equivalent")
                .clientConfig(client(url + WebhookServer.VALIDATE_INGRESS)).namespaceSelector(thisNamespace)
                .rules(List.of(rule("networking.k8s.io", "v1", "ingresses", "CREATE", "UPDATE"))),
            new V1ValidatingWebhook().name("vingressclassparams.elbv2.k8s.aws").admissionReviewVersions(List.of("v1"))
                .sideEffects("None").failurePolicy("Fail").clientConfig(client(url + WebhookServer.VALIDATE_PARAMS))
                .objectSelector(new V1LabelSelector().matchLabels(Map.of("albc.dev/it", ns)))
                .rules(List.of(rule("elbv2.k8s.aws", "v1beta1", "ingressclassparams", "CREATE", "UPDATE")))));
    admission.createMutatingWebhookConfiguration(mutating).execute();
    it.onCleanup(() -> admission.deleteMutatingWebhookConfiguration("albc-it-" + ns).execute());
    admission.createValidatingWebhookConfiguration(validating).execute();
    it.onCleanup(() -> admission.deleteValidatingWebhookConfiguration("albc-it-" + ns).execute());
  }

  static AdmissionregistrationV1WebhookClientConfig client(String url) {
    return new AdmissionregistrationV1WebhookClientConfig().url(url).caBundle(caBundle);
  }

  static V1RuleWithOperations rule(String group, String version, String resource, String... ops) {
    return new V1RuleWithOperations().apiGroups(List.of(group)).apiVersions(List.of(version))
        .resources(List.of(resource)).operations(List.of(ops));
  }

  /**
   * The API server picks up new webhook configurations within a moment: create the binding from its
   * target group's name until the mutator has filled it (one made before is deleted and made again).
   */
  static Binding retryUntilMutated(ItContext it, TargetsItFixture f) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, Object> created = f.binding("web", null, null, "web", Map.of("targetGroupName", "k8s-webhook-tg"));
      Binding b = Binding.of(it.kube().getJSON().serialize(created));
      if (!b.targetGroupArn().isEmpty() || System.nanoTime() > deadline) {
        return b;
      }
      f.deleteBinding("web");
      TargetsItFixture.await(() -> {
        try {
          return f.readBinding("web") == null;
        } catch (ApiException e) {
          throw new IllegalStateException(e);
        }
      }, true, "the unmutated binding is gone");
      Thread.sleep(250);
    }
  }
}
