package dev.albc.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.aws.AwsSession;
import dev.albc.facts.ControllerSettings;
import dev.albc.observe.BindingClient;
import dev.albc.changes.LiveChanges;
import dev.albc.live.AccountFactSource;
import dev.albc.live.GroupRun;
import dev.albc.live.KubeFacts;
import dev.albc.live.LiveGroups;
import dev.albc.live.LiveRun;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.ManifestReader;
import dev.albc.testinfra.AwsSeed.EksNetwork;
import dev.albc.testinfra.ItContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Integration-test support for live runs: an EKS-like network in the emulator, an albc AWS session
 * pointed at it (its own call counter), the built-in rules, and what AWS holds afterwards.
 */
public final class LiveFixture implements AutoCloseable {
  public static final RuleRunner RUNNER = new RuleRunner(RuleCompiler.loadBuiltin());

  private final ItContext it;
  private final EksNetwork network;
  private final AwsSession aws;
  private ControllerSettings settings;

  public LiveFixture(ItContext it, ExecutionInterceptor... extra) {
    this.it = it;
    this.network = it.seedAws().eksNetwork(it.clusterName(), 2);
    this.aws = session(it, extra);
    this.settings = new ControllerSettings(it.clusterName(), network.vpcId(), it.settings().region(), null, null, null,
        null, null, null, true, null, true, true);
  }

  /** These feature gates on top of the defaults (e.g. EnableCertificateManagement), for the runs after. */
  public LiveFixture withFeatureGates(Map<String, Boolean> gates) {
    ControllerSettings s = settings;
    settings = new ControllerSettings(s.clusterName(), s.vpcId(), s.region(), s.ingressClass(), s.defaultTargetType(),
        s.defaultLoadBalancerScheme(), s.defaultSslPolicy(), s.defaultTags(), gates, s.enableBackendSecurityGroup(),
        s.backendSecurityGroup(), s.tolerateNonExistentBackendService(), s.tolerateNonExistentBackendAction(),
        s.allowedCertificateAuthorityArns(), s.disableRestrictedSgRules());
    return this;
  }

  /** A session on the test endpoint with static test credentials (the default chain for real AWS). */
  public static AwsSession session(ItContext it, ExecutionInterceptor... extra) {
    // -Dalbc.test.throttle= (empty) turns the client-side rate limits off, e.g. to see their share in a benchmark
    return session(it, dev.albc.aws.RateLimits.parse(System.getProperty("albc.test.throttle",
        dev.albc.aws.RateLimits.DEFAULTS)), extra);
  }

  /** As {@link #session(ItContext, ExecutionInterceptor...)}, with these client-side rate limits. */
  public static AwsSession session(ItContext it, dev.albc.aws.RateLimits limits, ExecutionInterceptor... extra) {
    AwsSession.Settings s = AwsSession.Settings.of(it.settings().region(),
        it.settings().awsEndpoint().map(Object::toString).orElse("")).withRateLimits(limits);
    if (it.settings().awsEndpoint().isPresent()) {
      s = s.withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
    for (ExecutionInterceptor i : extra) {
      s = s.withInterceptor(i);
    }
    return new AwsSession(s);
  }

  public AwsSession aws() {
    return aws;
  }

  public EksNetwork network() {
    return network;
  }

  public ControllerSettings settings() {
    return settings;
  }

  /** A live run over these Kubernetes facts (AWS facts read from the emulator once), no cluster. */
  public LiveGroups live(List<Object> kubeFacts) {
    return live(null, kubeFacts);
  }

  public LiveGroups live(BindingClient bindings, List<Object> kubeFacts) {
    return live(bindings, KubeFacts.of(kubeFacts));
  }

  /** A live run over facts that may change between its runs ({@link LiveGroups#newRun}). */
  public LiveGroups live(BindingClient bindings, KubeFacts kubeFacts) {
    return new LiveGroups(aws, settings, bindings, () -> RUNNER, kubeFacts,
        AccountFactSource.once(aws, settings.vpcId(), settings.clusterName())).withDependencyWait(Duration.ofSeconds(5));
  }

  /** Kubernetes facts from manifest text. */
  public static List<Object> facts(String yaml) {
    return new ArrayList<>(new ManifestReader().readText("test.yaml", yaml).all());
  }

  /** The example's manifests (its AWS dumps left out: facts come from the emulator). */
  public static String example(String name) {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(Path.of("examples", name))) {
      for (Path p : files.sorted().toList()) {
        if (p.toString().endsWith(".yaml")) {
          out.append(Files.readString(p)).append("\n---\n");
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** Applies (one run, as {@code albc apply}) and checks that no group failed; the calls counted are this apply's only. */
  public LiveRun apply(String yaml) {
    aws.calls().reset();
    LiveRun a = live(facts(yaml)).reconcileAll();
    assertThat(a.failures()).as("failures").isEmpty();
    return a;
  }

  /** The changes of every group, as {@code albc plan --live}; the calls counted are this plan's only. */
  public LiveChanges plan(String yaml) {
    aws.calls().reset();
    return live(facts(yaml)).planAll().changes();
  }

  /** Deletes the groups (one run, as {@code albc delete}) and checks that none failed. */
  public List<GroupRun> delete(String... groupIds) {
    List<GroupRun> d = live(List.of()).delete(List.of(groupIds), false);
    assertThat(d).as("failures").allMatch(g -> g.failure() == null);
    return d;
  }

  /** Calls of the change list of every group, in order. */
  public static List<String> calls(LiveChanges p) {
    List<String> out = new ArrayList<>();
    p.groups().forEach(g -> g.changes().forEach(c -> out.addAll(c.calls())));
    return out;
  }

  // ---- what AWS holds ----------------------------------------------------------------------

  public List<LoadBalancer> loadBalancers() {
    List<LoadBalancer> out = new ArrayList<>();
    it.aws().elbv2().describeLoadBalancersPaginator(r -> { }).loadBalancers().forEach(out::add);
    return out;
  }

  public List<TargetGroup> targetGroups() {
    List<TargetGroup> out = new ArrayList<>();
    it.aws().elbv2().describeTargetGroupsPaginator(r -> { }).targetGroups().forEach(out::add);
    return out;
  }

  public List<Listener> listeners(LoadBalancer lb) {
    return it.aws().elbv2().describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
  }

  public List<Rule> rules(Listener l) {
    return it.aws().elbv2().describeRules(r -> r.listenerArn(l.listenerArn())).rules().stream()
        .filter(r -> !Boolean.TRUE.equals(r.isDefault())).toList();
  }

  /** The VPC's security groups but its default one. */
  public List<SecurityGroup> securityGroups() {
    return it.aws().ec2().describeSecurityGroups(r -> r.filters(
            Filter.builder().name("vpc-id").values(network.vpcId()).build()))
        .securityGroups().stream().filter(g -> !g.groupName().equals("default")).toList();
  }

  public Map<String, String> tags(String arn) {
    var out = new java.util.TreeMap<String, String>();
    it.aws().elbv2().describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  @Override
  public void close() {
    aws.close();
  }
}
