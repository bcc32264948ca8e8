package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.changes.LiveChanges;
import dev.albc.executor.LiveFixture;
import dev.albc.facts.ControllerSettings;
import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.live.LiveGroups;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * Look-ups in the account (docs/apply.md "Look-ups") against the emulator: a {@code wafv2-acl-name}
 * and a {@code targetGroupName} resolved to ARNs, an existing load balancer keeping its subnets while
 * discovery would choose others, and {@code --allowed-certificate-authority-arns}.
 */
@IntegrationTest
class LookupsIT {
  static final String QUICKSTART = LiveFixture.example("quickstart");

  /** The quickstart with more annotations on the Ingress. */
  static String annotate(String yaml, String annotations) {
    return yaml.replace("  annotations:\n    alb.ingress.kubernetes.io/scheme",
        "  annotations:\n" + annotations + "    alb.ingress.kubernetes.io/scheme");
  }

  /** The quickstart with a path /ext to the action {@code ext}. */
  static String withExternalPath(String yaml) {
    return yaml.replace("          - path: /api\n",
        "          - path: /ext\n            pathType: Prefix\n            backend:\n              service:\n"
            + "                name: ext\n                port:\n                  name: use-annotation\n"
            + "          - path: /api\n");
  }

  @Test
  void aWebAclNameAndATargetGroupNameBecomeTheirArns(ItContext it) {
    String acl = it.aws().wafv2().createWebACL(r -> r.name("albc-it-by-name").scope(Scope.REGIONAL)
        .defaultAction(a -> a.allow(x -> { }))
        .visibilityConfig(v -> v.sampledRequestsEnabled(false).cloudWatchMetricsEnabled(false).metricName("albc")))
        .summary().arn();
    try (LiveFixture f = new LiveFixture(it)) {
      String tg = it.aws().elbv2().createTargetGroup(r -> r.name("albc-it-external").protocol("HTTP").port(80)
          .vpcId(f.network().vpcId()).targetType("ip")).targetGroups().get(0).targetGroupArn();
      String yaml = withExternalPath(annotate(QUICKSTART,
          "    alb.ingress.kubernetes.io/wafv2-acl-name: albc-it-by-name\n"
              + "    alb.ingress.kubernetes.io/actions.ext: '{\"type\":\"forward\",\"targetGroupName\":\"albc-it-external\"}'\n"));

      LiveChanges applied = f.apply(yaml).changes();
      assertThat(applied.groups().get(0).diagnostics()).noneMatch(d -> d.isError());
      assertThat(f.aws().calls().snapshot()).containsKeys("wafv2:ListWebACLs", "elbv2:DescribeTargetGroups");
      String lbArn = f.loadBalancers().get(0).loadBalancerArn();
      assertThat(it.aws().wafv2().getWebACLForResource(r -> r.resourceArn(lbArn)).webACL().arn()).isEqualTo(acl);
      String listener = it.aws().elbv2().describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().get(0).listenerArn();
      List<Rule> rules = it.aws().elbv2().describeRules(r -> r.listenerArn(listener)).rules();
      assertThat(rules).flatExtracting(Rule::actions).flatExtracting(LookupsIT::targetGroupArns).contains(tg);
      ApplyIT.assertNoChange(f, yaml);
    }
  }

