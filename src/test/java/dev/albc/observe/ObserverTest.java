package dev.albc.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.albc.aws.AwsCallException;
import dev.albc.intents.Intent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupIntent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** What the observer reads, and what it makes of the answers, over a mocked {@link AwsReads}. */
class ObserverTest {
  static final String CLUSTER = "demo";
  static final String VPC = "vpc-1";
  static final String GROUP = "demo/shop";
  static final String LB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/k8s-demo-shop/1";
  static final String TG_ARN = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/k8s-demo-web/1";
  static final String LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/k8s-demo-shop/1/80";
  static final String RULE = "arn:aws:elasticloadbalancing:eu-west-1:1:listener-rule/app/k8s-demo-shop/1/80/1";
  static final String DEFAULT_RULE = "arn:aws:elasticloadbalancing:eu-west-1:1:listener-rule/app/k8s-demo-shop/1/80/d";

  AwsReads aws;
  Observer observer;
  ObservationCache cache;

  @BeforeEach
  void setUp() {
    aws = mock(AwsReads.class);
    observer = new Observer(aws, CLUSTER, VPC, null);
    cache = new ObservationCache();
  }

  static Map<String, String> tags(String stack, String resource) {
    return Map.of(ObservedResource.CLUSTER_TAG, CLUSTER, ObservedResource.STACK_TAG, stack,
        ObservedResource.RESOURCE_TAG, resource);
  }

  static LoadBalancerIntent lbIntent(Map<String, String> attributes) {
    return new LoadBalancerIntent(GROUP, "k8s-demo-shop", "application", "internet-facing", "ipv4", List.of(),
        List.of(), null, attributes, Map.of());
  }

  static TargetGroupIntent tgIntent(String id, String name, Map<String, String> attributes) {
    return new TargetGroupIntent(GROUP, id, "demo", "web", "80", name, "HTTP", "HTTP1", 30080, "instance", "ipv4",
        VPC, "HTTP", "traffic-port", "/", 15, 5, 2, 2, Map.of("HttpCode", "200"), null, attributes, Map.of(), null);
  }

  static SecurityGroupIntent backendIntent() {
    return new SecurityGroupIntent(GROUP, SecurityGroupIntent.BACKEND, "k8s-traffic-demo-1", "backend", VPC,
        List.of(), Map.of());
  }

  static LoadBalancer lb(String arn, String name) {
    return LoadBalancer.builder().loadBalancerArn(arn).loadBalancerName(name).scheme("internet-facing")
        .type("application").vpcId(VPC).build();
  }

  static TargetGroup tg(String arn, String name) {
    return TargetGroup.builder().targetGroupArn(arn).targetGroupName(name).vpcId(VPC).build();
  }

  static AwsServiceException error(String code) {
    return AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
  }

  static boolean hasFilter(List<Filter> filters, String name, String value) {
    return filters.contains(Filter.builder().name(name).values(value).build());
  }

