package dev.albc.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.albc.changes.Change;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.facts.CertificateFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SubnetFact;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.observe.AwsReads;
import dev.albc.observe.ObservedResource;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.FactInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** One group's live run over a mocked {@link AwsReads}: what it reads, plans, and reports. */
class LiveGroupsTest {
  static final RuleRunner RUNNER = GroupFactsTest.BUILDER.runner();
  static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/k8s-demo-shop/1";
  static final String OTHER_LB = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/k8s-other-app/1";

  final AwsReads aws = mock(AwsReads.class);
  final AccountLookups.Reads lookupReads = mock(AccountLookups.Reads.class);

  static boolean isAccountFact(Object o) {
    return o instanceof SubnetFact || o instanceof RouteTableFact || o instanceof SecurityGroupFact
        || o instanceof CertificateFact;
  }

  LiveGroups live(String example, java.util.function.Supplier<RuleRunner> rules) {
    Path dir = Path.of("examples", example);
    List<Object> all = FactInputs.read(List.of(dir), List.of(dir), GroupFactsTest.SETTINGS.vpcId());
    return new LiveGroups(null, aws, GroupFactsTest.SETTINGS, null, rules,
        KubeFacts.of(all.stream().filter(o -> !isAccountFact(o)).toList()),
        AccountFactSource.of(all.stream().filter(LiveGroupsTest::isAccountFact).toList()),
        new AccountLookups(lookupReads, java.time.Clock.systemUTC()));
  }

