package dev.albc.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.albc.aws.AwsCallAudit;
import dev.albc.aws.SdkJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** The integration tests' audit refuses what the IAM policy would deny. */
class AwsCallAuditTest {
  static final Tag CLUSTER = Tag.builder().key("elbv2.k8s.aws/cluster").value("c").build();

  @Test
  void refusesUnlistedOperations() {
    assertThat(AwsCallAudit.problem("ec2:TerminateInstances", DescribeLoadBalancersRequest.builder().build()))
        .contains("not in AwsOperations.ALL");
    assertThat(AwsCallAudit.problem("elbv2:DescribeLoadBalancers", DescribeLoadBalancersRequest.builder().build()))
        .isNull();
  }

  @Test
  void createsMustCarryTheClusterTag() {
    assertThat(AwsCallAudit.problem("elbv2:CreateLoadBalancer",
        CreateLoadBalancerRequest.builder().name("x").build())).contains("elbv2.k8s.aws/cluster");
    assertThat(AwsCallAudit.problem("elbv2:CreateLoadBalancer",
        CreateLoadBalancerRequest.builder().name("x").tags(CLUSTER).build())).isNull();
    assertThat(AwsCallAudit.problem("elbv2:CreateTargetGroup",
        CreateTargetGroupRequest.builder().name("x").build())).isNotNull();
    assertThat(AwsCallAudit.problem("elbv2:CreateTargetGroup",
        CreateTargetGroupRequest.builder().name("x").tags(CLUSTER).build())).isNull();
    assertThat(AwsCallAudit.problem("ec2:CreateSecurityGroup",
        CreateSecurityGroupRequest.builder().groupName("x").build())).isNotNull();
    assertThat(AwsCallAudit.problem("ec2:CreateSecurityGroup", CreateSecurityGroupRequest.builder()
        .groupName("x").tagSpecifications(TagSpecification.builder().resourceType("security-group")
            .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("elbv2.k8s.aws/cluster").value("c")
                .build()).build()).build())).isNull();
    var untagged = software.amazon.awssdk.services.acm.model.RequestCertificateRequest.builder().domainName("a.b").build();
    assertThat(AwsCallAudit.problem("acm:RequestCertificate", untagged)).contains("elbv2.k8s.aws/cluster");
    assertThat(AwsCallAudit.problem("acm:RequestCertificate", untagged.toBuilder().tags(
        software.amazon.awssdk.services.acm.model.Tag.builder().key("elbv2.k8s.aws/cluster").value("c").build())
        .build())).isNull();
  }

  /**
   * Every load balancer, target group and security group the change planner creates in its golden
   * scenarios (src/test/resources/golden/changes, ChangesGoldenTest: creations, replacements, a
   * NodePort change, …) carries the cluster tag the policy's conditions require.
   */
  @Test
  void everyCreateOfThePlannersGoldenScenariosCarriesTheClusterTag() throws IOException {
    Map<String, Class<? extends SdkPojo>> creates = Map.of("elbv2:CreateLoadBalancer", CreateLoadBalancerRequest.class,
        "elbv2:CreateTargetGroup", CreateTargetGroupRequest.class, "ec2:CreateSecurityGroup",
        CreateSecurityGroupRequest.class);
    JsonNode golden = new ObjectMapper().readTree(Path.of("src/test/resources/golden/changes/scenarios.json").toFile());
    List<String> checked = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    golden.fields().forEachRemaining(scenario -> scenario.getValue().findValues("steps").forEach(steps -> steps
        .forEach(step -> {
          Class<? extends SdkPojo> type = creates.get(step.path("call").asText());
          if (type != null) {
            String why = AwsCallAudit.problem(step.path("call").asText(),
                (software.amazon.awssdk.core.SdkRequest) SdkJson.fromJson(type, withoutRefs(step.get("request"))));
            checked.add(step.path("call").asText());
            if (why != null) {
              refused.add(scenario.getKey() + ": " + step.path("call").asText() + " " + why);
            }
          }
        })));
    assertThat(checked).as("the golden scenarios create each kind").contains(creates.keySet().toArray(String[]::new));
    assertThat(refused).isEmpty();
  }

  /** The request with each {"$ref": id} (an ARN or id made by an earlier step) as a placeholder string. */
  static JsonNode withoutRefs(JsonNode n) {
    if (n.isObject() && n.has("$ref")) {
      return new TextNode("ref:" + n.get("$ref").asText());
    }
    if (n.isObject()) {
      ObjectNode o = ((ObjectNode) n).deepCopy();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), withoutRefs(e.getValue())));
      return o;
    }
    if (n.isArray()) {
      var a = new ObjectMapper().createArrayNode();
      n.forEach(x -> a.add(withoutRefs(x)));
      return a;
    }
    return n;
  }
}
