package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.install.ChartController;
import dev.albc.install.ChartRelease;
import dev.albc.testinfra.AwsSeed.EksNetwork;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.Kube;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.util.PatchUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * helm install of deploy/helm/albc into the test API server (every object accepted), its webhook
 * configurations answered by the real {@code albc controller} process the test starts (the chart's
 * Deployment args, the chart's ServiceAccount, the chart's certificate Secret; the configurations
 * call it on loopback through {@code webhookURL}), helm upgrade keeping the webhook certificate when
 * asked, helm uninstall removing what it made and leaving the CRDs and the users' TargetGroupBindings
 * (docs/installation.md "Upgrading", "Uninstalling", "Webhook certificates").
 */
@IntegrationTest
class ChartInstallIT {
  static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void installUpgradeAndUninstall(ItContext it, @TempDir Path tmp) throws Exception {
    String ns = it.namespace();
    EksNetwork network = it.seedAws().eksNetwork(it.clusterName(), 2);
    int webhookPort = ChartController.webhookPortFor();
    Map<String, Object> sets = new LinkedHashMap<>(ChartRelease.webhookSets(webhookPort));
    sets.put("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::123456789012:role/albc");
    sets.put("region", it.settings().region());
    sets.put("vpcId", network.vpcId());
    ChartRelease r = ChartRelease.install(it, sets);
    CoreV1Api core = new CoreV1Api(it.kube());
    AppsV1Api apps = new AppsV1Api(it.kube());
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(it.kube());
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CustomObjectsApi custom = new CustomObjectsApi(it.kube());

    V1Deployment d = apps.readNamespacedDeployment(r.name(), ns).execute();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("--cluster-name=" + it.clusterName(), "--ingress-class=" + r.ingressClass(),
            "--aws-region=" + it.settings().region(), "--aws-vpc-id=" + network.vpcId());
    assertThat(core.readNamespacedServiceAccount(r.name(), ns).execute().getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/albc");
    assertThat(core.readNamespacedService("albc-webhook-service", ns).execute().getSpec().getPorts().get(0).getPort())
        .isEqualTo(443);
    rbac.readClusterRole(r.name() + "-role").execute();
    rbac.readClusterRoleBinding(r.name() + "-rolebinding").execute();
    rbac.readNamespacedRole(r.name() + "-leader-election-role", ns).execute();
    rbac.readNamespacedRoleBinding(r.name() + "-leader-election-rolebinding", ns).execute();
    assertThat(net.readIngressClass(r.ingressClass()).execute().getSpec().getController())
        .isEqualTo("ingress.k8s.aws/alb");
    custom.getClusterCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, Kube.INGRESS_CLASS_PARAMS, r.ingressClass())
        .execute();

    // the webhooks, answered by the controller the chart describes (its args, ServiceAccount and Secret)
    String tg = it.aws().elbv2().createTargetGroup(q -> q.name("users-" + Integer.toHexString(ns.hashCode()))
        .protocol(ProtocolEnum.HTTP).port(80).vpcId(network.vpcId()).targetType(TargetTypeEnum.IP))
        .targetGroups().get(0).targetGroupArn();
    String tgName = tg.split("/")[1];
    try (ChartController c = ChartController.start(it, r, tmp, webhookPort)) {
      await(WAIT, c::log, () -> ControllerIT.get(c.healthPort, "/readyz").statusCode() == 200 ? true : null);
      // the Ingress validator runs the rules: refused with the rules' message once the caches are filled
      it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));
      int[] attempt = {0};
      String refusal = await(WAIT, c::log, () -> {
        String name = "bad-" + attempt[0]++;
        try {
          net.createNamespacedIngress(ns, ingress(name, r.ingressClass(),
              Map.of("alb.ingress.kubernetes.io/scheme", "internet-facingx"), "bad.example.com", "/=web")).execute();
          net.deleteNamespacedIngress(name, ns).execute(); // allowed with a warning: caches not ready yet
          return null;
        } catch (ApiException e) {
          return e.getResponseBody();
        }
      });
      assertThat(refusal).contains("vingress.elbv2.k8s.aws", "internet-facingx");
      // a user's TargetGroupBinding by target group name, which must outlive the chart: the mutator fills it
      custom.createNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, ns, Kube.TARGET_GROUP_BINDINGS,
          binding("users", Map.of("targetGroupName", tgName))).execute();
      it.onCleanup(() -> deleteBinding(it, "users"));
      @SuppressWarnings("unchecked")
      Map<String, Object> users = (Map<String, Object>) custom.getNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, ns,
          Kube.TARGET_GROUP_BINDINGS, "users").execute();
      @SuppressWarnings("unchecked")
      Map<String, Object> usersSpec = (Map<String, Object>) users.get("spec");
      assertThat(usersSpec).containsEntry("targetGroupARN", tg).containsEntry("targetType", "ip")
          .containsEntry("ipAddressType", "ipv4").containsEntry("vpcID", network.vpcId());
      // the binding validator: a second binding on the same target group
      assertThatThrownBy(() -> custom.createNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, ns,
          Kube.TARGET_GROUP_BINDINGS, binding("second", Map.of("targetGroupARN", tg))).execute())
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getResponseBody())
              .contains("vtargetgroupbinding.elbv2.k8s.aws", "is already bound to TargetGroupBinding " + ns + "/users"));
      assertThat(c.alive()).as(c.log()).isTrue();
    }

    // upgrade: keepTLSSecret keeps the certificate; without it a new one is generated (as the reference)
    byte[] cert = tlsCert(core, ns);
    r.upgrade(Map.of("keepTLSSecret", true, "webhookURL", "https://localhost:" + webhookPort));
    assertThat(tlsCert(core, ns)).as("keepTLSSecret=true keeps the webhook certificate").isEqualTo(cert);
    r.upgrade(Map.of("webhookURL", "https://localhost:" + webhookPort));
    assertThat(Arrays.equals(tlsCert(core, ns), cert)).as("a new certificate without keepTLSSecret").isFalse();

    r.uninstall();
    assertGone(() -> apps.readNamespacedDeployment(r.name(), ns).execute());
    assertGone(() -> core.readNamespacedServiceAccount(r.name(), ns).execute());
    assertGone(() -> core.readNamespacedSecret("albc-tls", ns).execute());
    assertGone(() -> rbac.readClusterRole(r.name() + "-role").execute());
    assertGone(() -> rbac.readNamespacedRole(r.name() + "-leader-election-role", ns).execute());
    assertGone(() -> net.readIngressClass(r.ingressClass()).execute());
    assertGone(() -> custom.getClusterCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, Kube.INGRESS_CLASS_PARAMS,
        r.ingressClass()).execute());
    ApiextensionsV1Api ext = new ApiextensionsV1Api(it.kube());
    for (String crd : List.of("targetgroupbindings.elbv2.k8s.aws", "ingressclassparams.elbv2.k8s.aws")) {
      assertThat(ext.readCustomResourceDefinition(crd).execute().getMetadata().getDeletionTimestamp())
          .as(crd + " stays").isNull();
    }
    custom.getNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, ns, Kube.TARGET_GROUP_BINDINGS, "users")
        .execute();
  }

  static Map<String, Object> binding(String name, Map<String, Object> target) {
    Map<String, Object> spec = new LinkedHashMap<>(target);
    spec.put("serviceRef", Map.of("name", "web", "port", 80));
    return Map.of("apiVersion", "elbv2.k8s.aws/v1beta1", "kind", "TargetGroupBinding", "metadata",
        Map.of("name", name), "spec", spec);
  }

  /** Deletes the binding, first dropping a finalizer a stopped controller can no longer remove. */
  static void deleteBinding(ItContext it, String name) throws ApiException {
    CustomObjectsApi custom = new CustomObjectsApi(it.kube());
    try {
      PatchUtils.patch(Object.class, () -> custom.patchNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION,
          it.namespace(), Kube.TARGET_GROUP_BINDINGS, name, new V1Patch("{\"metadata\":{\"finalizers\":null}}"))
          .buildCall(null), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, it.kube());
      custom.deleteNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, it.namespace(),
          Kube.TARGET_GROUP_BINDINGS, name).execute();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  static byte[] tlsCert(CoreV1Api core, String ns) throws ApiException {
    return core.readNamespacedSecret("albc-tls", ns).execute().getData().get("tls.crt");
  }

  interface Read {
    Object run() throws ApiException;
  }

  static void assertGone(Read read) {
    assertThatThrownBy(read::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }
}