  @Test
  void namesTheAccountLacksAreErrorsAndNothingIsChanged(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      String yaml = withExternalPath(annotate(QUICKSTART,
          "    alb.ingress.kubernetes.io/wafv2-acl-name: no-such-acl\n"
              + "    alb.ingress.kubernetes.io/actions.ext: '{\"type\":\"forward\",\"targetGroupName\":\"no-such-tg\"}'\n"));
      LiveChanges plan = f.plan(yaml);
      assertThat(plan.groups().get(0).diagnostics()).filteredOn(d -> d.isError())
          .extracting(d -> d.message())
          .containsExactlyInAnyOrder("couldn't find WAFv2 WebACL with name: no-such-acl",
              "searching TargetGroup with name no-such-tg: expecting a single targetGroup with query [no-such-tg] but got 0");
      assertThat(plan.groups().get(0).changes()).isEmpty();
      assertThat(f.aws().calls().writeCalls()).isEmpty();
    }
  }

  @Test
  void anExistingLoadBalancerKeepsItsSubnetsWhileItsSchemeIsUnchanged(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      f.apply(QUICKSTART);
      List<String> before = f.loadBalancers().get(0).availabilityZones().stream().map(AvailabilityZone::subnetId)
          .sorted().toList();
      assertThat(before).containsExactlyInAnyOrderElementsOf(f.network().publicSubnetIds());
      // discovery would now leave out the first public subnet (tagged for another cluster) and
      // find one availability zone only: an error, were the existing load balancer's subnets not kept
      String first = f.network().publicSubnetIds().get(0);
      it.aws().ec2().createTags(r -> r.resources(first).tags(Tag.builder().key("kubernetes.io/cluster/other").value("owned").build()));
      LiveChanges plan = f.plan(QUICKSTART);
      assertThat(plan.groups().get(0).diagnostics()).noneMatch(d -> d.isError());
      assertThat(ApplyIT.summary(plan)).isEmpty();

      // a scheme change discovers again: the load balancer is replaced in the private subnets
      String internal = QUICKSTART.replace("alb.ingress.kubernetes.io/scheme: internet-facing",
          "alb.ingress.kubernetes.io/scheme: internal");
      LiveChanges replaced = f.plan(internal);
      assertThat(replaced.groups().get(0).resources()).filteredOn(r -> r.kind().endsWith("::LoadBalancer"))
          .singleElement().satisfies(lb -> assertThat(lb.toString()).contains(f.network().privateSubnetIds().get(0)));
    }
  }

  @Test
  void allowedCertificateAuthoritiesFilterDiscoveredCertificates(ItContext it) {
    String ca1 = "arn:aws:acm-pca:" + it.settings().region() + ":123456789012:certificate-authority/ca-1";
    String ca2 = "arn:aws:acm-pca:" + it.settings().region() + ":123456789012:certificate-authority/ca-2";
    String fromCa1 = it.aws().acm().requestCertificate(r -> r.domainName("shop.example.com").certificateAuthorityArn(ca1))
        .certificateArn();
    String fromCa2 = it.aws().acm().requestCertificate(r -> r.domainName("shop.example.com").certificateAuthorityArn(ca2))
        .certificateArn();
    try (LiveFixture f = new LiveFixture(it)) {
      String https = annotate(QUICKSTART, "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n");
      ControllerSettings s = f.settings();
      ControllerSettings onlyCa1 = new ControllerSettings(s.clusterName(), s.vpcId(), s.region(), null, null, null, null,
          null, null, true, null, true, true, List.of(ca1), false);
      for (var c : List.of(List.of(s, fromCa1 + "," + fromCa2), List.of(onlyCa1, fromCa1))) {
        LiveChanges plan = new LiveGroups(f.aws(), (ControllerSettings) c.get(0), null, () -> LiveFixture.RUNNER,
            KubeFacts.of(LiveFixture.facts(https)), AccountFactSource.once(f.aws(), s.vpcId(), s.clusterName()))
            .planAll().changes();
        assertThat(plan.groups().get(0).diagnostics()).noneMatch(d -> d.isError());
        List<String> want = List.of(((String) c.get(1)).split(","));
        assertThat(plan.groups().get(0).resources()).filteredOn(r -> r.kind().endsWith("::Listener"))
            .singleElement().satisfies(l -> {
              List<String> arns = java.util.stream.Stream.of(fromCa1, fromCa2).filter(a -> l.toString().contains(a)).toList();
              assertThat(arns).containsExactlyInAnyOrderElementsOf(want);
            });
      }
    }
  }

  static List<String> targetGroupArns(Action a) {
    if (a.forwardConfig() != null) {
      return a.forwardConfig().targetGroups().stream().map(t -> t.targetGroupArn()).toList();
    }
    return a.targetGroupArn() == null ? List.of() : List.of(a.targetGroupArn());
  }
}
