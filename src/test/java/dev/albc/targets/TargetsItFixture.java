package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.aws.AwsSession;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.AwsSeed.EksNetwork;
import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.Kube;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What the targets and webhook integration tests share: a network, an AWS session on the emulator,
 * a watch-capable API client, target groups made outside albc, Services, bindings, and waits.
 */
public final class TargetsItFixture implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final ItContext it;
  private final EksNetwork network;
  private final AwsSession aws;
  private final ApiClient watchClient;
  private TargetsController controller;

  public TargetsItFixture(ItContext it) {
    this.it = it;
    this.network = it.seedAws().eksNetwork(it.clusterName(), 2);
    this.aws = LiveFixture.session(it);
    this.watchClient = Kube.client(it.settings().kubeconfig().orElseThrow());
    this.watchClient.setReadTimeout(0); // informers' watches wait for events
    it.onCleanup(this::close);
  }

  public EksNetwork network() {
    return network;
  }

  public AwsSession aws() {
    return aws;
  }

  public ApiClient watchClient() {
    return watchClient;
  }

  /** Starts a controller (requeue 1 s, so readiness waits stay short) that always leads. */
  public TargetsController startController() throws InterruptedException {
    controller = new TargetsController(watchClient, aws, TargetsSettings.defaults().withRequeue(Duration.ofSeconds(1)),
        () -> true);
    controller.start(Duration.ofSeconds(30));
    return controller;
  }

  /** A target group made outside albc (as Terraform would), in the test VPC. */
  public String targetGroup(String name, TargetTypeEnum type, int port) {
    return aws.elbv2().createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(port)
        .vpcId(network.vpcId()).targetType(type)).targetGroups().get(0).targetGroupArn();
  }

  public V1Service service(String name, String type, Map<String, String> selector) throws ApiException {
    V1Service s = new V1Service().metadata(new V1ObjectMeta().name(name).namespace(it.namespace()))
        .spec(new V1ServiceSpec().type(type).selector(selector).ports(List.of(new V1ServicePort().name("http")
            .port(80).targetPort(new IntOrString(8080)).protocol("TCP"))));
    return new CoreV1Api(it.kube()).createNamespacedService(it.namespace(), s).execute();
  }

  public int nodePort(String service) throws ApiException {
    return new CoreV1Api(it.kube()).readNamespacedService(service, it.namespace()).execute()
        .getSpec().getPorts().get(0).getNodePort();
  }

  /** Creates a TargetGroupBinding; {@code extraSpec} is merged into its spec. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> binding(String name, String arn, String targetType, String service,
                                     Map<String, Object> extraSpec) throws ApiException {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (arn != null) {
      spec.put("targetGroupARN", arn);
    }
    if (targetType != null) {
      spec.put("targetType", targetType);
    }
    spec.put("serviceRef", Map.of("name", service, "port", 80));
    spec.putAll(extraSpec);
    Map<String, Object> body = Map.of("apiVersion", "elbv2.k8s.aws/v1beta1", "kind", "TargetGroupBinding",
        "metadata", Map.of("name", name, "namespace", it.namespace()), "spec", spec);
    return (Map<String, Object>) new CustomObjectsApi(it.kube()).createNamespacedCustomObject(
        KubeBindingWrites.GROUP, KubeBindingWrites.VERSION, it.namespace(), KubeBindingWrites.PLURAL, body).execute();
  }

  /** The binding as JSON, or null when it is gone. */
  public Binding readBinding(String name) throws ApiException {
    try {
      Object o = new CustomObjectsApi(it.kube()).getNamespacedCustomObject(KubeBindingWrites.GROUP,
          KubeBindingWrites.VERSION, it.namespace(), KubeBindingWrites.PLURAL, name).execute();
      return Binding.of(it.kube().getJSON().serialize(o));
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  public void deleteBinding(String name) throws ApiException {
    new CustomObjectsApi(it.kube()).deleteNamespacedCustomObject(KubeBindingWrites.GROUP, KubeBindingWrites.VERSION,
        it.namespace(), KubeBindingWrites.PLURAL, name).execute();
  }

  /** The registered (not draining, not unused) targets as {@code id:port}. */
  public Set<String> registered(String arn) {
    Set<String> out = new TreeSet<>();
    aws.elbv2().describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions().stream()
        .filter(d -> !d.targetHealth().stateAsString().contains("draining")
            && !"unused".equals(d.targetHealth().stateAsString()))
        .forEach(d -> out.add(d.target().id() + ":" + d.target().port()));
    return out;
  }

  /** Waits until the target group's registered targets are exactly these. */
  public void awaitTargets(String arn, Set<String> expected) {
    await(() -> registered(arn), expected, "targets of " + arn);
  }

  public static <T> void await(Supplier<T> actual, T expected, String what) {
    Instant deadline = Instant.now().plus(WAIT);
    T last = actual.get();
    while (!expected.equals(last)) {
      if (Instant.now().isAfter(deadline)) {
        assertThat(last).as(what + " after " + WAIT.toSeconds() + " s").isEqualTo(expected);
      }
      sleep(200);
      last = actual.get();
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.close();
      controller = null;
    }
    aws.close();
  }
}
