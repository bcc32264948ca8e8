package dev.albc.install;

import static dev.albc.install.Charts.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.albc.install.Charts.Rendered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/helm/albc rendered by a real Helm: lint, the EC2 and Fargate variants, a values file written
 * for the reference chart, webhooks, certificates and the optional objects (docs/installation.md).
 */
class ChartRenderTest {
  static final Map<String, Object> EC2 = sets("clusterName", "my-cluster");

  @Test
  void lintsClean(@TempDir Path tmp) throws Exception {
    // helm lint takes no values: lint a copy whose values name a cluster (the chart requires one)
    Path copy = tmp.resolve("albc");
    try (Stream<Path> files = Files.walk(Charts.CHART)) {
      for (Path p : files.toList()) {
        Path to = copy.resolve(Charts.CHART.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path values = copy.resolve("values.yaml");
    Files.writeString(values, Files.readString(values).replace("\nclusterName:\n", "\nclusterName: lint\n"));
    LintResult r = new Helm(copy).lint().strict().call();
    assertThat(r.isFailed()).as(String.join("\n", r.getMessages())).isFalse();
  }

  @Test
  void withoutAClusterNameTheChartRefusesToRender() {
    assertThatThrownBy(() -> Charts.template(Map.of()))
        .hasMessageContaining("Chart cannot be installed without a valid clusterName!");
  }

  @Test
  void ec2VariantHasTheReferenceArgsProbesPortsAndMounts() {
    Rendered r = Charts.template(EC2);
    assertThat(r.args()).containsExactly("--cluster-name=my-cluster", "--ingress-class=alb");
    JsonNode d = r.deployment();
    assertThat(d.path("metadata").path("name").asText()).isEqualTo("aws-load-balancer-controller-albc");
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(2);
    JsonNode pod = d.path("spec").path("template").path("spec");
    JsonNode c = r.container();
    assertThat(c.has("command")).isFalse();
    assertThat(c.path("livenessProbe").toString()).isEqualTo(
        "{\"failureThreshold\":2,\"httpGet\":{\"path\":\"/healthz\",\"port\":61779,\"scheme\":\"HTTP\"},"
            + "\"initialDelaySeconds\":30,\"timeoutSeconds\":10}");
    assertThat(c.path("readinessProbe").toString()).isEqualTo(
        "{\"failureThreshold\":2,\"httpGet\":{\"path\":\"/readyz\",\"port\":61779,\"scheme\":\"HTTP\"},"
            + "\"initialDelaySeconds\":10,\"successThreshold\":1,\"timeoutSeconds\":10}");
    assertThat(c.path("ports").toString()).isEqualTo(
        "[{\"name\":\"webhook-server\",\"containerPort\":9443,\"protocol\":\"TCP\"},"
            + "{\"name\":\"metrics-server\",\"containerPort\":8080,\"protocol\":\"TCP\"}]");
    assertThat(c.path("volumeMounts").path(0).toString()).isEqualTo(
        "{\"mountPath\":\"/tmp/k8s-webhook-server/serving-certs\",\"name\":\"cert\",\"readOnly\":true}");
    assertThat(pod.path("volumes").path(0).toString()).isEqualTo(
        "{\"name\":\"cert\",\"secret\":{\"defaultMode\":420,\"secretName\":\"albc-tls\"}}");
    // security: non-root, read-only root filesystem, no privilege escalation, every capability dropped
    JsonNode sc = c.path("securityContext");
    assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(Charts.strings(sc.path("capabilities").path("drop"))).containsExactly("ALL");
    assertThat(pod.path("securityContext").path("fsGroup").asInt()).isEqualTo(65534);
    assertThat(c.path("resources").path("requests").path("memory").asText()).isEqualTo("512Mi");
    assertThat(c.path("resources").path("limits").path("memory").asText()).isEqualTo("1Gi");
    assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(10);
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("aws-load-balancer-controller-albc");
    JsonNode anti = pod.path("affinity").path("podAntiAffinity").path("preferredDuringSchedulingIgnoredDuringExecution")
        .path(0);
    assertThat(anti.path("weight").asInt()).isEqualTo(100);
    assertThat(anti.path("podAffinityTerm").path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
    assertThat(d.path("spec").path("template").path("metadata").path("annotations").toString())
        .isEqualTo("{\"prometheus.io/scrape\":\"true\",\"prometheus.io/port\":\"8080\"}");
    // the webhook Service 443 → 9443 and its certificate
    JsonNode svc = r.get("Service", "albc-webhook-service");
    assertThat(svc.path("spec").path("ports").toString())
        .isEqualTo("[{\"port\":443,\"name\":\"webhook-server\",\"targetPort\":\"webhook-server\"}]");
    JsonNode tls = r.get("Secret", "albc-tls");
    assertThat(tls.path("type").asText()).isEqualTo("kubernetes.io/tls");
    assertThat(tls.path("data").fieldNames()).toIterable().containsExactlyInAnyOrder("ca.crt", "tls.crt", "tls.key");
    // the alb IngressClass, an IngressClassParams not referenced (as the reference), no PDB, no monitor
    assertThat(r.get("IngressClass", "alb").path("spec").toString()).isEqualTo("{\"controller\":\"ingress.k8s.aws/alb\"}");
    assertThat(r.get("IngressClassParams", "alb").has("spec")).isFalse();
    assertThat(r.has("PodDisruptionBudget")).isFalse();
    assertThat(r.has("ServiceMonitor")).isFalse();
    assertThat(r.get("ServiceAccount", "aws-load-balancer-controller-albc").path("automountServiceAccountToken")
        .asBoolean()).isTrue();
  }

  @Test
  void fargateVariantPassesRegionAndVpc() {
    Rendered r = Charts.template(sets("clusterName", "my-cluster", "region", "us-west-2", "vpcId", "vpc-0abc"));
    assertThat(r.args()).containsExactly("--cluster-name=my-cluster", "--ingress-class=alb",
        "--aws-region=us-west-2", "--aws-vpc-id=vpc-0abc");
  }

  @Test
  void aValuesFileWrittenForTheReferenceInstallsAlbc() {
    Rendered r = Charts.template(Map.of(), Path.of("src/test/resources/install/reference-values.yaml"));
    assertThat(r.args()).containsExactly("--cluster-name=prod-eks", "--ingress-class=alb", "--aws-region=eu-west-1",
        "--aws-vpc-id=vpc-0123456789abcdef0", "--enable-shield=false", "--log-level=debug", "--watch-namespace=apps",
        "--default-tags=env=prod,team=platform",
        "--feature-gates=ListenerRulesTagging=true,SubnetsClusterTagCheck=false");
    assertThat(r.container().path("image").asText())
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/albc:0.1.0");
    assertThat(r.ofKind("ServiceAccount")).as("serviceAccount.create=false").isEmpty();
    JsonNode pod = r.deployment().path("spec").path("template").path("spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("aws-load-balancer-controller");
    assertThat(r.deployment().path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(pod.path("nodeSelector").path("kubernetes.io/os").asText()).isEqualTo("linux");
    assertThat(pod.path("tolerations").path(0).path("key").asText()).isEqualTo("CriticalAddonsOnly");
    assertThat(r.get("PodDisruptionBudget", "aws-load-balancer-controller-albc").path("spec").path("maxUnavailable")
        .asInt()).isEqualTo(1);
    assertThat(r.get("IngressClass", "alb").path("metadata").path("annotations")
        .path("ingressclass.kubernetes.io/is-default-class").asText()).isEqualTo("true");
    // the bindings name the ServiceAccount that eksctl made
    assertThat(r.get("ClusterRoleBinding", "aws-load-balancer-controller-albc-rolebinding").path("subjects").toString())
        .isEqualTo("[{\"kind\":\"ServiceAccount\",\"name\":\"aws-load-balancer-controller\",\"namespace\":\"kube-system\"}]");
  }

  @Test
  void irsaAnnotationAndNamesFollowTheOverrides() {
    Rendered r = Charts.template(sets("clusterName", "c", "nameOverride", "aws-load-balancer-controller",
        "serviceAccount.name", "aws-load-balancer-controller",
        "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::123456789012:role/lbc"));
    JsonNode sa = r.get("ServiceAccount", "aws-load-balancer-controller");
    assertThat(sa.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/lbc");
    // with the reference's name, the reference's object names
    r.get("Service", "aws-load-balancer-webhook-service");
    r.get("Secret", "aws-load-balancer-tls");
    r.get("Deployment", "aws-load-balancer-controller");
    r.get("ClusterRole", "aws-load-balancer-controller-role");
    r.get("Role", "aws-load-balancer-controller-leader-election-role");
  }

  @Test
  void everyWebhookAlbcServesIsRegisteredByDefaultAndEachCanBeSwitchedOff() {
    assertThat(Charts.template(EC2).webhooks()).containsOnlyKeys("mpod.elbv2.k8s.aws",
        "mtargetgroupbinding.elbv2.k8s.aws", "vingressclassparams.elbv2.k8s.aws", "vtargetgroupbinding.elbv2.k8s.aws",
        "vingress.elbv2.k8s.aws");
    Rendered none = Charts.template(sets("clusterName", "c", "webhooks.podMutator", false,
        "webhooks.targetGroupBindingMutator", false, "webhooks.targetGroupBindingValidator", false,
        "webhooks.ingressValidator", false, "webhooks.ingressClassParamsValidator", false));
    assertThat(none.webhooks()).isEmpty();
    assertThat(none.has("MutatingWebhookConfiguration")).isFalse();
    assertThat(none.has("ValidatingWebhookConfiguration")).isFalse();
    assertThat(Charts.template(sets("clusterName", "c", "webhooks.podMutator", false)).webhooks())
        .doesNotContainKey("mpod.elbv2.k8s.aws").containsKey("mtargetgroupbinding.elbv2.k8s.aws");
  }

  @Test
  void aWebhookUrlReplacesTheServiceForAControllerOutsideTheCluster() {
    Rendered r = Charts.template(sets("clusterName", "c", "webhookURL", "https://localhost:9443/"));
    JsonNode client = r.webhooks().get("vingress.elbv2.k8s.aws").path("clientConfig");
    assertThat(client.path("url").asText()).isEqualTo("https://localhost:9443/validate-networking-v1-ingress");
    assertThat(client.has("service")).isFalse();
    assertThat(client.path("caBundle").asText()).isNotEmpty();
  }

  @Test
  void eachServedWebhookHasTheReferenceNamePathAndFailurePolicy() {
    Rendered r = Charts.template(EC2);
    Map<String, JsonNode> w = r.webhooks();
    assertThat(w).containsOnlyKeys("mpod.elbv2.k8s.aws", "mtargetgroupbinding.elbv2.k8s.aws",
        "vingressclassparams.elbv2.k8s.aws", "vtargetgroupbinding.elbv2.k8s.aws", "vingress.elbv2.k8s.aws");
    Map<String, List<String>> expected = Map.of(
        "mpod.elbv2.k8s.aws", List.of("/mutate-v1-pod", "Ignore", "pods"),
        "mtargetgroupbinding.elbv2.k8s.aws",
        List.of("/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding", "Fail", "targetgroupbindings"),
        "vtargetgroupbinding.elbv2.k8s.aws",
        List.of("/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding", "Fail", "targetgroupbindings"),
        "vingress.elbv2.k8s.aws", List.of("/validate-networking-v1-ingress", "Fail", "ingresses"),
        "vingressclassparams.elbv2.k8s.aws",
        List.of("/validate-elbv2-k8s-aws-v1beta1-ingressclassparams", "Fail", "ingressclassparams"));
    String ca = r.get("Secret", "albc-tls").path("data").path("ca.crt").asText();
    expected.forEach((name, e) -> {
      JsonNode hook = w.get(name);
      assertThat(hook.path("clientConfig").path("service").path("path").asText()).as(name).isEqualTo(e.get(0));
      assertThat(hook.path("clientConfig").path("service").path("name").asText()).isEqualTo("albc-webhook-service");
      assertThat(hook.path("clientConfig").path("caBundle").asText()).as("the Secret's CA").isEqualTo(ca);
      assertThat(hook.path("failurePolicy").asText()).as(name).isEqualTo(e.get(1));
      assertThat(Charts.strings(hook.path("rules").path(0).path("resources"))).containsExactly(e.get(2));
      assertThat(hook.path("sideEffects").asText()).isEqualTo("None");
      assertThat(Charts.strings(hook.path("admissionReviewVersions"))).containsExactly("v1");
    });
    assertThat(w.get("mpod.elbv2.k8s.aws").path("namespaceSelector").toString()).isEqualTo(
        "{\"matchExpressions\":[{\"key\":\"elbv2.k8s.aws/pod-readiness-gate-inject\",\"operator\":\"In\","
            + "\"values\":[\"enabled\"]}]}");
    assertThat(w.get("vingress.elbv2.k8s.aws").path("matchPolicy").asText()).isEqualTo("Equivalent");
    // the controller's own pods are never sent to the pod webhook, nor the chart's own IngressClassParams
    String notSelf = "{\"key\":\"app.kubernetes.io/name\",\"operator\":\"NotIn\",\"values\":[\"albc\"]}";
    assertThat(w.get("mpod.elbv2.k8s.aws").path("objectSelector").path("matchExpressions").path(0).toString())
        .isEqualTo(notSelf);
    assertThat(w.get("vingressclassparams.elbv2.k8s.aws").path("objectSelector").path("matchExpressions").path(0)
        .toString()).isEqualTo(notSelf);
    assertThat(r.deployment().path("spec").path("template").path("metadata").path("labels")
        .path("app.kubernetes.io/name").asText()).isEqualTo("albc");
    assertThat(w.get("mtargetgroupbinding.elbv2.k8s.aws").has("namespaceSelector")).isFalse();
    assertThat(r.get("MutatingWebhookConfiguration", "albc-webhook")).isNotNull();
    assertThat(r.get("ValidatingWebhookConfiguration", "albc-webhook")).isNotNull();

    Rendered off = Charts.template(sets("clusterName", "c", "webhookConfig.disableIngressValidation", true));
    assertThat(off.webhooks()).doesNotContainKey("vingress.elbv2.k8s.aws").hasSize(4);
    Rendered policy = Charts.template(sets("clusterName", "c", "podMutatorWebhookConfig.failurePolicy", "Fail"));
    assertThat(policy.webhooks().get("mpod.elbv2.k8s.aws").path("failurePolicy").asText()).isEqualTo("Fail");
  }

  @Test
  void givenCertificatesAndCertManagerReplaceTheGeneratedOnes() {
    Rendered given = Charts.template(sets("clusterName", "c", "webhookTLS.caCert", "CA", "webhookTLS.cert", "CERT",
        "webhookTLS.key", "KEY"));
    JsonNode s = given.get("Secret", "albc-tls").path("data");
    assertThat(s.path("ca.crt").asText()).isEqualTo("Q0E=");
    assertThat(s.path("tls.crt").asText()).isEqualTo("Q0VSVA==");
    assertThat(s.path("tls.key").asText()).isEqualTo("S0VZ");

    Rendered cm = Charts.template(sets("clusterName", "c", "enableCertManager", true));
    assertThat(cm.ofKind("Secret")).isEmpty();
    assertThat(cm.get("Certificate", "albc-serving-cert").path("spec").path("secretName").asText()).isEqualTo("albc-tls");
    assertThat(cm.get("MutatingWebhookConfiguration", "albc-webhook").path("metadata").path("annotations")
        .path("cert-manager.io/inject-ca-from").asText()).isEqualTo("kube-system/albc-serving-cert");
    assertThat(cm.webhooks().get("mpod.elbv2.k8s.aws").path("clientConfig").has("caBundle")).isFalse();
    assertThat(cm.ofKind("Issuer")).hasSize(2);
  }

  @Test
  void serviceMonitorAndRulesConfigMaps() {
    Rendered r = Charts.template(sets("clusterName", "c", "serviceMonitor.enabled", true,
        "rules.configMaps[0]", "team-rules"));
    assertThat(r.get("ServiceMonitor", "aws-load-balancer-controller-albc").path("spec").path("endpoints").path(0)
        .path("port").asText()).isEqualTo("metrics-server");
    assertThat(r.get("Service", "aws-load-balancer-controller-albc").path("spec").path("ports").path(0).path("port")
        .asInt()).isEqualTo(8080);
    assertThat(r.deployment().path("spec").path("template").path("metadata").path("annotations")
        .has("prometheus.io/scrape")).isFalse();
    assertThat(r.args()).contains("--rules-dir=/etc/albc/rules/team-rules");
    assertThat(r.container().path("volumeMounts").toString()).contains("/etc/albc/rules/team-rules");
  }

  @Test
  void rbacIsLeastPrivilege() {
    Rendered r = Charts.template(EC2);
    JsonNode role = r.get("ClusterRole", "aws-load-balancer-controller-albc-role");
    java.util.Set<String> grants = new java.util.TreeSet<>();
    role.path("rules").forEach(rule -> rule.path("apiGroups").forEach(g -> rule.path("resources").forEach(res ->
        rule.path("verbs").forEach(v -> grants.add(g.asText() + "/" + res.asText() + ":" + v.asText())))));
    // exactly what albc's informers and writes use (docs/installation.md "RBAC")
    assertThat(grants).containsExactlyInAnyOrder(
        "networking.k8s.io/ingresses:get", "networking.k8s.io/ingresses:list", "networking.k8s.io/ingresses:watch", "networking.k8s.io/ingresses:patch",
        "networking.k8s.io/ingresses/status:patch",
        "networking.k8s.io/ingressclasses:list", "networking.k8s.io/ingressclasses:watch",
        "/services:list", "/services:watch",
        "/namespaces:get", "/namespaces:list", "/namespaces:watch",
        "elbv2.k8s.aws/ingressclassparams:list", "elbv2.k8s.aws/ingressclassparams:watch",
        "elbv2.k8s.aws/targetgroupbindings:get", "elbv2.k8s.aws/targetgroupbindings:list",
        "elbv2.k8s.aws/targetgroupbindings:watch", "elbv2.k8s.aws/targetgroupbindings:create",
        "elbv2.k8s.aws/targetgroupbindings:update", "elbv2.k8s.aws/targetgroupbindings:patch",
        "elbv2.k8s.aws/targetgroupbindings:delete", "elbv2.k8s.aws/targetgroupbindings/status:patch",
        "/nodes:list", "/nodes:watch", "/pods:list", "/pods:watch", "/pods/status:patch",
        "discovery.k8s.io/endpointslices:list", "discovery.k8s.io/endpointslices:watch",
        "/configmaps:get", "/configmaps:create", "/configmaps:update", "/configmaps:delete",
        "/events:create");
    assertThat(role.toString()).doesNotContain("gateway", "aga.k8s.aws", "secrets", "\"*\"");
    // as the reference's chart: Secrets (those auth-idp-oidc names, read and watched by name) only when allowed
    assertThat(Charts.template(sets("clusterName", "c", "clusterSecretsPermissions.allowAllSecrets", true))
        .get("ClusterRole", "aws-load-balancer-controller-albc-role").path("rules").toString())
        .contains("{\"apiGroups\":[\"\"],\"resources\":[\"secrets\"],\"verbs\":[\"get\",\"list\",\"watch\"]}");
    JsonNode leader = r.get("Role", "aws-load-balancer-controller-albc-leader-election-role");
    assertThat(leader.path("rules").toString()).isEqualTo("[{\"apiGroups\":[\"coordination.k8s.io\"],"
        + "\"resources\":[\"leases\"],\"verbs\":[\"create\"]},{\"apiGroups\":[\"coordination.k8s.io\"],"
        + "\"resources\":[\"leases\"],\"resourceNames\":[\"aws-load-balancer-controller-leader\"],"
        + "\"verbs\":[\"get\",\"update\"]}]");
    JsonNode rules = r.get("Role", "aws-load-balancer-controller-albc-rules-role");
    // the rule ConfigMaps watched; a version a reconcile hung in marked (patch), a --rules-dir file in the
    // record ConfigMap albc-rules-rejected (create, get: docs/controller.md "A rule that hangs")
    assertThat(rules.path("rules").toString()).isEqualTo("[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],"
        + "\"verbs\":[\"list\",\"watch\",\"patch\",\"create\"]},{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],"
        + "\"resourceNames\":[\"albc-rules-rejected\"],\"verbs\":[\"get\"]},{\"apiGroups\":[\"\"],"
        + "\"resources\":[\"events\"],\"verbs\":[\"create\"]}]");
    assertThat(r.get("RoleBinding", "aws-load-balancer-controller-albc-rules-rolebinding").path("roleRef")
        .path("name").asText()).isEqualTo("aws-load-balancer-controller-albc-rules-role");
    assertThat(Charts.template(sets("clusterName", "c", "rbac.create", false)).ofKind("ClusterRole")).isEmpty();
  }

  @Test
  void chartCrdsAreByteEqualToDeployCrds() throws Exception {
    Path chartCrds = Charts.CHART.resolve("crds");
    Path deployCrds = Path.of("deploy/crds");
    List<String> names;
    try (Stream<Path> s = Files.list(deployCrds)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> s = Files.list(chartCrds)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .as("the chart's crds/ holds deploy/crds/ (cp deploy/crds/*.yaml deploy/helm/albc/crds/)").isEqualTo(names);
    }
    for (String n : names) {
      assertThat(Files.readAllBytes(chartCrds.resolve(n))).as(n).isEqualTo(Files.readAllBytes(deployCrds.resolve(n)));
      JsonNode crd = Charts.objects(Files.readString(deployCrds.resolve(n))).get(0);
      crd.path("spec").path("versions").forEach(v -> assertThat(v.path("schema").path("openAPIV3Schema")
          .path("properties").has("spec")).as(n + " has an OpenAPI schema").isTrue());
    }
  }
}
