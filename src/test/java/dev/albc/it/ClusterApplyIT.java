package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.executor.KubeBindings;
import dev.albc.executor.LiveFixture;
import dev.albc.live.GroupRun;
import dev.albc.live.LiveRun;
import dev.albc.changes.Change;
import dev.albc.sources.ClusterReader;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1HTTPIngressRuleValue;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressServiceBackend;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceBackendPort;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.custom.IntOrString;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * With a cluster: the Ingress, its Service (UID, allocated NodePort) and IngressClass come from the
 * API server, and the TargetGroupBindings are written there.
 */
@IntegrationTest
class ClusterApplyIT {

  @Test
  @SuppressWarnings("unchecked")
  void ingressesFromTheClusterAndTheirTargetGroupBindings(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = "alb-" + ns;
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    net.createIngressClass(new V1IngressClass().metadata(new V1ObjectMeta().name(cls))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))).execute();
    it.onCleanup(() -> net.deleteIngressClass(cls).execute());
    V1Service svc = new CoreV1Api(it.kube()).createNamespacedService(ns, new V1Service()
        .metadata(new V1ObjectMeta().name("web"))
        .spec(new V1ServiceSpec().type("NodePort").selector(Map.of("app", "web"))
            .ports(List.of(new V1ServicePort().name("http").port(80).targetPort(new IntOrString(8080))))))
        .execute();
    int nodePort = svc.getSpec().getPorts().get(0).getNodePort();
    net.createNamespacedIngress(ns, new V1Ingress().metadata(new V1ObjectMeta().name("shop")
            .annotations(Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing")))
        .spec(new V1IngressSpec().ingressClassName(cls).rules(List.of(new V1IngressRule().host("shop.example.com")
            .http(new V1HTTPIngressRuleValue().paths(List.of(new V1HTTPIngressPath().path("/").pathType("Prefix")
                .backend(new V1IngressBackend().service(new V1IngressServiceBackend().name("web")
                    .port(new V1ServiceBackendPort().number(80))))))))))).execute();

    try (LiveFixture f = new LiveFixture(it)) {
      KubeBindings bindings = new KubeBindings(it.kube(), ns);
      List<Object> facts = new java.util.ArrayList<>(new ClusterReader(it.kube(), ns).read().all());
      f.aws().calls().reset();
      LiveRun first = f.live(bindings, facts).reconcileAll();
      assertThat(first.failures()).isEmpty();
      assertThat(first.changes().groups()).singleElement().satisfies(g -> assertThat(g.id()).isEqualTo(ns + "/shop"));
      assertThat(first.changes().groups().get(0).changes()).anyMatch(c -> c.calls().contains("k8s:CreateTargetGroupBinding"));

      // the target group's port is the NodePort the API server allocated
      TargetGroup tg = f.targetGroups().get(0);
      assertThat(tg.port()).isEqualTo(nodePort);
      List<Map<String, Object>> tgbs = tgbs(it, ns);
      assertThat(tgbs).singleElement().satisfies(b -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) b.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) b.get("metadata");
        assertThat(meta.get("name")).isEqualTo(tg.targetGroupName());
        assertThat(spec.get("targetGroupARN")).isEqualTo(tg.targetGroupArn());
        assertThat(spec.get("targetType")).isEqualTo("instance");
        assertThat((Map<String, Object>) meta.get("labels")).containsEntry("ingress.k8s.aws/stack-namespace", ns)
            .containsEntry("ingress.k8s.aws/stack-name", "shop");
        assertThat(String.valueOf(spec.get("networking"))).contains(f.securityGroups().stream()
            .filter(g -> g.groupName().startsWith("k8s-traffic-")).findFirst().orElseThrow().groupId());
      });

      // a second run changes nothing, in AWS or in the cluster
      f.aws().calls().reset();
      LiveRun second = f.live(bindings, new java.util.ArrayList<>(new ClusterReader(it.kube(), ns).read().all()))
          .reconcileAll();
      assertThat(second.changes().changeCount()).as("%s", second.changes().table()).isZero();
      assertThat(f.aws().calls().writeCalls()).isEmpty();

      // the command line, reading the cluster: nothing to do either
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = DropInIT.runCli(out, err, "apply", "--cluster-name", it.clusterName(), "--aws-vpc-id",
          f.network().vpcId(), "--aws-region", it.settings().region(), "--aws-endpoint-url",
          it.settings().awsEndpoint().orElseThrow().toString(), "--kubeconfig",
          it.settings().kubeconfig().orElseThrow().toString(), "--watch-namespace", ns, "--show-calls");
      assertThat(code).as(err + "\n" + out).isZero();
      assertThat(out.toString()).contains("— no change").contains("Applied 0 change(s) (0 call(s))");
      assertThat(err.toString()).contains("0 write)");

      // deleting the group deletes its bindings before its target groups
      GroupRun d = f.live(bindings, List.of()).delete(ns + "/shop", false);
      assertThat(d.failure()).isNull();
      assertThat(d.changes().changes()).first()
          .satisfies(c -> assertThat(c.calls()).containsExactly("k8s:DeleteTargetGroupBinding"));
      assertThat(d.changes().changes()).allMatch(c -> c.action() == Change.Action.DELETE);
      assertThat(tgbs(it, ns)).isEmpty();
      assertThat(f.targetGroups()).isEmpty();
      assertThat(f.loadBalancers()).isEmpty();
    }
  }

  /**
   * {@code albc apply --kubeconfig} keeps the hash of the OIDC client secret it sent in the Ingress's
   * albc.dev/sent-client-secrets annotation, as the controller does (docs/apply.md#client-secrets): the
   * next run (another LiveGroups, nothing in memory) writes nothing, and a run after the Secret
   * rotated is exactly one ModifyRule, whose value the annotation then matches.
   */
  @Test
  void applyFromTheClusterKeepsTheSentClientSecretsHashSoTheNextRunSeesARotation(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = ControllerSecretsIT.oidcSetup(it);
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    net.createNamespacedIngress(ns, dev.albc.controller.KubeObjects.ingress("shop", cls, Map.of(
        "alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]",
        "alb.ingress.kubernetes.io/auth-type", "oidc",
        "alb.ingress.kubernetes.io/auth-idp-oidc", AuthApplyIT.OIDC), "shop.example.com", "/=web")).execute();

    try (LiveFixture f = new LiveFixture(it)) {
      String[] apply = {"apply", "--cluster-name", it.clusterName(), "--aws-vpc-id", f.network().vpcId(),
          "--aws-region", it.settings().region(), "--aws-endpoint-url", it.settings().awsEndpoint().orElseThrow().toString(),
          "--kubeconfig", it.settings().kubeconfig().orElseThrow().toString(), "--watch-namespace", ns, "--show-calls"};
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(DropInIT.runCli(out, err, apply)).as(err + "\n" + out).isZero();
      String kept = sentSecrets(it, ns);
      assertThat(kept).as("the annotation after the first apply").isNotNull().doesNotContain("s3cret");
      assertThat(dev.albc.live.SentSecrets.decode(kept).values()).singleElement()
          .satisfies(e -> assertThat(e.matches("s3cret-one")).isTrue());

      // the next run knows nothing in memory: it verifies the kept hash and writes nothing
      out.reset();
      err.reset();
      assertThat(DropInIT.runCli(out, err, apply)).as(err + "\n" + out).isZero();
      assertThat(out.toString()).contains("Applied 0 change(s) (0 call(s))");
      assertThat(err.toString()).contains(" 0 write)");
      assertThat(sentSecrets(it, ns)).isEqualTo(kept);

      // rotated between two runs: exactly one ModifyRule, with the new value
      ControllerSecretsIT.patchSecret(it, ns, "{\"stringData\": {\"clientSecret\": \"s3cret-two\"}}");
      out.reset();
      err.reset();
      assertThat(DropInIT.runCli(out, err, apply)).as(err + "\n" + out).isZero();
      assertThat(out.toString()).contains("Applied 1 change(s) (1 call(s))");
      assertThat(err.toString()).containsPattern("\\s1\\s+elbv2:ModifyRule\\n").contains(" 1 write)");
      String rotated = sentSecrets(it, ns);
      assertThat(dev.albc.live.SentSecrets.decode(rotated).values()).singleElement()
          .satisfies(e -> assertThat(e.matches("s3cret-two")).isTrue());
      assertThat(rotated).doesNotContain("s3cret");
    }
  }

  static String sentSecrets(ItContext it, String ns) throws ApiException {
    Map<String, String> ann = new NetworkingV1Api(it.kube()).readNamespacedIngress("shop", ns).execute().getMetadata()
        .getAnnotations();
    return ann == null ? null : ann.get(dev.albc.live.SentSecrets.ANNOTATION);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> tgbs(ItContext it, String ns) throws ApiException {
    Object list = new CustomObjectsApi(it.kube())
        .listNamespacedCustomObject("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings").execute();
    return (List<Map<String, Object>>) ((Map<String, Object>) list).get("items");
  }
}
