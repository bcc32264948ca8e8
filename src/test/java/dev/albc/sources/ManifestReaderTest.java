package dev.albc.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.IngressFact.BackendFact;
import dev.albc.facts.LabelSelectorFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.ServiceFact.PortFact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

  static final Path MANIFESTS = Path.of("src/test/resources/sources/manifests");

  final ManifestReader reader = new ManifestReader();

  // ---------------------------------------------------------------- reading a folder

  @Test
  void readsAFolderRecursivelyIntoSortedFacts() {
    ManifestReader.Result r = reader.load(List.of(MANIFESTS));
    ClusterFacts f = r.facts();

    assertThat(f.ingresses()).extracting(IngressFact::key).containsExactly("team-a/web", "team-b/api");
    assertThat(f.services()).extracting(ServiceFact::key)
        .containsExactly("team-a/web", "team-b/api", "team-b/metrics");
    assertThat(f.ingressClasses()).extracting(IngressClassFact::name).containsExactly("alb", "nginx");
    assertThat(f.ingressClassParams()).extracting(IngressClassParamsFact::name).containsExactly("alb-params");
    assertThat(f.namespaces()).extracting(NamespaceFact::name).containsExactly("team-a", "team-b");
    assertThat(r.skipped()).containsExactly("Deployment team-a/web", "ConfigMap team-a/web-config");
  }

  @Test
  void mapsAnIngress() {
    IngressFact web = reader.read(MANIFESTS).ingresses().get(0);

    assertThat(web.namespace()).isEqualTo("team-a");
    assertThat(web.name()).isEqualTo("web");
    assertThat(web.uid()).isEqualTo("7d5c8a4e-0000-4000-8000-000000000001");
    assertThat(web.ingressClassName()).isEqualTo("alb");
    assertThat(web.annotations())
        .containsEntry("alb.ingress.kubernetes.io/scheme", "internet-facing")
        .containsEntry("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]")
        // `key:` with no value is the empty string, as the API server reads it
        .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", "");
    assertThat(web.labels()).isEqualTo(Map.of("app", "web"));
    assertThat(web.finalizers()).containsExactly("group.ingress.k8s.aws/shared");
    assertThat(web.deleting()).isFalse();
    assertThat(web.defaultBackend()).isEqualTo(new BackendFact("web", "http", null, null));
    assertThat(web.tls()).containsExactly(new IngressFact.TlsFact(List.of("www.example.com"), "unused"));

    assertThat(web.rules()).hasSize(2);
    IngressFact.RuleFact first = web.rules().get(0);
    assertThat(first.host()).isEqualTo("www.example.com");
    assertThat(first.paths()).containsExactly(
        new IngressFact.PathFact("/", "Prefix", new BackendFact("web", null, 80, null)),
        new IngressFact.PathFact("/static", "Exact", new BackendFact(null, null, null, "StorageBucket")));
    IngressFact.RuleFact second = web.rules().get(1);
    assertThat(second.host()).isNull();
    assertThat(second.paths()).containsExactly(
        new IngressFact.PathFact("/health", "ImplementationSpecific", new BackendFact("web", "http", null, null)));
  }

  @Test
  void deletionTimestampMeansDeleting() {
    IngressFact api = reader.read(MANIFESTS).ingresses().get(1);
    assertThat(api.key()).isEqualTo("team-b/api");
    assertThat(api.deleting()).isTrue();
    assertThat(api.ingressClassName()).isNull();
    assertThat(api.defaultBackend()).isNull();
    assertThat(api.uid()).isEmpty();
  }

  @Test
  void mapsServicesWithPortsAndNodePorts() {
    List<ServiceFact> services = reader.read(MANIFESTS).services();

    ServiceFact web = services.get(0);
    assertThat(web.type()).isEqualTo("NodePort");
    assertThat(web.selector()).isEqualTo(Map.of("app", "web"));
    assertThat(web.ipFamilies()).containsExactly("IPv4");
    assertThat(web.annotations()).containsEntry("alb.ingress.kubernetes.io/target-type", "instance");
    assertThat(web.ports()).containsExactly(
        new PortFact("http", 80, "TCP", "http", 30080),
        new PortFact("metrics", 9090, "TCP", "9090", null));

    ServiceFact api = services.get(1);
    assertThat(api.type()).isEqualTo("ClusterIP");
    // no targetPort, no nodePort, no protocol: null, null, and TCP as the API server defaults it
    assertThat(api.ports()).containsExactly(new PortFact(null, 8080, "TCP", null, null));

    ServiceFact metrics = services.get(2); // from a .json file
    assertThat(metrics.uid()).isEqualTo("0f0f0f0f-0000-4000-8000-000000000002");
    assertThat(metrics.ports()).containsExactly(new PortFact("prom", 9100, "UDP", "9100", null));
  }

  @Test
  void mapsIngressClasses() {
    List<IngressClassFact> classes = reader.read(MANIFESTS).ingressClasses();
    assertThat(classes).containsExactly(
        new IngressClassFact("alb", "ingress.k8s.aws/alb", true, "elbv2.k8s.aws", "IngressClassParams", "alb-params"),
        new IngressClassFact("nginx", "k8s.io/ingress-nginx", false, null, null, null));
  }

  @Test
  void isDefaultClassMustBeExactlyTrue() {
    ClusterFacts f = reader.readText("c.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: alb
          annotations:
            ingressclass.kubernetes.io/is-default-class: "True"
        spec:
          controller: ingress.k8s.aws/alb
        """);
    assertThat(f.ingressClasses().get(0).isDefault()).isFalse();
  }

  @Test
  void mapsIngressClassParams() {
    IngressClassParamsFact p = reader.read(MANIFESTS).ingressClassParams().get(0);

    assertThat(p.namespaceSelector()).isEqualTo(new LabelSelectorFact(
        Map.of("env", "prod"),
        List.of(new LabelSelectorFact.Requirement("team", "In", List.of("a", "b")))));
    assertThat(p.groupName()).isEqualTo("shared");
    assertThat(p.scheme()).isEqualTo("internet-facing");
    assertThat(p.ipAddressType()).isEqualTo("dualstack");
    assertThat(p.loadBalancerName()).isNull();
    assertThat(p.subnetIds()).isNull();
    assertThat(p.subnetTags()).isEqualTo(Map.of("kubernetes.io/role/elb", List.of("1", "")));
    assertThat(p.certificateArn()).containsExactly(
        "arn:aws:acm:us-east-1:111122223333:certificate/0a0a0a0a-1111-2222-3333-444444444444");
    assertThat(p.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    assertThat(p.sslRedirectPort()).isEqualTo("443");
    assertThat(p.inboundCIDRs()).containsExactly("10.0.0.0/8");
    assertThat(p.prefixListsIDs()).containsExactly("pl-00000000"); // legacy spelling PrefixListsIDs
    assertThat(p.tags()).containsExactly(Map.entry("team", "platform"), Map.entry("cost-center", "1234"));
    assertThat(p.targetType()).isEqualTo("ip");
    assertThat(p.loadBalancerAttributes()).isEqualTo(Map.of("idle_timeout.timeout_seconds", "120"));
    assertThat(p.wafv2AclArn()).isEqualTo("arn:aws:wafv2:us-east-1:111122223333:regional/webacl/demo/0123");
  }

  @Test
  void ingressClassParamsFieldsLeftOutAreNullAndEmptyOnesAreEmpty() {
    ClusterFacts f = reader.readText("icp.yaml", """
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: IngressClassParams
        metadata: {name: bare}
        ---
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: IngressClassParams
        metadata: {name: empties}
        spec:
          namespaceSelector: {}
          tags: []
          prefixListsIDs: []
          subnets: {ids: [subnet-0a1111111111111aa]}
        """);
    IngressClassParamsFact bare = f.ingressClassParams().get(0);
    assertThat(bare).isEqualTo(new IngressClassParamsFact(
        "bare", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    IngressClassParamsFact empties = f.ingressClassParams().get(1);
    assertThat(empties.name()).isEqualTo("empties");
    assertThat(empties.namespaceSelector()).isEqualTo(new LabelSelectorFact(Map.of(), List.of()));
    assertThat(empties.namespaceSelector().matches(Map.of("any", "thing"))).isTrue();
    assertThat(empties.tags()).isEmpty();
    assertThat(empties.prefixListsIDs()).isEmpty();
    assertThat(empties.subnetIds()).containsExactly("subnet-0a1111111111111aa");
    assertThat(empties.subnetTags()).isNull();
  }

  @Test
  void declaredNamespacesGetTheNameLabelAndIngressNamespacesAlwaysExist() {
    List<NamespaceFact> ns = reader.read(MANIFESTS).namespaces();
    assertThat(ns).containsExactly(
        new NamespaceFact("team-a", Map.of("team", "a", "env", "prod", "kubernetes.io/metadata.name", "team-a")),
        new NamespaceFact("team-b", Map.of("kubernetes.io/metadata.name", "team-b")));
  }

  @Test
  void objectsWithoutANamespaceAreInTheDefaultNamespace() {
    String text = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web}
        spec: {}
        """;
    assertThat(reader.readText("i.yaml", text).ingresses().get(0).key()).isEqualTo("default/web");
    ClusterFacts other = new ManifestReader("apps").readText("i.yaml", text);
    assertThat(other.ingresses().get(0).key()).isEqualTo("apps/web");
    assertThat(other.namespaces()).containsExactly(
        new NamespaceFact("apps", Map.of("kubernetes.io/metadata.name", "apps")));
  }

  @Test
  void filesAreReadInPathOrderAndOnlyManifestExtensions(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("b/z.yaml"), cm("z"));
    Files.writeString(dir.resolve("a.yml"), cm("a"));
    Files.writeString(dir.resolve("c.json"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
    Files.writeString(dir.resolve("d.txt"), "not: [yaml");
    assertThat(reader.load(List.of(dir)).skipped())
        .containsExactly("ConfigMap a", "ConfigMap z", "ConfigMap c");
    // an explicitly named file is read whatever its extension
    assertThatThrownBy(() -> reader.read(dir.resolve("d.txt")))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(dir.resolve("d.txt") + " document 1: invalid YAML at line 1");
  }

  @Test
  void errorsInFoldersNameTheFile(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("team/app"));
    Files.writeString(dir.resolve("a.yaml"), cm("fine"));
    Path bad = dir.resolve("team/app/ing.yaml");
    Files.writeString(bad, cm("x") + "---\n" + INGRESS_HEAD + "spec: {ingressClass: alb}\n");
    assertThatThrownBy(() -> reader.read(dir))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(bad + " document 2 (Ingress team-a/web): spec: unknown field \"ingressClass\"");
  }

  @Test
  void aFileReachedTwiceIsReadOnce() {
    ManifestReader.Result twice = reader.load(List.of(MANIFESTS, MANIFESTS.resolve("classes.yaml")));
    assertThat(twice.facts()).isEqualTo(reader.read(MANIFESTS));
  }

  @Test
  void yaml11ScalarsAreTypedAsKubernetesReadsThem() {
    // `yes` is a boolean in YAML 1.1 (and for kubectl), so an unquoted annotation value is rejected
    assertThatThrownBy(() -> reader.readText("ing.yaml", INGRESS_HEAD.replace(
            "  namespace: team-a\n",
            "  namespace: team-a\n  annotations: {alb.ingress.kubernetes.io/ssl-redirect: yes}\n")))
        .hasMessageEndingWith("metadata.annotations[\"alb.ingress.kubernetes.io/ssl-redirect\"]: expected a"
            + " string, got a boolean (true) (quote the value to make it a string)");
    assertThatThrownBy(() -> reader.readText("svc.yaml",
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: .inf}]}\n"))
        .isInstanceOf(InputException.class)
        .hasMessage("svc.yaml document 1: invalid YAML at line 4, column 27: Malformed numeric value '.inf'");
  }

  @Test
  void missingPathIsAnInputError() {
    Path p = Path.of("src/test/resources/sources/nope.yaml");
    assertThatThrownBy(() -> reader.read(p))
        .isInstanceOf(InputException.class)
        .hasMessage(p + ": no such file or folder");
  }

  // ---------------------------------------------------------------- documents

  @Test
  void emptyAndCommentOnlyDocumentsAreSkippedButCounted() {
    String text = """
        ---
        # nothing here
        ---
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: s}
        spec:
          ports: [{port: "80"}]
        """;
    assertThatThrownBy(() -> reader.readText("docs.yaml", text))
        .hasMessage("docs.yaml document 3 (Service default/s): spec.ports[0].port: expected an integer,"
            + " got a string (\"80\")");
    assertThat(reader.readText("empty.yaml", "").ingresses()).isEmpty();
    assertThat(reader.readText("empty.yaml", "---\n---\n# only comments\n")).isEqualTo(ClusterFacts.empty());
  }

  @Test
  void listsAreExpanded() {
    String text = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: x}
            spec: {ports: [{port: 80}]}
          - apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: x}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressList
        metadata: {resourceVersion: "12"}
        items:
          - metadata: {name: i, namespace: x}
            spec: {}
        """;
    ManifestReader.Result r = reader.load(List.of(new InputText("list.yaml", text)));
    assertThat(r.facts().services()).extracting(ServiceFact::key).containsExactly("x/a");
    assertThat(r.facts().ingresses()).extracting(IngressFact::key).containsExactly("x/i");
    assertThat(r.skipped()).containsExactly("Deployment x/d");
  }

  @Test
  void errorsInsideListsNameTheItem() {
    String text = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: a}
          - apiVersion: v1
            kind: Service
            metadata: {name: b}
            spec: {portz: []}
        """;
    assertThatThrownBy(() -> reader.readText("list.yaml", text))
        .hasMessage("list.yaml document 1 item 2 (Service default/b): spec: unknown field \"portz\""
            + " (did you mean \"ports\"?); expected one of: allocateLoadBalancerNodePorts, clusterIP,"
            + " clusterIPs, externalIPs, externalName, externalTrafficPolicy, healthCheckNodePort,"
            + " internalTrafficPolicy, ipFamilies, ipFamilyPolicy, loadBalancerClass, loadBalancerIP,"
            + " loadBalancerSourceRanges, ports, publishNotReadyAddresses, selector, sessionAffinity,"
            + " sessionAffinityConfig, trafficDistribution, type");
  }

  @Test
  void yamlAnchorsAliasesAndMergeKeysAreResolved() {
    String text = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations: &common
            alb.ingress.kubernetes.io/scheme: internal
            alb.ingress.kubernetes.io/group.name: g
          labels:
            <<: *common
            extra: "yes"
        spec:
          rules:
            - http:
                paths:
                  - path: /a
                    pathType: Prefix
                    backend: &be {service: {name: s, port: {number: 80}}}
                  - path: /b
                    pathType: Prefix
                    backend: *be
        """;
    IngressFact i = reader.readText("a.yaml", text).ingresses().get(0);
    assertThat(i.labels()).isEqualTo(Map.of(
        "alb.ingress.kubernetes.io/scheme", "internal", "alb.ingress.kubernetes.io/group.name", "g",
        "extra", "yes"));
    assertThat(i.rules().get(0).paths()).extracting(IngressFact.PathFact::backend)
        .containsOnly(new BackendFact("s", null, 80, null));
  }

  @Test
  void jsonFilesMayHoldSeveralObjects() {
    String text = """
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b", "labels": {"x": "1"}}}
        """;
    assertThat(reader.readText("ns.json", text).namespaces()).containsExactly(
        new NamespaceFact("a", Map.of("kubernetes.io/metadata.name", "a")),
        new NamespaceFact("b", Map.of("x", "1", "kubernetes.io/metadata.name", "b")));
  }

  @Test
  void kubectlOutputWithStatusAndManagedFieldsIsRead() {
    String text = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: team-a
          creationTimestamp: "2025-01-02T03:04:05Z"
          generation: 3
          resourceVersion: "123456"
          uid: 11111111-2222-3333-4444-555555555555
          managedFields:
            - apiVersion: networking.k8s.io/v1
              fieldsType: FieldsV1
              fieldsV1: {"f:spec": {"f:rules": {}}}
              manager: kubectl-client-side-apply
              operation: Update
              time: "2025-01-02T03:04:05Z"
        spec:
          ingressClassName: alb
        status:
          loadBalancer:
            ingress:
              - hostname: k8s-teama-web-0123456789-1234567890.us-east-1.elb.amazonaws.com
        """;
    IngressFact i = reader.readText("get.yaml", text).ingresses().get(0);
    assertThat(i.uid()).isEqualTo("11111111-2222-3333-4444-555555555555");
  }

  @Test
  void otherGroupsKindsOfTheSameNameAreSkipped() {
    String text = """
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: hello, namespace: kn}
        spec: {template: {spec: {containers: [{image: x}]}}}
        ---
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: TargetGroupBinding
        metadata: {name: tgb, namespace: kn}
        spec: {}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        """;
    ManifestReader.Result r = reader.load(List.of(new InputText("other.yaml", text)));
    assertThat(r.facts()).isEqualTo(ClusterFacts.empty());
    assertThat(r.skipped()).containsExactly("Service kn/hello", "TargetGroupBinding kn/tgb", "ClusterRole reader");
  }

  // ---------------------------------------------------------------- determinism

  @Test
  void shuffledDocumentsGiveEqualFacts() throws Exception {
    List<String> docs = new ArrayList<>();
    for (InputText in : InputText.read(List.of(MANIFESTS), InputText.MANIFEST_EXTENSIONS)) {
      if (in.isJson()) {
        docs.add(in.text());
        continue;
      }
      for (String d : in.text().split("(?m)^---\\s*$")) {
        if (!d.isBlank()) {
          docs.add(d);
        }
      }
    }
    ClusterFacts expected = reader.read(MANIFESTS);
    Random random = new Random(42);
    for (int round = 0; round < 5; round++) {
      List<String> shuffled = new ArrayList<>(docs);
      Collections.shuffle(shuffled, random);
      List<InputText> inputs = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        inputs.add(new InputText("doc" + i + ".yaml", shuffled.get(i)));
      }
      ClusterFacts got = reader.load(inputs).facts();
      assertThat(got).isEqualTo(expected);
      assertThat(got.toString()).isEqualTo(expected.toString());
    }
    // and one multi-document text in reverse order
    List<String> reversed = new ArrayList<>(docs);
    Collections.reverse(reversed);
    assertThat(reader.readText("all.yaml", String.join("\n---\n", reversed))).isEqualTo(expected);
  }

  @Test
  void factListsAreImmutable() {
    ClusterFacts f = reader.read(MANIFESTS);
    assertThatThrownBy(() -> f.ingresses().clear()).isInstanceOf(UnsupportedOperationException.class);
    IngressClassParamsFact p = f.ingressClassParams().get(0);
    assertThatThrownBy(() -> p.certificateArn().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.tags().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.subnetTags().get("kubernetes.io/role/elb").clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- errors

  static final String INGRESS_HEAD = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        namespace: team-a
      """;

  static String ingressWithPath(String pathYaml) {
    return INGRESS_HEAD + """
        spec:
          rules:
            - http:
                paths:
                  - %s
        """.formatted(pathYaml.replace("\n", "\n            "));
  }

  @Test
  void unknownFieldNamesFileDocumentObjectAndPath() {
    String text = cm("first") + "---\n" + ingressWithPath("""
        path: /
        pathType: Prefix
        foo: bar
        backend: {service: {name: s, port: {number: 80}}}""");
    assertThatThrownBy(() -> reader.readText("examples/x/ing.yaml", text))
        .isInstanceOf(InputException.class)
        .hasMessage("examples/x/ing.yaml document 2 (Ingress team-a/web): spec.rules[0].http.paths[0]:"
            + " unknown field \"foo\"; expected one of: backend, path, pathType");
  }

  @Test
  void misspelledFieldGetsASuggestion() {
    String text = ingressWithPath("""
        path: /
        pathtype: Prefix
        backend: {service: {name: s, port: {number: 80}}}""");
    assertThatThrownBy(() -> reader.readText("ing.yaml", text))
        .hasMessageContaining("spec.rules[0].http.paths[0]: unknown field \"pathtype\" (did you mean \"pathType\"?)");
  }

  @Test
  void missingRequiredField() {
    String text = ingressWithPath("path: /\npathType: Prefix");
    assertThatThrownBy(() -> reader.readText("ing.yaml", text))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web): spec.rules[0].http.paths[0]:"
            + " missing required field \"backend\"");
  }

  @Test
  void wrongTypes() {
    assertThatThrownBy(() -> reader.readText("ing.yaml", INGRESS_HEAD.replace(
            "  namespace: team-a\n",
            "  namespace: team-a\n  annotations:\n    alb.ingress.kubernetes.io/healthcheck-port: 8080\n")))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web):"
            + " metadata.annotations[\"alb.ingress.kubernetes.io/healthcheck-port\"]: expected a string,"
            + " got a number (8080) (quote the value to make it a string)");
    assertThatThrownBy(() -> reader.readText("ing.yaml", INGRESS_HEAD + "spec:\n  rules: oops\n"))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web): spec.rules: expected a list, got a string (\"oops\")");
    assertThatThrownBy(() -> reader.readText("ing.yaml", ingressWithPath("""
        path: /
        pathType: Prefix
        backend: {service: {name: s, port: {number: http}}}""")))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web):"
            + " spec.rules[0].http.paths[0].backend.service.port.number: expected an integer, got a string (\"http\")");
    assertThatThrownBy(() -> reader.readText("svc.yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: s}
        spec: {ports: [{port: 80, targetPort: true}]}
        """))
        .hasMessage("svc.yaml document 1 (Service default/s): spec.ports[0].targetPort:"
            + " expected an integer or a string, got a boolean (true)");
    assertThatThrownBy(() -> reader.readText("ing.yaml", INGRESS_HEAD + "  deletionTimestamp: yesterday\n"))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web): metadata.deletionTimestamp:"
            + " expected an RFC 3339 timestamp (e.g. 2024-01-31T12:00:00Z), got a string (\"yesterday\")");
    assertThatThrownBy(() -> reader.readText("ing.yaml", INGRESS_HEAD + "spec:\n  rules: [null]\n"))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web): spec.rules[0]: expected a mapping, got null");
  }

  @Test
  void unknownTopLevelField() {
    assertThatThrownBy(() -> reader.readText("ing.yaml", INGRESS_HEAD + "sepc: {}\n"))
        .hasMessage("ing.yaml document 1 (Ingress team-a/web): unknown field \"sepc\" (did you mean \"spec\"?);"
            + " expected one of: apiVersion, kind, metadata, spec, status");
  }

  @Test
  void invalidYamlNamesTheDocumentAndLine() {
    String text = cm("a") + "---\n" + cm("b") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: [c\n";
    assertThatThrownBy(() -> reader.readText("bad.yaml", text))
        .isInstanceOf(InputException.class)
        .hasMessage("bad.yaml document 3: invalid YAML at line 14, column 1: expected ',' or ']', but got"
            + " <stream end> (while parsing a flow sequence started at line 13)");
    assertThatThrownBy(() -> reader.readText("bad.yaml", "a: 1\n  b: 2\n"))
        .hasMessage("bad.yaml document 1: invalid YAML at line 2, column 4: mapping values are not allowed here");
    assertThatThrownBy(() -> reader.readText("bad.json", "{\"apiVersion\": \"v1\",}"))
        .hasMessageStartingWith("bad.json document 1: invalid JSON at line 1, column ");
  }

  @Test
  void duplicateKeysAreRejected() {
    String text = cm("a") + "---\napiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: b}\n";
    assertThatThrownBy(() -> reader.readText("dup.yaml", text))
        .hasMessage("dup.yaml document 2: invalid YAML at line 8, column 5: Duplicate field 'kind'");
  }

  @Test
  void missingApiVersionKindOrName() {
    assertThatThrownBy(() -> reader.readText("m.yaml", cm("a") + "---\nkind: Service\nmetadata: {name: s}\n"))
        .hasMessage("m.yaml document 2: missing \"apiVersion\"");
    assertThatThrownBy(() -> reader.readText("m.yaml", "apiVersion: v1\nmetadata: {name: s}\n"))
        .hasMessage("m.yaml document 1: missing \"kind\"");
    assertThatThrownBy(() -> reader.readText("m.yaml", "apiVersion: v1\nkind: Service\nspec: {}\n"))
        .hasMessage("m.yaml document 1 (Service): missing metadata.name");
    assertThatThrownBy(() -> reader.readText("m.yaml", "apiVersion: v1\nkind: Service\nmetadata: {namespace: x}\n"))
        .hasMessage("m.yaml document 1 (Service): missing metadata.name");
    assertThatThrownBy(() -> reader.readText("m.yaml", "apiVersion: 1\nkind: Service\n"))
        .hasMessage("m.yaml document 1: apiVersion: expected a non-empty string, got a number (1)");
    assertThatThrownBy(() -> reader.readText("m.yaml", "- a\n- b\n"))
        .hasMessage("m.yaml document 1: expected a Kubernetes object (a mapping with apiVersion, kind and"
            + " metadata), got a list");
  }

  @Test
  void duplicateObjectsNameBothPlaces() {
    String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\n";
    List<InputText> in = List.of(new InputText("one.yaml", svc), new InputText("two.yaml", cm("x") + "---\n" + svc));
    assertThatThrownBy(() -> reader.load(in))
        .hasMessage("two.yaml document 2 (Service a/s): duplicate object; already defined in one.yaml document 1");
    // same name, different kinds or namespaces: fine
    String more = svc + "---\n" + svc.replace("namespace: a", "namespace: b")
        + "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: s, namespace: a}\n";
    assertThat(reader.readText("ok.yaml", more).services()).hasSize(2);
  }

  @Test
  void removedApiVersionsAreErrors() {
    String text = """
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata: {name: old, namespace: a}
        spec: {backend: {serviceName: s, servicePort: 80}}
        """;
    assertThatThrownBy(() -> reader.readText("old.yaml", text))
        .hasMessage("old.yaml document 1 (Ingress a/old): apiVersion networking.k8s.io/v1beta1 is not"
            + " supported for Ingress; expected networking.k8s.io/v1");
    assertThatThrownBy(() -> reader.readText("old.yaml", text.replace("networking.k8s.io/v1beta1", "extensions/v1beta1")))
        .hasMessageContaining("apiVersion extensions/v1beta1 is not supported for Ingress");
    assertThatThrownBy(() -> reader.readText("icp.yaml",
            "apiVersion: elbv2.k8s.aws/v1alpha1\nkind: IngressClassParams\nmetadata: {name: p}\n"))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): apiVersion elbv2.k8s.aws/v1alpha1 is not"
            + " supported for IngressClassParams; expected elbv2.k8s.aws/v1beta1");
  }

  // ---------------------------------------------------------------- IngressClassParams errors

  static String icp(String spec) {
    return "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata: {name: p}\nspec:\n"
        + spec.indent(2);
  }

  @Test
  void ingressClassParamsUnknownField() {
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("sheme: internal")))
        .hasMessageStartingWith("icp.yaml document 1 (IngressClassParams p): spec: unknown field \"sheme\""
            + " (did you mean \"scheme\"?); expected one of: ")
        .hasMessageContaining("PrefixListsIDs, certificateArn,");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("group: {name: g, weight: 1}")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.group: unknown field \"weight\";"
            + " expected one of: name");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("scheme: internal") + "status: {}\n"))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): unknown field \"status\";"
            + " expected one of: apiVersion, kind, metadata, spec");
  }

  @Test
  void ingressClassParamsWrongTypes() {
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("sslRedirectPort: 443")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.sslRedirectPort: expected a string,"
            + " got a number (443)");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("certificateArn: arn:aws:acm:x")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.certificateArn: expected a list,"
            + " got a string (\"arn:aws:acm:x\")");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("tags:\n  - {key: a, value: 1}")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.tags[0].value: expected a string,"
            + " got a number (1)");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("inboundCIDRs: [10.0.0.0/8, null]")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.inboundCIDRs[1]: expected a string, got null");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("minimumLoadBalancerCapacity: {capacityUnits: \"100\"}")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.minimumLoadBalancerCapacity.capacityUnits:"
            + " expected an integer, got a string (\"100\")");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("subnets:\n  tags: {kubernetes.io/role/elb: \"1\"}")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.subnets.tags[\"kubernetes.io/role/elb\"]:"
            + " expected a list, got a string (\"1\")");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("group: shared")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.group: expected a mapping, got a string (\"shared\")");
  }

  @Test
  void ingressClassParamsRequiredFieldsAndOneOf() {
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("tags:\n  - {key: team}")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.tags[0]: missing required field \"value\"");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("group: {}")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.group: missing required field \"name\"");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("namespaceSelector:\n  matchExpressions: [{key: a}]")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.namespaceSelector.matchExpressions[0]:"
            + " missing required field \"operator\"");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("loadBalancerAttributes: [{value: x}]")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec.loadBalancerAttributes[0]:"
            + " missing required field \"key\"");
    assertThatThrownBy(() -> reader.readText("icp.yaml", icp("prefixListsIDs: [pl-1]\nPrefixListsIDs: [pl-2]")))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): spec: prefixListsIDs and PrefixListsIDs are"
            + " both set; expected only one of them (PrefixListsIDs is the legacy spelling)");
    assertThatThrownBy(() -> reader.readText("icp.yaml",
            "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata: {name: p, labels: {a: [1]}}\n"))
        .hasMessage("icp.yaml document 1 (IngressClassParams p): metadata.labels.a: expected a string, got a list");
  }

  @Test
  void nothingPartialIsReturnedOnError() {
    ManifestReader fresh = new ManifestReader();
    String good = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";
    assertThatThrownBy(() -> fresh.load(List.of(new InputText("good.yaml", good), new InputText("bad.yaml", "kind: [\n"))))
        .isInstanceOf(InputException.class);
    // the reader keeps no state between calls
    assertThat(fresh.readText("good.yaml", good).namespaces()).hasSize(1);
  }

  static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }
}