  static AwsServiceException error(String code) {
    return AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("slow down").build()).build();
  }

  @Test
  void aGroupsPlanReadsAwsAndCreatesWhatIsMissingWithoutExecuting() {
    GroupRun run = live("quickstart", () -> RUNNER).plan("demo/shop");

    assertThat(run.desired().id()).isEqualTo("demo/shop");
    assertThat(run.changes().changes()).isNotEmpty().allMatch(c -> c.action() == Change.Action.CREATE);
    assertThat(run.result()).isNull();
    assertThat(run.failure()).isNull();
    assertThat(run.blocked()).isFalse();
    assertThat(run.liveGroup().members()).containsExactly("demo/shop");
    verify(aws).taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, "demo",
        ObservedResource.STACK_TAG, "demo/shop"));
  }

  @Test
  void aLookUpTheFactsLackIsReadAndTheRulesRunAgainWithIt() {
    Path dir = Path.of("examples", "quickstart");
    List<Object> all = FactInputs.read(List.of(dir), List.of(dir), GroupFactsTest.SETTINGS.vpcId());
    List<Object> kube = new java.util.ArrayList<>();
    for (Object o : all) {
      if (o instanceof dev.albc.facts.IngressFact i) {
        java.util.Map<String, String> a = new java.util.TreeMap<>(i.annotations());
        a.put("alb.ingress.kubernetes.io/wafv2-acl-name", "house");
        kube.add(new dev.albc.facts.IngressFact(i.namespace(), i.name(), i.uid(), i.ingressClassName(), a, i.labels(),
            i.defaultBackend(), i.rules(), i.tls(), i.finalizers(), i.deleting()));
      } else if (!isAccountFact(o)) {
        kube.add(o);
      }
    }
    when(lookupReads.regionalWebAcls()).thenReturn(List.of(
        software.amazon.awssdk.services.wafv2.model.WebACLSummary.builder().name("house").id("1").arn("arn:waf/house").build()));
    LiveGroups live = new LiveGroups(null, aws, GroupFactsTest.SETTINGS, null, () -> RUNNER, KubeFacts.of(kube),
        AccountFactSource.of(all.stream().filter(LiveGroupsTest::isAccountFact).toList()),
        new AccountLookups(lookupReads, java.time.Clock.systemUTC()));
    var g = live.desired("demo/shop");
    assertThat(g.diagnostics()).noneMatch(d -> d.isError());
    assertThat(g.resources()).filteredOn(r -> r instanceof dev.albc.intents.AddonIntent)
        .singleElement().satisfies(r -> assertThat(r.toString()).contains("arn:waf/house"));
    live.desired("demo/shop"); // answered: kept, not read again
    verify(lookupReads, org.mockito.Mockito.times(1)).regionalWebAcls();
  }

  @Test
  void theRuleSetIsAskedForAtEachCallSoAReloadTakesEffectAtTheNextGroup() {
    AtomicInteger asked = new AtomicInteger();
    LiveGroups live = live("quickstart", () -> {
      asked.incrementAndGet();
      return RUNNER;
    });
    live.plan("demo/shop");
    live.plan("demo/shop");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aGroupTheRulesDoNotNameIsNeitherReadNorChanged() {
    GroupRun run = live("quickstart", () -> RUNNER).reconcile("demo/gone");
    assertThat(run).isEqualTo(new GroupRun("demo/gone", null, null, null, null));
    verifyNoInteractions(aws);
  }

  @Test
  void aGroupWithAnErrorIsNotEvenRead() {
    LiveGroups live = live("invalid", () -> RUNNER);
    String blocked = live.desired().groups().stream()
        .filter(g -> g.diagnostics().stream().anyMatch(DesiredDiagnostic::isError)).findFirst().orElseThrow().id();
    GroupRun run = live.reconcile(blocked);
    assertThat(run.blocked()).isTrue();
    assertThat(run.hasErrors()).isTrue();
    assertThat(run.changes().changes()).isEmpty();
    verifyNoInteractions(aws);
  }

  @Test
  void anAwsErrorWhileReadingIsTheGroupsFailureAndNothingIsExecuted() {
    when(aws.taggedLoadBalancersAndTargetGroups(any())).thenThrow(error("Throttling"));
    GroupRun run = live("quickstart", () -> RUNNER).reconcile("demo/shop");
    assertThat(run.failure()).isEqualTo("[demo/shop] GetResources on the resources tagged for stack demo/shop"
        + " failed: Throttling: slow down");
    assertThat(run.changes()).isNull();
    assertThat(run.result()).isNull();
  }

  @Test
  void aDeletionRemovesTheBackendSecurityGroupOnlyWhenNoOtherLoadBalancerUsesIt() {
    Map<String, String> tags = Map.of(ObservedResource.CLUSTER_TAG, "demo", ObservedResource.STACK_TAG, "demo/shop",
        ObservedResource.RESOURCE_TAG, "LoadBalancer");
    when(aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, "demo",
        ObservedResource.STACK_TAG, "demo/shop"))).thenReturn(Map.of(LB, tags));
    when(aws.loadBalancersByArn(List.of(LB))).thenReturn(List.of(LoadBalancer.builder().loadBalancerArn(LB)
        .loadBalancerName("k8s-demo-shop").build()));
    when(aws.securityGroups(anyList())).thenAnswer(inv -> {
      List<Filter> f = inv.getArgument(0);
      return f.contains(Filter.builder().name("tag:elbv2.k8s.aws/resource").values("backend-sg").build())
          ? List.of(SecurityGroup.builder().groupId("sg-backend").groupName("k8s-traffic-demo-1").build())
          : List.of();
    });
    when(aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, "demo")))
        .thenReturn(Map.of(LB, tags, OTHER_LB, Map.of(ObservedResource.STACK_TAG, "other/app")));
    when(aws.loadBalancersByArn(List.of(OTHER_LB))).thenReturn(List.of(LoadBalancer.builder()
        .loadBalancerArn(OTHER_LB).securityGroups("sg-backend").build()));

    GroupRun inUse = live("quickstart", null).delete("demo/shop", true);
    assertThat(inUse.desired()).isNull();
    assertThat(inUse.result()).as("a dry run").isNull();
    assertThat(inUse.changes().changes()).extracting(Change::kind).contains("AWS::ElasticLoadBalancingV2::LoadBalancer")
        .doesNotContain(SecurityGroupIntent.KIND);

    when(aws.loadBalancersByArn(List.of(OTHER_LB))).thenReturn(List.of(LoadBalancer.builder()
        .loadBalancerArn(OTHER_LB).securityGroups("sg-other").build()));
    GroupRun free = live("quickstart", null).delete("demo/shop", true);
    assertThat(free.changes().changes()).filteredOn(c -> c.kind().equals(SecurityGroupIntent.KIND))
        .singleElement().satisfies(c -> assertThat(c.resourceId()).isEqualTo(SecurityGroupIntent.BACKEND));
  }

  /** The quickstart with its Ingress on HTTPS 443 and mTLS verify against a trust store given by name. */
  LiveGroups mtls(Path dir) throws java.io.IOException {
    Path src = Path.of("examples", "quickstart");
    for (String f : List.of("services.yaml", "subnets.json")) {
      java.nio.file.Files.copy(src.resolve(f), dir.resolve(f));
    }
    String annotations = "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n"
        + "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:1:certificate/shop\n"
        + "    alb.ingress.kubernetes.io/mutual-authentication: '[{\"port\": 443, \"mode\": \"verify\", "
        + "\"trustStore\": \"clients\"}]'\n";
    java.nio.file.Files.writeString(dir.resolve("ingress.yaml"), java.nio.file.Files.readString(src.resolve("ingress.yaml"))
        .replace("  annotations:\n", "  annotations:\n" + annotations));
    List<Object> all = FactInputs.read(List.of(dir), List.of(dir), GroupFactsTest.SETTINGS.vpcId());
    return new LiveGroups(null, aws, GroupFactsTest.SETTINGS, null, () -> RUNNER,
        KubeFacts.of(all.stream().filter(o -> !isAccountFact(o)).toList()),
        AccountFactSource.of(all.stream().filter(LiveGroupsTest::isAccountFact).toList()));
  }

  static Map<String, Object> mutualAuthentication(dev.albc.desired.DesiredState.DesiredGroup g) {
    return g.resources().stream().filter(r -> r instanceof dev.albc.intents.ListenerIntent)
        .map(r -> ((dev.albc.intents.ListenerIntent) r).mutualAuthentication()).findFirst().orElseThrow();
  }

  @Test
  void aTrustStoreGivenByNameIsLookedUpOnceAndItsArnGoesInTheListener(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    String arn = "arn:aws:elasticloadbalancing:eu-west-1:1:truststore/clients/0123456789abcdef";
    when(aws.trustStoreArn("clients")).thenReturn(arn);
    LiveGroups live = mtls(dir);
    var g = live.desired("demo/shop");
    assertThat(g.diagnostics()).noneMatch(d -> d.field() != null && d.field().endsWith("mutual-authentication"));
    assertThat(mutualAuthentication(g)).containsEntry("Mode", "verify").containsEntry("TrustStoreArn", arn);
    live.desired("demo/shop");
    verify(aws, org.mockito.Mockito.times(1)).trustStoreArn("clients");
  }

  @Test
  void aTrustStoreNameTheAccountLacksIsAnErrorAndIsAskedAgainNextTime(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    LiveGroups live = mtls(dir);
    GroupRun run = live.reconcile("demo/shop");
    assertThat(run.blocked()).isTrue();
    assertThat(run.desired().diagnostics()).filteredOn(DesiredDiagnostic::isError).singleElement()
        .satisfies(d -> assertThat(d.message()).isEqualTo("no trust store named \"clients\" in the account (DescribeTrustStores)"));
    live.desired("demo/shop");
    verify(aws, org.mockito.Mockito.times(2)).trustStoreArn("clients");
  }
}
