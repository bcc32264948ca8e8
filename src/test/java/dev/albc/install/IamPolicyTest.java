package dev.albc.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.aws.AwsOperations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam/albc-iam-policy.json grants exactly {@link AwsOperations#iamActions()}, with the
 * reference policy's conditions (docs/installation.md "IAM policy").
 */
class IamPolicyTest {
  static final Path POLICY = Path.of("deploy/iam/albc-iam-policy.json");
  static final String ELB = "elasticloadbalancing:";
  static final String REQUEST_TAG = "aws:RequestTag/elbv2.k8s.aws/cluster";
  static final String RESOURCE_TAG = "aws:ResourceTag/elbv2.k8s.aws/cluster";

  static List<JsonNode> statements;

  @BeforeAll
  static void read() throws Exception {
    JsonNode policy = new ObjectMapper().readTree(POLICY.toFile());
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    statements = new ArrayList<>();
    policy.path("Statement").forEach(statements::add);
  }

  static Set<String> actions(JsonNode statement) {
    Set<String> out = new TreeSet<>();
    statement.path("Action").forEach(a -> out.add(a.asText()));
    return out;
  }

  /** The statements that grant {@code action}. */
  static List<JsonNode> granting(String action) {
    return statements.stream().filter(s -> actions(s).contains(action)).toList();
  }

  static String nullCondition(JsonNode s, String key) {
    JsonNode v = s.path("Condition").path("Null").path(key);
    return v.isMissingNode() ? null : v.asText();
  }

  @Test
  void grantsExactlyTheActionsAlbcNeeds() {
    Set<String> granted = new TreeSet<>();
    statements.forEach(s -> granted.addAll(actions(s)));
    assertThat(granted).containsExactlyElementsOf(AwsOperations.iamActions());
    assertThat(statements).allSatisfy(s -> {
      assertThat(s.path("Effect").asText()).isEqualTo("Allow");
      assertThat(s.has("NotAction")).isFalse();
      assertThat(actions(s)).noneMatch(a -> a.contains("*"));
    });
  }

  @Test
  void creatingLoadBalancersTargetGroupsAndSecurityGroupTagsNeedsTheClusterRequestTag() {
    for (String a : List.of(ELB + "CreateLoadBalancer", ELB + "CreateTargetGroup")) {
      assertThat(granting(a)).as(a).isNotEmpty()
          .allSatisfy(s -> assertThat(nullCondition(s, REQUEST_TAG)).isEqualTo("false"));
    }
    // tagging on create: only with the cluster tag in the request, only on the create actions
    JsonNode elbOnCreate = granting(ELB + "AddTags").stream()
        .filter(s -> s.path("Condition").path("StringEquals").has(ELB + "CreateAction")).findFirst().orElseThrow();
    assertThat(nullCondition(elbOnCreate, REQUEST_TAG)).isEqualTo("false");
    assertThat(elbOnCreate.path("Condition").path("StringEquals").path(ELB + "CreateAction").toString())
        .contains("CreateTargetGroup", "CreateLoadBalancer");
    JsonNode sgOnCreate = granting("ec2:CreateTags").stream()
        .filter(s -> s.path("Condition").path("StringEquals").has("ec2:CreateAction")).findFirst().orElseThrow();
    assertThat(sgOnCreate.path("Condition").path("StringEquals").path("ec2:CreateAction").asText())
        .isEqualTo("CreateSecurityGroup");
    assertThat(nullCondition(sgOnCreate, REQUEST_TAG)).isEqualTo("false");
    assertThat(sgOnCreate.path("Resource").asText()).isEqualTo("arn:aws:ec2:*:*:security-group/*");
  }

  @Test
  void modifyingAndDeletingNeedsTheClusterResourceTag() {
    for (String a : List.of("DeleteLoadBalancer", "DeleteTargetGroup", "ModifyLoadBalancerAttributes",
        "ModifyTargetGroup", "ModifyTargetGroupAttributes", "SetIpAddressType", "SetSecurityGroups", "SetSubnets")) {
      assertThat(granting(ELB + a)).as(a).isNotEmpty()
          .allSatisfy(s -> assertThat(nullCondition(s, RESOURCE_TAG)).isEqualTo("false"));
    }
    assertThat(granting("ec2:DeleteSecurityGroup")).isNotEmpty()
        .allSatisfy(s -> assertThat(nullCondition(s, RESOURCE_TAG)).isEqualTo("false"));
    // retagging load balancers, target groups and security groups: only ours, never the cluster tag itself
    for (String a : List.of("ec2:DeleteTags", ELB + "RemoveTags")) {
      assertThat(granting(a).stream().filter(s -> !isListenerOrRuleOnly(s)).toList()).as(a).isNotEmpty()
          .allSatisfy(s -> {
            assertThat(nullCondition(s, RESOURCE_TAG)).isEqualTo("false");
            assertThat(nullCondition(s, REQUEST_TAG)).isEqualTo("true");
          });
    }
  }

  @Test
  void listenersRulesTargetsWafShieldAndIngressAreUnconditionedAsInTheReference() {
    for (String a : List.of(ELB + "CreateListener", ELB + "DeleteListener", ELB + "CreateRule", ELB + "DeleteRule",
        ELB + "ModifyListener", ELB + "ModifyRule", ELB + "SetRulePriorities", ELB + "AddListenerCertificates",
        ELB + "RemoveListenerCertificates", ELB + "SetWebAcl", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
        "shield:CreateProtection", "shield:DeleteProtection", "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress", "ec2:CreateSecurityGroup")) {
      assertThat(granting(a)).as(a).anySatisfy(s -> {
        assertThat(s.has("Condition")).isFalse();
        assertThat(s.path("Resource").asText()).isEqualTo("*");
      });
    }
    // targets: on target group ARNs, unconditioned, as in the reference
    for (String a : List.of(ELB + "RegisterTargets", ELB + "DeregisterTargets")) {
      assertThat(granting(a)).as(a).singleElement().satisfies(s -> {
        assertThat(s.has("Condition")).isFalse();
        assertThat(s.path("Resource").asText()).isEqualTo("arn:aws:elasticloadbalancing:*:*:targetgroup/*/*");
      });
    }
    // listener and rule tags: on listener and rule ARNs only
    JsonNode listenerTags = granting(ELB + "AddTags").stream().filter(IamPolicyTest::isListenerOrRuleOnly)
        .findFirst().orElseThrow();
    assertThat(listenerTags.has("Condition")).isFalse();
  }

  @Test
  void theTaggingApiIsGrantedSoOneCallFindsAStack() {
    // albc's choice (docs/installation.md): tag:GetResources is in the policy; with the reference's
    // policy the call is denied and albc lists load balancers and target groups instead (ApplyIT).
    assertThat(granting("tag:GetResources")).singleElement()
        .satisfies(s -> assertThat(s.path("Resource").asText()).isEqualTo("*"));
    assertThat(granting("iam:CreateServiceLinkedRole")).singleElement().satisfies(s -> assertThat(
        s.path("Condition").path("StringEquals").path("iam:AWSServiceName").asText())
        .isEqualTo("elasticloadbalancing.amazonaws.com"));
  }

  static boolean isListenerOrRuleOnly(JsonNode s) {
    List<String> resources = new ArrayList<>();
    s.path("Resource").forEach(r -> resources.add(r.asText()));
    return !resources.isEmpty() && resources.stream().allMatch(r -> r.contains(":listener/") || r.contains(":listener-rule/"));
  }
}
