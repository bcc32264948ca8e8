package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.aws.AwsCallAudit;
import dev.albc.aws.AwsOperations;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.AwsCallLogs;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The AWS operations really called by the integration tests — this JVM's and every controller
 * process they started, each logging to the directory failsafe gives as {@code ALBC_AWS_CALL_LOG}
 * ({@link AwsCallAudit}) — are a subset of the IAM policy's, and none was refused (an unlisted
 * operation, or a create without the cluster tag). docs/installation.md "IAM policy".
 */
@IntegrationTest
class InstallIamCallsIT {

  @Test
  void everyOperationCalledIsInThePolicy(ItContext it) throws IOException {
    assertThat(AwsCallAudit.enabled()).as("failsafe sets " + AwsCallAudit.ENV).isTrue();
    // a create/edit/delete cycle of its own, so that the check never looks at an empty log
    try (LiveFixture f = new LiveFixture(it)) {
      f.apply(ApplyIT.QUICKSTART);
      f.delete("demo/shop");
      assertThat(f.loadBalancers()).isEmpty();
    }
    Map<String, TreeSet<String>> called = new TreeMap<>();
    TreeSet<String> denied = new TreeSet<>();
    AwsCallLogs.read().forEach((file, lines) -> {
      for (String line : lines) {
        if (line.startsWith(AwsCallLogs.DENIED)) {
          denied.add(file + ": " + line);
        } else {
          called.computeIfAbsent(line, k -> new TreeSet<>()).add(file);
        }
      }
    });
    System.out.println("[iam] operations called by the integration tests so far: " + called.keySet());
    assertThat(called).as("this test's own cycle was logged")
        .containsKeys("elbv2:CreateLoadBalancer", "elbv2:DeleteLoadBalancer", "ec2:CreateSecurityGroup");
    assertThat(denied).as("calls the IAM policy would deny").isEmpty();
    TreeSet<String> outside = new TreeSet<>(called.keySet());
    outside.removeAll(AwsOperations.ALL);
    assertThat(outside).as("operations called that the policy lacks").isEmpty();
  }
}