  /** A group albc made, unchanged: its load balancer, target group, listener and rule. */
  void stackInAws() {
    when(aws.loadBalancersByName(List.of("k8s-demo-shop"))).thenReturn(List.of(lb(LB_ARN, "k8s-demo-shop")));
    when(aws.targetGroupsByName(List.of("k8s-demo-web"))).thenReturn(List.of(tg(TG_ARN, "k8s-demo-web")));
    when(aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER,
        ObservedResource.STACK_TAG, GROUP))).thenReturn(Map.of(
            LB_ARN, tags(GROUP, LoadBalancerIntent.RESOURCE_ID), TG_ARN, tags(GROUP, "demo/web:80")));
    when(aws.listeners(LB_ARN)).thenReturn(List.of(Listener.builder().listenerArn(LISTENER).port(80)
        .protocol("HTTP").loadBalancerArn(LB_ARN).build()));
    when(aws.rules(LISTENER)).thenReturn(List.of(
        Rule.builder().ruleArn(DEFAULT_RULE).priority("default").isDefault(true).build(),
        Rule.builder().ruleArn(RULE).priority("1").isDefault(false).build()));
    when(aws.tags(List.of(LISTENER, RULE))).thenReturn(Map.of(LISTENER, tags(GROUP, "80"), RULE, tags(GROUP, "80:1")));
    when(aws.securityGroups(anyList())).thenAnswer(inv -> {
      List<Filter> f = inv.getArgument(0);
      if (hasFilter(f, "tag:" + Observer.BACKEND_SG_TAG, "backend-sg")) {
        return List.of(SecurityGroup.builder().groupId("sg-backend").groupName("k8s-traffic-demo-1").build());
      }
      return List.of(SecurityGroup.builder().groupId("sg-managed").groupName("k8s-demo-shop-1")
          .tags(t -> t.key(ObservedResource.RESOURCE_TAG).value(SecurityGroupIntent.MANAGED)).build());
    });
  }

  List<Intent> wanted() {
    return List.of(backendIntent(), tgIntent("demo/web:80", "k8s-demo-web", null), lbIntent(null));
  }

  @Test
  void aNoOpObservationReadsByNameAndByTagThenTheKeptLoadBalancersListenersAndRules() {
    stackInAws();
    ObservedStack s = observer.observe(GROUP, wanted(), cache);

    assertThat(s.conflicts()).isEmpty();
    assertThat(s.loadBalancers()).singleElement().satisfies(lb -> {
      assertThat(lb.id()).isEqualTo(LB_ARN);
      assertThat(lb.resourceTag()).isEqualTo(LoadBalancerIntent.RESOURCE_ID);
      assertThat(lb.text("Scheme")).isEqualTo("internet-facing");
      assertThat(lb.attributes()).as("no attribute is wanted: none read").isNull();
    });
    assertThat(s.targetGroups()).extracting(ObservedResource::id).containsExactly(TG_ARN);
    assertThat(s.listeners()).singleElement().satisfies(l -> {
      assertThat(l.name()).isEqualTo("80");
      assertThat(l.parent()).isEqualTo(LB_ARN);
      assertThat(l.resourceTag()).isEqualTo("80");
    });
    assertThat(s.rules()).as("the default rule is left out").extracting(ObservedResource::id).containsExactly(RULE);
    assertThat(s.securityGroups()).extracting(ObservedResource::id).containsExactly("sg-managed");
    assertThat(s.backendSecurityGroup().id()).isEqualTo("sg-backend");
    assertThat(s.bindings()).as("no cluster").isNull();
    assertThat(s.shieldActive()).isNull();

    // the tagging API gave the tags of what it found: DescribeTags only for the listener and its rule
    verify(aws).tags(List.of(LISTENER, RULE));
    verify(aws, times(1)).tags(anyList());
    verify(aws, never()).loadBalancersByArn(anyList());
    verify(aws, never()).listenerCertificates(anyString());
    verify(aws, never()).loadBalancerAttributes(anyString());
    verify(aws, never()).targetGroupAttributes(anyString());
    verify(aws, never()).allLoadBalancers();
  }

  @Test
  void theBackendSecurityGroupAndTheShieldSubscriptionAreReadOncePerRun() {
    stackInAws();
    observer.observe(GROUP, wanted(), cache);
    observer.observe(GROUP, wanted(), cache);
    @SuppressWarnings({"unchecked", "rawtypes"})
    ArgumentCaptor<List<Filter>> asked = ArgumentCaptor.forClass((Class) List.class);
    verify(aws, times(3)).securityGroups(asked.capture());
    assertThat(asked.getAllValues().stream().filter(f -> hasFilter(f, "tag:" + Observer.BACKEND_SG_TAG, "backend-sg")))
        .as("backend security group lookups").hasSize(1);

    // a new run reads it again; what the executor made is seen without a read
    ObservationCache next = new ObservationCache();
    ObservedResource made = new ObservedResource(SecurityGroupIntent.KIND, "sg-new", "k8s-traffic-demo-1", Map.of(),
        null, null, null);
    next.backendSecurityGroupCreated(made);
    assertThat(observer.observe(GROUP, wanted(), next).backendSecurityGroup()).isSameAs(made);
    verify(aws, times(4)).securityGroups(anyList());
  }

  @Test
  void theCapacityReservationIsReadOnlyForTheKeptLoadBalancerThatWantsOne() {
    stackInAws();
    observer.observe(GROUP, wanted(), cache);
    verify(aws, never()).capacityReservation(anyString());

    var reservation = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    reservation.putObject("MinimumLoadBalancerCapacity").put("CapacityUnits", 500);
    when(aws.capacityReservation(LB_ARN)).thenReturn(reservation);
    LoadBalancerIntent withCapacity = new LoadBalancerIntent(GROUP, "k8s-demo-shop", "application", "internet-facing",
        "ipv4", List.of(), List.of(), null, null, Map.of(), null, Map.of("CapacityUnits", 500));
    ObservedStack s = observer.observe(GROUP, List.of(backendIntent(), tgIntent("demo/web:80", "k8s-demo-web", null),
        withCapacity), new ObservationCache());
    assertThat(s.loadBalancers()).singleElement().satisfies(lb -> assertThat(
        lb.body().path(Observer.CAPACITY_RESERVATION).path("MinimumLoadBalancerCapacity").path("CapacityUnits").asInt())
        .isEqualTo(500));
    verify(aws, times(1)).capacityReservation(LB_ARN);
  }

  @Test
  void aWantedNameHeldByAnotherStackIsAConflictNeverAdopted() {
    when(aws.loadBalancersByName(List.of("k8s-demo-shop"))).thenReturn(List.of(lb(LB_ARN, "k8s-demo-shop")));
    when(aws.tags(List.of(LB_ARN))).thenReturn(Map.of(LB_ARN, tags("other/app", LoadBalancerIntent.RESOURCE_ID)));

    ObservedStack s = observer.observe(GROUP, List.of(lbIntent(null)), cache);

    assertThat(s.loadBalancers()).isEmpty();
    assertThat(s.conflicts()).containsExactly("load balancer k8s-demo-shop (" + LB_ARN + ") exists but is not tagged"
        + " for stack demo/shop of cluster demo (cluster demo, stack other/app)");
    verify(aws, never()).listeners(anyString());
  }

  @Test
  void aMissingTargetGroupFailsItsBatchThenTheNamesAreAskedOneByOne() {
    when(aws.targetGroupsByName(List.of("k8s-demo-a", "k8s-demo-b"))).thenThrow(error("TargetGroupNotFound"));
    when(aws.targetGroupsByName(List.of("k8s-demo-a"))).thenReturn(List.of(tg(TG_ARN, "k8s-demo-a")));
    when(aws.targetGroupsByName(List.of("k8s-demo-b"))).thenThrow(error("TargetGroupNotFound"));
    when(aws.tags(List.of(TG_ARN))).thenReturn(Map.of(TG_ARN, tags(GROUP, "demo/a:80")));

    ObservedStack s = observer.observe(GROUP, List.of(tgIntent("demo/a:80", "k8s-demo-a", Map.of("x", "1")),
        tgIntent("demo/b:80", "k8s-demo-b", null)), cache);

    assertThat(s.targetGroups()).singleElement().satisfies(tg -> assertThat(tg.name()).isEqualTo("k8s-demo-a"));
    verify(aws, times(3)).targetGroupsByName(anyList());
    verify(aws).targetGroupAttributes(TG_ARN); // its intent sets attributes
  }

  @Test
  void withoutTheTaggingApiTheVpcIsListedOncePerRunAndEachStackFilteredFromIt() {
    String other = LB_ARN.replace("k8s-demo-shop", "k8s-other-app");
    String otherVpc = LB_ARN.replace("k8s-demo-shop", "k8s-elsewhere");
    when(aws.taggedLoadBalancersAndTargetGroups(any())).thenThrow(error("AccessDeniedException"));
    when(aws.allLoadBalancers()).thenReturn(List.of(lb(LB_ARN, "k8s-demo-shop"), lb(other, "k8s-other-app"),
        LoadBalancer.builder().loadBalancerArn(otherVpc).vpcId("vpc-2").build()));
    when(aws.tags(List.of(LB_ARN, other))).thenReturn(Map.of(LB_ARN, tags(GROUP, LoadBalancerIntent.RESOURCE_ID),
        other, tags("other/app", LoadBalancerIntent.RESOURCE_ID)));
    when(aws.loadBalancersByArn(List.of(LB_ARN))).thenReturn(List.of(lb(LB_ARN, "k8s-demo-shop")));

    ObservedStack deleting = observer.observe(GROUP, List.of(), cache);
    ObservedStack again = observer.observe(GROUP, List.of(), cache);

    assertThat(cache.taggingDenied()).isTrue();
    assertThat(deleting.loadBalancers()).extracting(ObservedResource::id).containsExactly(LB_ARN);
    assertThat(again).isEqualTo(deleting);
    assertThat(observer.taggedArns(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER), "the cluster", cache))
        .containsOnlyKeys(LB_ARN, other);
    verify(aws, times(1)).taggedLoadBalancersAndTargetGroups(any());
    verify(aws, times(1)).allLoadBalancers();
    verify(aws, times(1)).allTargetGroups();
    // deleting: the deletion protection is read, and the Shield subscription once
    verify(aws, times(2)).loadBalancerAttributes(LB_ARN);
    verify(aws, times(1)).shieldSubscriptionState();
    verify(aws, never()).shieldProtectionId(anyString());
  }

  @Test
  void anHttpsListenersDefaultCertificateIsNotAnSniCertificate() {
    stackInAws();
    when(aws.listeners(LB_ARN)).thenReturn(List.of(Listener.builder().listenerArn(LISTENER).port(443)
        .protocol("HTTPS").loadBalancerArn(LB_ARN).build()));
    when(aws.listenerCertificates(LISTENER)).thenReturn(List.of(
        Certificate.builder().certificateArn("cert-1").isDefault(true).build(),
        Certificate.builder().certificateArn("cert-1").isDefault(false).build(),
        Certificate.builder().certificateArn("cert-2").isDefault(false).build()));

    ObservedResource l = observer.observe(GROUP, wanted(), cache).listeners().get(0);

    assertThat(l.body().get("Certificates").toString()).isEqualTo("[{\"CertificateArn\":\"cert-1\"}]");
    assertThat(l.body().get("SniCertificates").toString()).isEqualTo("[{\"CertificateArn\":\"cert-2\"}]");
  }

  @Test
  void anAwsErrorNamesTheCallAndWhatItRead() {
    when(aws.securityGroups(anyList())).thenThrow(error("UnauthorizedOperation"));
    assertThatThrownBy(() -> observer.observe(GROUP, List.of(lbIntent(null)), cache))
        .isInstanceOf(AwsCallException.class)
        .hasMessage("DescribeSecurityGroups on the security groups of stack demo/shop failed: "
            + "UnauthorizedOperation: UnauthorizedOperation");
  }

  @Test
  void theFrontendNlbIsReadByNameItsListenersWithoutRulesAndItsTargetGroupWithTheRegisteredAlb() {
    stackInAws();
    String nlbArn = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/k8s-demo-shop-nlb/2";
    String nlbListener = "arn:aws:elasticloadbalancing:eu-west-1:1:listener/net/k8s-demo-shop-nlb/2/80";
    String albTg = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/k8s-demo-shop-nlbtg/3";
    when(aws.loadBalancersByName(List.of("k8s-demo-shop-nlb"))).thenReturn(List.of(LoadBalancer.builder()
        .loadBalancerArn(nlbArn).loadBalancerName("k8s-demo-shop-nlb").scheme("internal").type("network").vpcId(VPC)
        .build()));
    when(aws.targetGroupsByName(List.of("k8s-demo-web", "k8s-demo-shop-nlbtg"))).thenReturn(List.of(
        tg(TG_ARN, "k8s-demo-web"), TargetGroup.builder().targetGroupArn(albTg).targetGroupName("k8s-demo-shop-nlbtg")
            .targetType("alb").vpcId(VPC).build()));
    when(aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER,
        ObservedResource.STACK_TAG, GROUP))).thenReturn(Map.of(
            LB_ARN, tags(GROUP, LoadBalancerIntent.RESOURCE_ID), TG_ARN, tags(GROUP, "demo/web:80"),
            nlbArn, tags(GROUP, "FrontendNlb"), albTg, tags(GROUP, "FrontendNlb-tg-TCP-80")));
    when(aws.listeners(nlbArn)).thenReturn(List.of(Listener.builder().listenerArn(nlbListener).port(80)
        .protocol("TCP").loadBalancerArn(nlbArn).build()));
    when(aws.tags(List.of(LISTENER, RULE, nlbListener))).thenReturn(Map.of(LISTENER, tags(GROUP, "80"), RULE,
        tags(GROUP, "80:1"), nlbListener, tags(GROUP, "FrontendNlb-ls-TCP-80")));
    when(aws.registeredTargets(albTg)).thenReturn(List.of(
        software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription.builder().id(LB_ARN).port(80)
            .build()));
    LoadBalancerIntent nlb = new LoadBalancerIntent(GROUP, "FrontendNlb", "k8s-demo-shop-nlb", "network", "internal",
        "ipv4", List.of(), null, List.of(), null, null, Map.of());
    TargetGroupIntent nlbTg = new TargetGroupIntent(GROUP, "FrontendNlb-tg-TCP-80", null, null, null,
        "k8s-demo-shop-nlbtg", "TCP", null, 80, "alb", "ipv4", VPC, "HTTP", "traffic-port", "/", 15, 5, 2, 2,
        Map.of("HttpCode", "200"), null, null, Map.of(),
        List.of(new TargetGroupIntent.Target(dev.albc.intents.Ref.to("LoadBalancer"), 80)));
    List<Intent> want = new java.util.ArrayList<>(wanted());
    want.add(nlb);
    want.add(2, nlbTg);

    ObservedStack s = observer.observe(GROUP, want, cache);

    assertThat(s.loadBalancers()).extracting(ObservedResource::resourceTag)
        .containsExactlyInAnyOrder("LoadBalancer", "FrontendNlb");
    assertThat(s.listeners()).extracting(ObservedResource::parent).containsExactly(LB_ARN, nlbArn);
    verify(aws, never()).rules(nlbListener);
    assertThat(s.targetGroups()).filteredOn(g -> g.id().equals(albTg)).singleElement()
        .satisfies(g -> assertThat(g.body().path("Targets").toString())
            .isEqualTo("[{\"Id\":\"" + LB_ARN + "\",\"Port\":80}]"));
    verify(aws, never()).registeredTargets(TG_ARN);
  }

  static software.amazon.awssdk.services.acm.model.CertificateSummary cert(String arn, String domain) {
    return software.amazon.awssdk.services.acm.model.CertificateSummary.builder().certificateArn(arn)
        .domainName(domain).subjectAlternativeNameSummaries(domain).status("ISSUED").build();
  }

  @Test
  void certificatesAreReadOnlyWithTheGateAndOnlyTheStacksAreKept() {
    stackInAws();
    assertThat(observer.observe(GROUP, wanted(), cache).certificates()).as("gate off: not read").isNull();
    verify(aws, never()).certificates();

    when(aws.certificates()).thenReturn(List.of(cert("arn:acm:mine", "shop.example.com"),
        cert("arn:acm:other-stack", "other.example.com"), cert("arn:acm:other-cluster", "x.example.com"),
        cert("arn:acm:imported", "y.example.com")));
    when(aws.certificateTags("arn:acm:mine")).thenReturn(tags(GROUP, "amazon_issued/shop.example.com-4a8aa0d0"));
    when(aws.certificateTags("arn:acm:other-stack")).thenReturn(tags("demo/other", "amazon_issued/o-1"));
    when(aws.certificateTags("arn:acm:other-cluster")).thenReturn(Map.of(ObservedResource.CLUSTER_TAG, "prod",
        ObservedResource.STACK_TAG, GROUP, ObservedResource.RESOURCE_TAG, "amazon_issued/x-1"));
    when(aws.certificateTags("arn:acm:imported")).thenReturn(Map.of());
    ObservedStack s = observer.withCertificates(true).observe(GROUP, wanted(), cache);
    assertThat(s.certificates()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("arn:acm:mine");
      assertThat(c.resourceTag()).isEqualTo("amazon_issued/shop.example.com-4a8aa0d0");
      assertThat(c.body().path("SubjectAlternativeNameSummaries").toString()).isEqualTo("[\"shop.example.com\"]");
    });
  }

  @Test
  void aFailedCertificateTagReadFailsTheObservationRatherThanListingFewer() {
    stackInAws();
    when(aws.certificates()).thenReturn(List.of(cert("arn:acm:mine", "shop.example.com")));
    when(aws.certificateTags("arn:acm:mine")).thenThrow(AwsServiceException.builder().message("throttled")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build());
    assertThatThrownBy(() -> observer.withCertificates(true).observe(GROUP, wanted(), cache))
        .isInstanceOf(AwsCallException.class).hasMessageContaining("ListTagsForCertificate");
  }

  @Test
  void certificateTagsAreReadOncePerRunAndKeptAcrossRunsForAMinute() {
    stackInAws();
    when(aws.certificates()).thenReturn(List.of(cert("arn:acm:mine", "shop.example.com")));
    when(aws.certificateTags("arn:acm:mine")).thenReturn(tags(GROUP, "amazon_issued/shop.example.com-4a8aa0d0"));
    Observer gated = observer.withCertificates(true);
    gated.observe(GROUP, wanted(), cache);
    gated.observe(GROUP, wanted(), cache);
    verify(aws, times(1)).certificateTags("arn:acm:mine");

    var clock = new dev.albc.controller.CachedAccountFactsTest.MovingClock();
    var shared = new SharedObservations(java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(30), clock);
    gated.observe(GROUP, wanted(), new ObservationCache(shared));
    verify(aws, times(2)).certificateTags("arn:acm:mine");
    clock.now = clock.now.plusSeconds(59);
    gated.observe(GROUP, wanted(), new ObservationCache(shared));
    verify(aws, times(2)).certificateTags("arn:acm:mine");
    clock.now = clock.now.plusSeconds(2);
    assertThat(gated.observe(GROUP, wanted(), new ObservationCache(shared)).certificates()).hasSize(1);
    verify(aws, times(3)).certificateTags("arn:acm:mine");
    verify(aws, times(5)).certificates(); // the list itself is read by every observation
  }
}
