package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.aws.AwsSession;
import dev.albc.controller.ControllerProcess;
import dev.albc.testinfra.AwsSeed;
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
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What the targets and webhook integration tests share: a network, an AWS session on the emulator,
 * a watch-capable API client, the targets controller (in this JVM, or {@code albc controller} as a
 * process), instances and security groups, target groups made outside albc, Services, bindings,
 * and waits.
 */
public final class TargetsItFixture implements AutoCloseable {
  /** A generous bound (the machine may be loaded): only a failure waits this long. */
  public static final Duration WAIT = Duration.ofSeconds(90);

  private final ItContext it;
  private final EksNetwork network;
  private final AwsSession aws;
  private final ApiClient watchClient;
  private TargetsController controller;
  private ControllerProcess process;

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

  /**
   * Starts a targets controller in this JVM on the test's namespace (requeue 1 s, so readiness waits
   * stay short) that always leads.
   */
  public TargetsController startController() throws InterruptedException {
    controller = new TargetsController(watchClient, it.namespace(), aws,
        TargetsSettings.defaults(it.clusterName(), network.vpcId()).withRequeue(Duration.ofSeconds(1)), () -> true);
    controller.start(Duration.ofSeconds(30));
    return controller;
  }

  /**
   * Starts {@code albc controller} as a process ({@code java -jar target/albc.jar}) on the test's
   * namespace, holding its own lease, with {@code --targetgroupbinding-requeue-duration 1s} and
   * {@code extraFlags}.
   */
  public ControllerProcess startControllerProcess(String... extraFlags) throws java.io.IOException {
    List<String> flags = new java.util.ArrayList<>(List.of("--targetgroupbinding-requeue-duration", "1s"));
    flags.addAll(List.of(extraFlags));
    process = ControllerProcess.start(it, network.vpcId(), "albc-targets", "lease-" + it.namespace(),
        flags.toArray(String[]::new));
    return process;
  }

  /** The controller process's log, or "" when the controller runs in this JVM. */
  public String log() {
    return process == null ? "" : process.log();
  }

  /** A running instance in the subnet with these security groups (the emulator's first Amazon AMI). */
  public Instance instance(Subnet subnet, String... securityGroups) {
    var ec2 = it.aws().ec2();
    String image = ec2.describeImages(r -> r.owners("amazon")).images().stream().map(Image::imageId)
        .min(java.util.Comparator.naturalOrder()).orElseThrow();
    Instance i = ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MEDIUM).minCount(1).maxCount(1)
        .subnetId(subnet.subnetId()).securityGroupIds(securityGroups)).instances().get(0);
    it.onCleanup(() -> ec2.terminateInstances(r -> r.instanceIds(i.instanceId())));
    return i;
  }

  /** A security group in the test VPC with these tags. */
  public String securityGroup(String name, Map<String, String> tags) {
    var ec2 = it.aws().ec2();
    Map<String, String> withName = new LinkedHashMap<>(tags);
    withName.put("Name", name); // EC2 refuses an empty tag specification
    String id = ec2.createSecurityGroup(r -> r.groupName(name + "-" + it.namespace()).description(name)
        .vpcId(network.vpcId()).tagSpecifications(AwsSeed.tagSpec(ResourceType.SECURITY_GROUP, withName))).groupId();
    it.onCleanup(() -> ec2.deleteSecurityGroup(r -> r.groupId(id)));
    return id;
  }

  /** The inbound rules of a group that albc manages for bindings, as {@code protocol from-to source}. */
  public Set<String> managedRules(String groupId) {
    Set<String> out = new TreeSet<>();
    var g = it.aws().ec2().describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    for (IpPermission p : g.ipPermissions()) {
      p.userIdGroupPairs().stream().filter(u -> Permission.DESCRIPTION.equals(u.description()))
          .forEach(u -> out.add(p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " " + u.groupId()));
    }
    return out;
  }

  /** A target group made outside albc (as Terraform would), in the test VPC. */
  public String targetGroup(String name, TargetTypeEnum type, int port) {
    // made outside albc (as Terraform would): the test's own client, not albc's audited session
    return it.aws().elbv2().createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(port)
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
    awaitWithLog(() -> registered(arn), expected, "targets of " + arn);
  }

  /** {@link #await}, with the controller process's log in the failure. */
  public <T> void awaitWithLog(Supplier<T> actual, T expected, String what) {
    try {
      await(actual, expected, what);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- controller log ---\n" + tail(log()), e);
    }
  }

  static String tail(String log) {
    return log.length() > 20_000 ? log.substring(log.length() - 20_000) : log;
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
  public void close() throws InterruptedException {
    if (controller != null) {
      controller.close();
      controller = null;
    }
    if (process != null) {
      process.close();
      process = null;
    }
    aws.close();
  }
}
