package dev.albc.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.aws.AwsOperations;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The static operation list equals what albc's compiled code calls (docs/installation.md "IAM policy"). */
class AwsOperationsTest {

  static Path mainClasses() throws URISyntaxException {
    return Path.of(AwsOperations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theListIsExactlyWhatTheCodeCalls() throws Exception {
    SortedMap<String, TreeSet<String>> found = SdkCalls.scan(mainClasses());
    assertThat(found).as("the scan found albc's calls").containsKeys("elbv2:CreateLoadBalancer",
        "elbv2:DescribeLoadBalancers", "tagging:GetResources");
    TreeSet<String> missing = new TreeSet<>(found.keySet());
    missing.removeAll(AwsOperations.ALL);
    assertThat(missing).as("operations the code calls that AwsOperations.ALL (and the IAM policy) lack; called by "
        + found.entrySet().stream().filter(e -> missing.contains(e.getKey())).toList()).isEmpty();
    TreeSet<String> unused = new TreeSet<>(AwsOperations.ALL);
    unused.removeAll(found.keySet());
    assertThat(unused).as("operations listed that no code calls (drop them from the list and the policy)").isEmpty();
  }

  @Test
  void scannerReadsPaginatorsAndStepConstants() {
    assertThat(SdkCalls.clientOperation("software/amazon/awssdk/services/ec2/Ec2Client", "describeSubnetsPaginator"))
        .isEqualTo("ec2:DescribeSubnets");
    assertThat(SdkCalls.clientOperation(
        "software/amazon/awssdk/services/resourcegroupstaggingapi/ResourceGroupsTaggingApiClient", "getResources"))
        .isEqualTo("tagging:GetResources");
    assertThat(SdkCalls.clientOperation("software/amazon/awssdk/services/ec2/Ec2Client", "close")).isNull();
    assertThat(SdkCalls.clientOperation("software/amazon/awssdk/services/ec2/model/Filter", "name")).isNull();
  }

  @Test
  void iamActionsMapServicePrefixes() {
    assertThat(AwsOperations.iamAction("elbv2:AddTags")).isEqualTo("elasticloadbalancing:AddTags");
    assertThat(AwsOperations.iamAction("tagging:GetResources")).isEqualTo("tag:GetResources");
    assertThatThrownBy(() -> AwsOperations.iamAction("k8s:CreateTargetGroupBinding"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AwsOperations.iamActions()).contains("iam:CreateServiceLinkedRole", "elasticloadbalancing:SetWebAcl",
        "acm:ListCertificates");
  }
}
