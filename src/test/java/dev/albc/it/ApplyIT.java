package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.executor.LiveFixture;
import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.live.LiveGroups;
import dev.albc.facts.ControllerSettings;
import dev.albc.live.GroupRun;
import dev.albc.live.LiveRun;
import dev.albc.changes.Change;
import dev.albc.changes.LiveChanges;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** albc apply against the emulator: creation, no-op, and exactly the expected changes. */
@IntegrationTest
class ApplyIT {
  static final String QUICKSTART = LiveFixture.example("quickstart");
  static final String API_PATH = "          - path: /api\n";

  static String withAnnotation(String yaml, String annotation) {
    return yaml.replace("  annotations:\n    alb.ingress.kubernetes.io/scheme",
        "  annotations:\n    " + annotation + "\n    alb.ingress.kubernetes.io/scheme");
  }

  @Test
  void quickstartIsCreatedWithTheReferenceNamesAndASecondApplyWritesNothing(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      LiveChanges planned = f.plan(QUICKSTART);
      assertThat(f.aws().calls().writes()).as("plan --live writes nothing").isZero();
      assertThat(LiveFixture.calls(planned)).containsExactly("ec2:CreateSecurityGroup", "ec2:CreateSecurityGroup",
          "ec2:AuthorizeSecurityGroupIngress", "elbv2:CreateTargetGroup", "elbv2:CreateTargetGroup",
          "elbv2:CreateLoadBalancer", "elbv2:CreateListener", "elbv2:CreateRule", "elbv2:CreateRule");

      LiveRun first = f.apply(QUICKSTART);
      System.out.println("[bench] quickstart first apply: " + f.aws().calls().snapshot());
      assertThat(first.changes().changeCount()).isEqualTo(8);
      assertThat(f.aws().calls().writes()).isEqualTo(9);

      List<LoadBalancer> lbs = f.loadBalancers();
      assertThat(lbs).singleElement().satisfies(lb -> {
        assertThat(lb.loadBalancerName()).matches("k8s-demo-shop-[0-9a-f]{10}");
        assertThat(lb.schemeAsString()).isEqualTo("internet-facing");
        assertThat(lb.securityGroups()).hasSize(2);
      });
      LoadBalancer lb = lbs.get(0);
      assertThat(f.tags(lb.loadBalancerArn())).containsEntry("elbv2.k8s.aws/cluster", it.clusterName())
          .containsEntry("ingress.k8s.aws/stack", "demo/shop").containsEntry("ingress.k8s.aws/resource", "LoadBalancer")
          .containsEntry("team", "storefront");
      assertThat(f.targetGroups()).extracting(TargetGroup::targetGroupName)
          .allMatch(n -> n.matches("k8s-demo-(web|api)-[0-9a-f]{10}")).hasSize(2);
      assertThat(f.targetGroups()).extracting(TargetGroup::healthCheckPath)
          .containsExactlyInAnyOrder("/healthz", "/api/health");
      List<Listener> listeners = f.listeners(lb);
      assertThat(listeners).singleElement().satisfies(l -> assertThat(l.port()).isEqualTo(80));
      assertThat(f.rules(listeners.get(0))).hasSize(2);
      assertThat(f.securityGroups()).extracting(g -> g.groupName())
          .containsExactlyInAnyOrder(first.changes().groups().get(0).resources().stream()
              .filter(r -> r.kind().equals("AWS::EC2::SecurityGroup"))
              .map(r -> ((dev.albc.intents.SecurityGroupIntent) r).groupName()).toArray(String[]::new));

      LiveRun second = f.apply(QUICKSTART);
      System.out.println("[bench] quickstart no-op apply: " + f.aws().calls().snapshot());
      assertThat(second.changes().changeCount()).isZero();
      assertThat(f.aws().calls().writeCalls()).as("a no-op apply writes nothing").isEmpty();
      // the account facts (5 reads, DescribeSSLPolicies included, plus the cluster's load balancers:
      // GetResources + DescribeLoadBalancers, an existing ALB keeps its subnets, docs/apply.md "Look-ups"),
      // the backend security group, 7 per group
      assertThat(f.aws().calls().reads()).isLessThanOrEqualTo(15);
      assertThat(f.loadBalancers()).hasSize(1);
    }
  }

  @Test
  void eachEditMakesExactlyTheExpectedChanges(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      f.apply(QUICKSTART);

      // add a path in front of the others: a target group, a rule, and the others' rules move
      String withAdmin = QUICKSTART.replace(API_PATH, "          - path: /admin\n            pathType: Prefix\n"
          + "            backend:\n              service:\n                name: admin\n                port:\n"
          + "                  number: 80\n" + API_PATH)
          + "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: admin\n  namespace: demo\n"
          + "  uid: 9a9a9a9a-0000-4000-8000-00000000abcd\nspec:\n  type: NodePort\n  ports:\n"
          + "    - port: 80\n      targetPort: 8080\n      nodePort: 31082\n";
      LiveChanges added = f.apply(withAdmin).changes();
      assertThat(summary(added)).containsExactly(
          "create TargetGroup demo/shop-admin:80",
          "modify ListenerRule 80:2, 80:3",
          "create ListenerRule 80:1");
      assertThat(LiveFixture.calls(added)).containsExactly("elbv2:CreateTargetGroup", "elbv2:SetRulePriorities",
          "elbv2:SetRulePriorities", "elbv2:AddTags", "elbv2:AddTags", "elbv2:CreateRule");
      assertNoChange(f, withAdmin);
      assertThat(f.rules(f.listeners(f.loadBalancers().get(0)).get(0))).hasSize(3);

      // change the Ingress's health check path: the two target groups that take it from the Ingress
      // (api's Service sets its own) are modified in place, nothing else
      String hc = withAdmin.replace("healthcheck-path: /healthz", "healthcheck-path: /ready");
      LiveChanges health = f.apply(hc).changes();
      assertThat(summary(health)).containsExactly("modify TargetGroup demo/shop-admin:80",
          "modify TargetGroup demo/shop-web:80");
      assertThat(LiveFixture.calls(health)).containsExactly("elbv2:ModifyTargetGroup", "elbv2:ModifyTargetGroup");
      assertThat(f.aws().calls().writeCalls()).containsExactly(Map.entry("elbv2:ModifyTargetGroup", 2L));
      assertThat(f.targetGroups()).extracting(TargetGroup::healthCheckPath).contains("/ready");
      assertNoChange(f, hc);

      // add an HTTPS listener (certificate discovered in ACM by host)
      it.seedAws().importCertificate("shop.example.com");
      String https = withAnnotation(hc, "alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]'");
      LiveChanges tls = f.apply(https).changes();
      assertThat(summary(tls)).containsExactly(
          "modify SecurityGroup ManagedLBSecurityGroup",
          "create Listener 443",
          "create ListenerRule 443:1", "create ListenerRule 443:2", "create ListenerRule 443:3");
      // the listener's certificates also through AddListenerCertificates, as the reference (docs/differences.md)
      assertThat(LiveFixture.calls(tls)).containsExactly("ec2:AuthorizeSecurityGroupIngress", "elbv2:CreateListener",
          "elbv2:AddListenerCertificates", "elbv2:CreateRule", "elbv2:CreateRule", "elbv2:CreateRule");
      assertThat(f.listeners(f.loadBalancers().get(0))).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
      assertNoChange(f, https);

      // change the scheme: a new load balancer replaces the old one (deleted first, as the reference)
      String internal = https.replace("scheme: internet-facing", "scheme: internal");
      String oldName = f.loadBalancers().get(0).loadBalancerName();
      LiveChanges scheme = f.apply(internal).changes();
      Change replace = scheme.groups().get(0).changes().stream()
          .filter(c -> c.action() == Change.Action.REPLACE).findFirst().orElseThrow();
      assertThat(replace.kind()).isEqualTo("AWS::ElasticLoadBalancingV2::LoadBalancer");
      assertThat(replace.risk()).isEqualTo(Change.Risk.REPLACEMENT);
      assertThat(summary(scheme)).containsExactly(
          "replace LoadBalancer LoadBalancer",
          "create Listener 80", "create Listener 443",
          "create ListenerRule 80:1", "create ListenerRule 80:2", "create ListenerRule 80:3",
          "create ListenerRule 443:1", "create ListenerRule 443:2", "create ListenerRule 443:3");
      assertThat(f.loadBalancers()).singleElement().satisfies(lb -> {
        assertThat(lb.schemeAsString()).isEqualTo("internal");
        assertThat(lb.loadBalancerName()).isNotEqualTo(oldName).matches("k8s-demo-shop-[0-9a-f]{10}");
        assertThat(lb.availabilityZones()).extracting(z -> z.subnetId())
            .containsExactlyInAnyOrderElementsOf(f.network().privateSubnetIds());
      });
      assertThat(f.targetGroups()).hasSize(3);
      assertNoChange(f, internal);
    }
  }

  @Test
  void anIngressRemovedFromAGroupTakesItsRulesAndTargetGroupsWithIt(ItContext it) {
    String group = LiveFixture.example("ingress-group");
    try (LiveFixture f = new LiveFixture(it)) {
      LiveChanges first = f.apply(group).changes();
      assertThat(first.groups()).hasSize(1);
      String gid = first.groups().get(0).id();
      List<String> members = first.groups().get(0).members();
      assertThat(members).hasSizeGreaterThan(1);
      int tgs = f.targetGroups().size();

      // drop the last member Ingress from the manifests
      String last = members.get(members.size() - 1);
      String without = dropIngress(group, last.substring(last.indexOf('/') + 1));
      LiveChanges after = f.apply(without).changes();
      assertThat(after.groups()).singleElement().satisfies(g -> assertThat(g.id()).isEqualTo(gid));
      List<Change> changes = after.groups().get(0).changes();
      assertThat(changes).anyMatch(c -> c.action() == Change.Action.DELETE
          && c.kind().equals("AWS::ElasticLoadBalancingV2::ListenerRule"));
      assertThat(changes).noneMatch(c -> c.kind().equals("AWS::ElasticLoadBalancingV2::LoadBalancer"));
      assertThat(f.targetGroups().size()).isLessThan(tgs);
      assertNoChange(f, without);
    }
  }

  @Test
  void twoNewGroupsInOneRunShareOneBackendSecurityGroup(ItContext it) {
    String ingress = java.util.Arrays.stream(QUICKSTART.split("(?m)^---\\s*$"))
        .filter(d -> d.contains("kind: Ingress\n")).findFirst().orElseThrow();
    String both = QUICKSTART + "\n---\n" + ingress.replace("name: shop\n", "name: shop2\n")
        .replace("host: shop.example.com", "host: shop2.example.com");
    try (LiveFixture f = new LiveFixture(it)) {
      LiveRun a = f.apply(both);
      assertThat(a.changes().groups()).hasSize(2);
      assertThat(f.aws().calls().snapshot()).containsEntry("ec2:CreateSecurityGroup", 3L);
      assertThat(f.securityGroups()).filteredOn(g -> g.groupName().startsWith("k8s-traffic-")).hasSize(1);
      assertThat(f.loadBalancers()).hasSize(2);
      assertNoChange(f, both);
    }
  }

  @Test
  void withoutTheTaggingApiStaleResourcesAreFoundByListingOncePerRun(ItContext it) {
    // the reference's IAM policy does not grant tag:GetResources
    software.amazon.awssdk.core.interceptor.ExecutionInterceptor deny =
        new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
          @Override
          public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission c,
              software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
            if ("GetResources".equals(a.getAttribute(
                software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME))) {
              throw software.amazon.awssdk.awscore.exception.AwsServiceException.builder().statusCode(400)
                  .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                      .errorCode("AccessDeniedException").errorMessage("not authorized to perform tag:GetResources")
                      .build()).build();
            }
          }
        };
    try (LiveFixture f = new LiveFixture(it, deny)) {
      f.apply(QUICKSTART);
      assertNoChange(f, QUICKSTART);
      // tried once by the account facts (the cluster's load balancers) and once by the observation; each then lists
      assertThat(f.aws().calls().snapshot()).containsEntry("tagging:GetResources", 2L);
      String noApi = QUICKSTART.replace("          - path: /api\n            pathType: Prefix\n"
          + "            backend:\n              service:\n                name: api\n                port:\n"
          + "                  name: http\n", "");
      LiveChanges removed = f.apply(noApi).changes();
      assertThat(summary(removed)).contains("delete TargetGroup demo/shop-api:http");
      assertThat(f.targetGroups()).hasSize(1);
      assertNoChange(f, noApi);
      // the deletion of the group finds everything by listing too, the backend security group included
      f.delete("demo/shop");
      assertThat(f.loadBalancers()).isEmpty();
      assertThat(f.targetGroups()).isEmpty();
      assertThat(f.securityGroups()).isEmpty();
    }
  }

  static String dropIngress(String yaml, String name) {
    StringBuilder out = new StringBuilder();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.contains("kind: Ingress\n") && doc.matches("(?s).*\\n  name: " + java.util.regex.Pattern.quote(name) + "\\n.*")) {
        continue;
      }
      out.append(doc).append("\n---\n");
    }
    return out.toString();
  }

  @Test
  void aGroupWithAnInvalidAnnotationLeavesItsResourcesUntouched(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      f.apply(QUICKSTART);
      String bad = QUICKSTART.replace("scheme: internet-facing", "scheme: public");
      LiveRun a = f.apply(bad);
      assertThat(a.changes().groups()).singleElement().satisfies(g -> {
        assertThat(g.blocked()).isTrue();
        assertThat(g.changes()).isEmpty();
      });
      assertThat(a.changes().hasErrors()).isTrue();
      assertThat(f.aws().calls().writeCalls()).isEmpty();
      // not even read: a blocked group is not observed (the account facts list the cluster's load balancers once,
      // for every group; nothing of this group's stack is read)
      assertThat(f.aws().calls().snapshot()).doesNotContainKeys("elbv2:DescribeListeners", "elbv2:DescribeRules",
          "elbv2:DescribeTargetGroups", "elbv2:DescribeTags");
      assertThat(f.aws().calls().snapshot()).containsEntry("elbv2:DescribeLoadBalancers", 1L);
      assertThat(f.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.schemeAsString()).isEqualTo("internet-facing"));
      assertThat(f.targetGroups()).hasSize(2);
    }
  }

  // issue 14 item 3: live, ssl-policy is checked against the account's DescribeSSLPolicies (moto's
  // list), not albc's: a name the account lacks is an error naming the Ingress and annotation.
  @Test
  void planLiveChecksSslPolicyAgainstTheAccountsPolicies(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      LiveChanges refused = f.plan(withAnnotation(QUICKSTART, "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-Nope"));
      assertThat(f.aws().calls().snapshot()).containsEntry("elbv2:DescribeSSLPolicies", 1L);
      assertThat(refused.hasErrors()).isTrue();
      assertThat(refused.groups()).singleElement().satisfies(g -> {
        assertThat(g.changes()).isEmpty();
        assertThat(g.diagnostics()).filteredOn(d -> d.isError()).singleElement().satisfies(d -> {
          assertThat(d.object()).isEqualTo("Ingress demo/shop");
          assertThat(d.field()).isEqualTo("alb.ingress.kubernetes.io/ssl-policy");
          assertThat(d.message()).contains("\"ELBSecurityPolicy-Nope\" is not an ELB security policy of the account")
              .contains("ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08");
        });
      });

      LiveChanges planned = f.plan(withAnnotation(QUICKSTART, "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06"));
      assertThat(planned.hasErrors()).as(planned.json()).isFalse();
      assertThat(planned.groups()).singleElement().satisfies(g -> {
        assertThat(g.changes()).isNotEmpty();
        assertThat(g.diagnostics()).noneMatch(d -> "alb.ingress.kubernetes.io/ssl-policy".equals(d.field()));
      });
      assertThat(f.aws().calls().writes()).as("plan --live writes nothing").isZero();
    }
  }

  // issue 14: --default-ssl-policy is checked the same way where an HTTPS listener takes it: a name the
  // account lacks is an error on the group naming the flag; the reference's default (moto has it) plans.
  @Test
  void planLiveChecksTheDefaultSslPolicyAgainstTheAccountsPolicies(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      it.seedAws().importCertificate("shop.example.com");
      String https = withAnnotation(QUICKSTART, "alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'");
      LiveChanges refused = planWithDefaultSslPolicy(f, https, "ELBSecurityPolicy-Nope");
      assertThat(refused.groups()).singleElement().satisfies(g -> {
        assertThat(g.changes()).isEmpty();
        assertThat(g.diagnostics()).filteredOn(d -> d.isError()).singleElement().satisfies(d -> {
          assertThat(d.object()).isEqualTo("IngressGroup demo/shop");
          assertThat(d.field()).isEqualTo("--default-ssl-policy");
          assertThat(d.message()).contains("\"ELBSecurityPolicy-Nope\" is not an ELB security policy of the account,"
              + " and the HTTPS listener on port 443 takes it").contains("ELBSecurityPolicy-TLS13-1-2-2021-06");
        });
      });

      LiveChanges planned = planWithDefaultSslPolicy(f, https, ControllerSettings.DEFAULT_SSL_POLICY);
      assertThat(planned.hasErrors()).as(planned.json()).isFalse();
      assertThat(planned.groups()).singleElement().satisfies(g -> {
        assertThat(g.changes()).isNotEmpty();
        assertThat(g.diagnostics()).noneMatch(d -> "--default-ssl-policy".equals(d.field()));
      });
      assertThat(f.aws().calls().writes()).as("plan --live writes nothing").isZero();
    }
  }

  /** {@code albc plan --live --default-ssl-policy=POLICY} over the manifests. */
  static LiveChanges planWithDefaultSslPolicy(LiveFixture f, String yaml, String policy) {
    ControllerSettings s = f.settings();
    ControllerSettings with = new ControllerSettings(s.clusterName(), s.vpcId(), s.region(), s.ingressClass(),
        s.defaultTargetType(), s.defaultLoadBalancerScheme(), policy, s.defaultTags(), s.featureGates(),
        s.enableBackendSecurityGroup(), s.backendSecurityGroup(), s.tolerateNonExistentBackendService(),
        s.tolerateNonExistentBackendAction(), s.allowedCertificateAuthorityArns(), s.disableRestrictedSgRules());
    return new LiveGroups(f.aws(), with, null, () -> LiveFixture.RUNNER, KubeFacts.of(LiveFixture.facts(yaml)),
        AccountFactSource.once(f.aws(), with.vpcId(), with.clusterName())).planAll().changes();
  }

  @Test
  void deletingTheGroupRemovesAllItsResources(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      f.apply(QUICKSTART);
      List<GroupRun> d = f.delete("demo/shop");
      assertThat(d.get(0).changes().changes()).allMatch(c -> c.action() == Change.Action.DELETE);
      assertThat(f.loadBalancers()).isEmpty();
      assertThat(f.targetGroups()).isEmpty();
      assertThat(f.securityGroups()).as("managed and backend security groups").isEmpty();
      // deleting again finds nothing
      assertThat(f.delete("demo/shop").get(0).changes().changes()).isEmpty();
    }
  }

  static void assertNoChange(LiveFixture f, String yaml) {
    LiveRun again = f.apply(yaml);
    assertThat(again.changes().changeCount()).as("changes of an immediate re-apply: %s", summary(again.changes())).isZero();
    assertThat(f.aws().calls().writeCalls()).as("writes of an immediate re-apply").isEmpty();
  }

  static List<String> summary(LiveChanges p) {
    return p.groups().stream().flatMap(g -> g.changes().stream())
        .map(c -> c.action().json() + " " + c.kind().substring(c.kind().lastIndexOf(':') + 1) + " " + c.resourceId())
        .toList();
  }
}
