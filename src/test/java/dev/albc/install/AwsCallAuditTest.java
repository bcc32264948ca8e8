package dev.albc.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.aws.AwsCallAudit;
import org.junit.jupiter.api.Test;
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
  }
}
