package dev.albc.observe;

import static dev.albc.observe.ObserverTest.CLUSTER;
import static dev.albc.observe.ObserverTest.GROUP;
import static dev.albc.observe.ObserverTest.LB_ARN;
import static dev.albc.observe.ObserverTest.LISTENER;
import static dev.albc.observe.ObserverTest.RULE;
import static dev.albc.observe.ObserverTest.TG_ARN;
import static dev.albc.observe.ObserverTest.error;
import static dev.albc.observe.ObserverTest.hasFilter;
import static dev.albc.observe.ObserverTest.lb;
import static dev.albc.observe.ObserverTest.tags;
import static dev.albc.observe.ObserverTest.tg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.albc.aws.AwsCallException;
import dev.albc.controller.CachedAccountFactsTest.MovingClock;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The snapshot read when the controller's workers start, and when a group's observation may use it
 * (docs/controller.md "AWS reads after a start"), over the mocked reads of {@link ObserverTest}.
 */
class ClusterSnapshotTest {
  static final String OTHER_LB = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/k8s-demo-other/2";

  final ObserverTest base = new ObserverTest();
  final MovingClock clock = new MovingClock();
  SharedObservations shared;

  @BeforeEach
  void setUp() {
    base.setUp();
    base.stackInAws();
    shared = new SharedObservations(Duration.ofMinutes(10), Duration.ofMinutes(30), clock);
    // the cluster: this stack and another one; its security groups: this stack's, the backend one
    when(base.aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER))).thenReturn(Map.of(
        LB_ARN, tags(GROUP, LoadBalancerIntent.RESOURCE_ID), TG_ARN, tags(GROUP, "demo/web:80"),
        OTHER_LB, tags("demo/other", LoadBalancerIntent.RESOURCE_ID)));
    when(base.aws.loadBalancersByArn(anyList())).thenAnswer(inv -> ((List<String>) inv.getArgument(0)).stream()
        .map(a -> lb(a, a.equals(LB_ARN) ? "k8s-demo-shop" : "k8s-demo-other")).toList());
    when(base.aws.targetGroupsByArn(List.of(TG_ARN))).thenReturn(List.of(tg(TG_ARN, "k8s-demo-web")));
    when(base.aws.securityGroups(anyList())).thenAnswer(inv -> {
      List<Filter> f = inv.getArgument(0);
      if (hasFilter(f, "tag:" + Observer.BACKEND_SG_TAG, "backend-sg")) {
        return List.of(backendSg());
      }
      if (hasFilter(f, "tag:" + ObservedResource.STACK_TAG, GROUP)) {
        return List.of(managedSg());
      }
      return List.of(managedSg(), backendSg()); // the cluster's
    });
  }

  static SecurityGroup backendSg() {
    return SecurityGroup.builder().groupId("sg-backend").groupName("k8s-traffic-demo-1")
        .tags(t -> t.key(ObservedResource.CLUSTER_TAG).value(CLUSTER),
            t -> t.key(Observer.BACKEND_SG_TAG).value("backend-sg")).build();
  }

  static SecurityGroup managedSg() {
    return SecurityGroup.builder().groupId("sg-managed").groupName("k8s-demo-shop-1")
        .tags(t -> t.key(ObservedResource.CLUSTER_TAG).value(CLUSTER), t -> t.key(ObservedResource.STACK_TAG).value(GROUP),
            t -> t.key(ObservedResource.RESOURCE_TAG).value(SecurityGroupIntent.MANAGED)).build();
  }

  ObservedStack observe() {
    return base.observer.observe(GROUP, base.wanted(), new ObservationCache(shared));
  }

  void takeSnapshot() {
    shared.snapshot(base.observer.snapshot(clock.instant()));
    clearInvocations(base.aws);
  }

  @Test
  void theFirstObservationAfterAStartReadsOnlyTheListenersTheirRulesAndTheirTags() {
    ObservedStack fresh = base.observer.observe(GROUP, base.wanted(), new ObservationCache());
    takeSnapshot();

    ObservedStack s = observe();

    assertThat(s).as("the same stack as read group by group").isEqualTo(fresh);
    verify(base.aws).listeners(LB_ARN);
    verify(base.aws).rules(LISTENER);
    verify(base.aws).tags(List.of(LISTENER, RULE));
    verify(base.aws, never()).loadBalancersByName(anyList());
    verify(base.aws, never()).targetGroupsByName(anyList());
    verify(base.aws, never()).loadBalancersByArn(anyList());
    verify(base.aws, never()).taggedLoadBalancersAndTargetGroups(anyMap());
    verify(base.aws, never()).securityGroups(anyList());
    assertThat(shared.dnsName(LB_ARN)).as("not set by this fixture's load balancer").isNull();
  }

  @Test
  void theSnapshotServesAGroupOnceAndNeverAfterAWriteForIt() {
    takeSnapshot();
    shared.writing(GROUP);
    observe();
    verify(base.aws).loadBalancersByName(List.of("k8s-demo-shop"));
    verify(base.aws).taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER,
        ObservedResource.STACK_TAG, GROUP));

    clock.now = clock.now.plusSeconds(1);
    takeSnapshot(); // a new snapshot, taken after that write: trusted once
    observe();
    verify(base.aws, never()).loadBalancersByName(anyList());
    observe(); // the second observation reads for itself
    verify(base.aws).loadBalancersByName(List.of("k8s-demo-shop"));
  }

  @Test
  void aSnapshotOlderThanItsMaximumAgeIsNotUsed() {
    takeSnapshot();
    clock.now = clock.now.plus(Duration.ofMinutes(30));
    observe();
    verify(base.aws).loadBalancersByName(List.of("k8s-demo-shop"));
    assertThat(shared.holdsSnapshot()).as("released").isFalse();
  }

  @Test
  void whatTheSnapshotLacksIsReadNeverTakenAsAbsent() {
    when(base.aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER)))
        .thenReturn(Map.of(OTHER_LB, tags("demo/other", LoadBalancerIntent.RESOURCE_ID)));
    when(base.aws.securityGroups(anyList())).thenReturn(List.of());
    takeSnapshot();
    base.stackInAws();
    when(base.aws.tags(List.of(LB_ARN, TG_ARN))).thenReturn(Map.of(LB_ARN, tags(GROUP, LoadBalancerIntent.RESOURCE_ID),
        TG_ARN, tags(GROUP, "demo/web:80")));

    ObservedStack s = observe();

    assertThat(s.loadBalancers()).extracting(ObservedResource::id).containsExactly(LB_ARN);
    assertThat(s.targetGroups()).extracting(ObservedResource::id).containsExactly(TG_ARN);
    assertThat(s.securityGroups()).extracting(ObservedResource::id).containsExactly("sg-managed");
    assertThat(s.backendSecurityGroup().id()).isEqualTo("sg-backend");
    verify(base.aws).loadBalancersByName(List.of("k8s-demo-shop"));
    verify(base.aws).targetGroupsByName(List.of("k8s-demo-web"));
    verify(base.aws).tags(List.of(LB_ARN, TG_ARN)); // their tags: not in the snapshot
    verify(base.aws, times(2)).securityGroups(anyList()); // the stack's, the backend one
  }

  @Test
  void aDeletionNeverUsesTheSnapshot() {
    takeSnapshot();
    base.observer.observe(GROUP, List.of(), new ObservationCache(shared));
    verify(base.aws).taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER,
        ObservedResource.STACK_TAG, GROUP));
    verify(base.aws, times(2)).securityGroups(anyList());
  }

  @Test
  void aFailedReadMakesNoSnapshot() {
    when(base.aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER)))
        .thenThrow(error("Throttling"));
    assertThatThrownBy(() -> base.observer.snapshot(clock.instant())).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("GetResources");
    org.mockito.Mockito.doReturn(Map.of(LB_ARN, tags(GROUP, LoadBalancerIntent.RESOURCE_ID)))
        .when(base.aws).taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, CLUSTER));
    org.mockito.Mockito.doThrow(error("RequestLimitExceeded")).when(base.aws).securityGroups(anyList());
    assertThatThrownBy(() -> base.observer.snapshot(clock.instant())).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("DescribeSecurityGroups");
    assertThat(shared.holdsSnapshot()).isFalse();
  }

  @Test
  void theBackendSecurityGroupIsKeptAcrossRunsForTheTimeToLiveUnlessForgotten() {
    observe();
    observe();
    verify(base.aws, times(1)).securityGroups(org.mockito.ArgumentMatchers.argThat(
        f -> hasFilter(f, "tag:" + Observer.BACKEND_SG_TAG, "backend-sg")));
    shared.forgetBackendSecurityGroup();
    observe();
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    observe();
    verify(base.aws, times(3)).securityGroups(org.mockito.ArgumentMatchers.argThat(
        f -> hasFilter(f, "tag:" + Observer.BACKEND_SG_TAG, "backend-sg")));
  }

  @Test
  void theDnsNameOfEachLoadBalancerSeenIsKept() {
    when(base.aws.loadBalancersByName(List.of("k8s-demo-shop"))).thenReturn(List.of(
        lb(LB_ARN, "k8s-demo-shop").toBuilder().dnsName("K8s-Demo-Shop-1.elb.amazonaws.com").build()));
    observe();
    assertThat(shared.dnsName(LB_ARN)).isEqualTo("K8s-Demo-Shop-1.elb.amazonaws.com");
  }
}
