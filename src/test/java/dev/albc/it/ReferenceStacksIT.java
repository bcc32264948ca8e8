package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.aws.AwsSession;
import dev.albc.changes.LiveChanges;
import dev.albc.executor.KubeBindings;
import dev.albc.executor.LiveFixture;
import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.live.LiveGroups;
import dev.albc.live.LiveRun;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.facts.ServiceFact;
import dev.albc.sources.ClusterReader;
import dev.albc.testinfra.AwsSeed;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.Kube;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.Yaml;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Drop-in, proven against the reference controller's own stacks (issue 9): the emulator holds
 * exactly what the reference v3.5 created for an example (src/test/resources/reference-stacks), the
 * API server holds the example's objects and the reference's TargetGroupBindings; albc's plan against
 * them has no change, and apply makes no AWS write call.
 */
@IntegrationTest
class ReferenceStacksIT {
  static final String CLUSTER = "demo";

  @Test
  void theReferencesHashGivesTheStacksTargetGroupNamesFromTheManifestUids() throws Exception {
    for (String example : List.of("quickstart", "ingress-group", "https")) {
      JsonNode stack = ReferenceStackSeed.load(example);
      ReferenceStackSeed seed = new ReferenceStackSeed(stack);
      Map<String, String> uids = new HashMap<>();
      for (Object o : manifests(example)) {
        if (o instanceof V1Service s) {
          uids.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s.getMetadata().getUid());
        }
      }
      for (JsonNode b : stack.path("kubernetes").path("targetGroupBindings")) {
        String svc = b.path("namespace").asText() + "/" + b.path("spec").path("serviceRef").path("name").asText();
        assertThat(seed.targetGroupName(b, uids.get(svc))).as(example + " " + svc).isEqualTo(b.path("name").asText());
      }
    }
  }

  @Test
  void quickstart(ItContext it) throws Exception {
    dropIn(it, "quickstart", "demo/shop", "demo");
  }

  @Test
  void ingressGroup(ItContext it) throws Exception {
    dropIn(it, "ingress-group", "shared-web", null);
  }

  @Test
  void https(ItContext it) throws Exception {
    dropIn(it, "https", "shop/storefront", "shop");
  }

  /**
   * albc's own calls for the three examples on an empty account with the cluster connected (the
   * reference's counterparts are the stacks' {@code calls}): a first creation, then a no-op
   * reconcile; printed for docs/benchmarks.md. The no-op writes nothing.
   */
  @Test
  void albcsCallsForTheExamplesOnAnEmptyAccount(ItContext it) throws Exception {
    for (String example : List.of("quickstart", "ingress-group", "https")) {
      it.resetAws();
      JsonNode stack = ReferenceStackSeed.load(example);
      AwsSeed.EksNetwork network = it.seedAws().eksNetwork(CLUSTER, 2);
      if (example.equals("https")) {
        it.seedAws().importCertificate("*.shop.example.com", "shop.example.com");
      }
      // the examples' namespaces and node ports differ: their objects can stay until the end
      Set<String> namespaces = seedKube(it, example, stack, new ReferenceStackSeed(stack));
      ControllerSettings settings = new ControllerSettings(CLUSTER, network.vpcId(), it.settings().region(), null,
          null, null, null, null, null, true, null, true, true);
      try (AwsSession aws = LiveFixture.session(it)) {
        aws.calls().reset();
        LiveRun first = live(it, aws, settings, namespaces).reconcileAll();
        assertThat(first.failures()).isEmpty();
        System.out.println("albc create, " + example + ": " + aws.calls().snapshot());
        aws.calls().reset();
        LiveRun again = live(it, aws, settings, namespaces).reconcileAll();
        assertThat(again.changes().changeCount()).as("%s", again.changes().table()).isZero();
        assertThat(aws.calls().writeCalls()).isEmpty();
        System.out.println("albc no-op, " + example + ": " + aws.calls().snapshot());
        // the examples' namespaces are shared with the drop-in tests: remove the bindings albc wrote
        var cleanup = live(it, aws, settings, namespaces);
        assertThat(cleanup.delete(new java.util.ArrayList<>(cleanup.groupIds()), false))
            .allSatisfy(g -> assertThat(g.failed()).isFalse());
      }
    }
  }

  /**
   * @param watchNamespace the one namespace of the example, for the command-line run (null: the
   *     example spans namespaces and is checked through the same reconciler the commands use)
   */
  void dropIn(ItContext it, String example, String groupId, String watchNamespace) throws Exception {
    JsonNode stack = ReferenceStackSeed.load(example);
    ReferenceStackSeed seed = new ReferenceStackSeed(stack);
    AwsSeed.EksNetwork network = it.seedAws().eksNetwork(CLUSTER, 2);
    if (example.equals("https")) {
      // the reference found this certificate in ACM by host; the emulator's has another ARN
      String arn = it.seedAws().importCertificate("*.shop.example.com", "shop.example.com");
      stack.path("listeners").forEach(l -> l.path("ListenerCertificates")
          .forEach(c -> seed.ids.put(c.path("CertificateArn").asText(), arn)));
    }
    Set<String> namespaces = seedKube(it, example, stack, seed);
    seed.seedAws(it, network);
    seedBindings(it, stack, seed);

    ControllerSettings settings = new ControllerSettings(CLUSTER, network.vpcId(), it.settings().region(), null, null,
        null, null, null, null, true, null, true, true);
    try (AwsSession aws = LiveFixture.session(it)) {
      aws.calls().reset();
      LiveChanges plan = live(it, aws, settings, namespaces).planAll().changes();
      System.out.println("albc plan --live, " + example + ":\n" + plan.table());
      assertThat(plan.groups()).singleElement().satisfies(g -> {
        assertThat(g.id()).isEqualTo(groupId);
        assertThat(g.errors()).isEmpty();
        assertThat(g.changes()).as("changes against the reference's %s stack", example).isEmpty();
      });
      assertThat(aws.calls().writes()).as("AWS writes of plan --live").isZero();
      System.out.println("albc plan --live, " + example + ": " + aws.calls().snapshot());

      aws.calls().reset();
      LiveRun applied = live(it, aws, settings, namespaces).reconcileAll();
      assertThat(applied.failures()).isEmpty();
      assertThat(applied.changes().changeCount()).as("%s", applied.changes().table()).isZero();
      assertThat(aws.calls().writeCalls()).as("AWS writes of apply").isEmpty();
      System.out.println("albc apply, " + example + ": " + aws.calls().snapshot());
    }

    if (watchNamespace != null) {
      // the same as a user runs it
      for (String cmd : List.of("plan", "apply")) {
        List<String> args = new ArrayList<>(List.of(cmd));
        if (cmd.equals("plan")) {
          args.add("--live");
        }
        args.addAll(List.of("--cluster-name", CLUSTER, "--aws-vpc-id", network.vpcId(), "--aws-region",
            it.settings().region(), "--aws-endpoint-url", it.settings().awsEndpoint().orElseThrow().toString(),
            "--kubeconfig", it.settings().kubeconfig().orElseThrow().toString(), "--watch-namespace", watchNamespace,
            "--show-calls"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DropInIT.runCli(out, err, args.toArray(String[]::new));
        assertThat(code).as(err + "\n" + out).isZero();
        assertThat(out.toString()).contains("Group " + groupId).contains("— no change");
        assertThat(err.toString()).contains("0 write)");
      }
    }
  }

  /** One live run, as {@code plan --live} or {@code apply} with a kubeconfig make it, over the example's objects. */
  static LiveGroups live(ItContext it, AwsSession aws, ControllerSettings settings, Set<String> namespaces) {
    return new LiveGroups(aws, settings, new KubeBindings(it.kube(), null), () -> LiveFixture.RUNNER,
        KubeFacts.of(facts(it, namespaces)), AccountFactSource.once(aws, settings.vpcId(), settings.clusterName()))
        .withDependencyWait(java.time.Duration.ofSeconds(5));
  }

  /** Cluster facts of the example's namespaces only (objects of other tests may linger in the API server). */
  static List<Object> facts(ItContext it, Set<String> namespaces) {
    List<Object> out = new ArrayList<>();
    for (Object f : new ClusterReader(it.kube(), null).read().all()) {
      if (f instanceof IngressFact i && !namespaces.contains(i.namespace())) {
        continue;
      }
      if (f instanceof ServiceFact s && !namespaces.contains(s.namespace())) {
        continue;
      }
      out.add(f);
    }
    return out;
  }

  static List<Object> manifests(String example) throws Exception {
    List<Object> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples", example))) {
      for (Path p : files.sorted().toList()) {
        if (p.toString().endsWith(".yaml")) {
          out.addAll(Yaml.loadAll(Files.readString(p)));
        }
      }
    }
    return out;
  }

  /**
   * The example's objects: the IngressClass, the Services first (the API server gives them their
   * UIDs, which name the target groups), then the Ingresses with the reference's finalizers.
   */
  static Set<String> seedKube(ItContext it, String example, JsonNode stack, ReferenceStackSeed seed) throws Exception {
    CoreV1Api core = new CoreV1Api(it.kube());
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    List<Object> objects = manifests(example);
    Set<String> namespaces = new TreeSet<>();
    for (Object o : objects) {
      if (o instanceof V1Service s) {
        namespaces.add(s.getMetadata().getNamespace());
      } else if (o instanceof V1Ingress i) {
        namespaces.add(i.getMetadata().getNamespace());
      }
    }
    for (String ns : namespaces) {
      try {
        Kube.createNamespace(it.kube(), ns, Map.of());
      } catch (ApiException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    Map<String, String> uids = new LinkedHashMap<>();
    for (Object o : objects) {
      if (o instanceof V1IngressClass c) {
        String name = c.getMetadata().getName();
        try {
          net.deleteIngressClass(name).execute();
        } catch (ApiException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
        net.createIngressClass(c).execute();
        it.onCleanup(() -> {
          try {
            net.deleteIngressClass(name).execute();
          } catch (ApiException e) {
            if (e.getCode() != 404) {
              throw e;
            }
          }
        });
      } else if (o instanceof V1Service s) {
        String ns = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        s.getMetadata().setUid(null);
        V1Service created = core.createNamespacedService(ns, s).execute();
        it.onCleanup(() -> core.deleteNamespacedService(name, ns).execute());
        uids.put(ns + "/" + name, created.getMetadata().getUid());
      }
    }
    for (Object o : objects) {
      if (o instanceof V1Ingress i) {
        String ns = i.getMetadata().getNamespace();
        String name = i.getMetadata().getName();
        List<String> finalizers = new ArrayList<>();
        stack.path("kubernetes").path("ingresses").path(ns + "/" + name).path("finalizers")
            .forEach(f -> finalizers.add(f.asText()));
        i.getMetadata().setFinalizers(finalizers);
        net.createNamespacedIngress(ns, i).execute();
        it.onCleanup(() -> {
          V1Ingress now = net.readNamespacedIngress(name, ns).execute();
          now.getMetadata().setFinalizers(null);
          net.replaceNamespacedIngress(name, ns, now).execute();
          net.deleteNamespacedIngress(name, ns).execute();
        });
      }
    }
    for (JsonNode b : stack.path("kubernetes").path("targetGroupBindings")) {
      String svc = b.path("namespace").asText() + "/" + b.path("spec").path("serviceRef").path("name").asText();
      seed.names.put(b.path("name").asText(), seed.targetGroupName(b, uids.get(svc)));
    }
    return namespaces;
  }

  /** The reference's TargetGroupBindings (spec, labels, finalizers), names and ARNs as seeded. */
  @SuppressWarnings("unchecked")
  static void seedBindings(ItContext it, JsonNode stack, ReferenceStackSeed seed) throws Exception {
    CustomObjectsApi api = new CustomObjectsApi(it.kube());
    for (JsonNode b : stack.path("kubernetes").path("targetGroupBindings")) {
      String ns = b.path("namespace").asText();
      String name = seed.names.get(b.path("name").asText());
      String arn = seed.ids.get(b.path("name").asText());
      Map<String, Object> spec = ReferenceStackSeed.JSON.convertValue(seed.mapped(b.path("spec")), Map.class);
      spec.put("targetGroupARN", arn);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("apiVersion", "elbv2.k8s.aws/v1beta1");
      body.put("kind", "TargetGroupBinding");
      body.put("metadata", Map.of("name", name, "namespace", ns,
          "labels", ReferenceStackSeed.JSON.convertValue(b.path("labels"), Map.class),
          "finalizers", ReferenceStackSeed.JSON.convertValue(b.path("finalizers"), List.class)));
      body.put("spec", spec);
      api.createNamespacedCustomObject("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", body).execute();
      it.onCleanup(() -> {
        Map<String, Object> now = (Map<String, Object>) api
            .getNamespacedCustomObject("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", name).execute();
        ((Map<String, Object>) now.get("metadata")).remove("finalizers");
        api.replaceNamespacedCustomObject("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", name, now).execute();
        api.deleteNamespacedCustomObject("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", name).execute();
      });
    }
  }
}
