package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.install.ChartRelease;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.Kube;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * helm install of deploy/helm/albc into the test API server (every object accepted), helm upgrade
 * keeping the webhook certificate when asked, helm uninstall removing what it made and leaving the
 * CRDs and the users' TargetGroupBindings (docs/installation.md "Upgrading", "Uninstalling").
 */
@IntegrationTest
class ChartInstallIT {

  @Test
  void installUpgradeAndUninstall(ItContext it) throws Exception {
    String ns = it.namespace();
    ChartRelease r = ChartRelease.install(it, Map.of("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
        "arn:aws:iam::123456789012:role/albc"));
    CoreV1Api core = new CoreV1Api(it.kube());
    AppsV1Api apps = new AppsV1Api(it.kube());
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(it.kube());
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CustomObjectsApi custom = new CustomObjectsApi(it.kube());

    V1Deployment d = apps.readNamespacedDeployment(r.name(), ns).execute();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("--cluster-name=" + it.clusterName(), "--ingress-class=" + r.ingressClass());
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

    // a user's TargetGroupBinding, which must outlive the chart
    custom.createNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, ns, Kube.TARGET_GROUP_BINDINGS,
        Map.of("apiVersion", "elbv2.k8s.aws/v1beta1", "kind", "TargetGroupBinding",
            "metadata", Map.of("name", "users"),
            "spec", Map.of("serviceRef", Map.of("name", "web", "port", 80),
                "targetGroupARN", "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/users/0123456789abcdef")))
        .execute();
    it.onCleanup(() -> custom.deleteNamespacedCustomObject(Kube.ELBV2_GROUP, Kube.ELBV2_VERSION, ns,
        Kube.TARGET_GROUP_BINDINGS, "users").execute());

    // upgrade: keepTLSSecret keeps the certificate; without it a new one is generated (as the reference)
    byte[] cert = tlsCert(core, ns);
    r.upgrade(Map.of("keepTLSSecret", true));
    assertThat(tlsCert(core, ns)).as("keepTLSSecret=true keeps the webhook certificate").isEqualTo(cert);
    r.upgrade(Map.of());
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
