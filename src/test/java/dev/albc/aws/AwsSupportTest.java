package dev.albc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** Call counting, rate-limit rules, SDK ↔ JSON and one-line errors, without AWS. */
class AwsSupportTest {

  /** Stops every call before it is sent, so the interceptors run with no server. */
  static final class Stop extends RuntimeException {
    Stop() {
      super("stopped before sending");
    }
  }

  static AwsSession offline(CallCounter[] out) {
    AwsSession s = new AwsSession(AwsSession.Settings.of("us-west-2", "http://127.0.0.1:9")
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .withInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
            throw new Stop();
          }
        }));
    out[0] = s.calls();
    return s;
  }

  @Test
  void everyCallIsCountedByServiceAndOperation() {
    CallCounter[] counter = new CallCounter[1];
    try (AwsSession s = offline(counter)) {
      assertThatThrownBy(() -> s.elbv2().describeLoadBalancers(r -> r.names("x"))).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.elbv2().describeLoadBalancers(r -> r.names("y"))).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.elbv2().createTargetGroup(r -> r.name("t"))).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.ec2().describeSubnets()).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.tagging().getResources(r -> { })).isInstanceOf(Stop.class);
    }
    assertThat(counter[0].snapshot()).containsEntry("elbv2:DescribeLoadBalancers", 2L)
        .containsEntry("elbv2:CreateTargetGroup", 1L).containsEntry("ec2:DescribeSubnets", 1L)
        .containsEntry("tagging:GetResources", 1L);
    assertThat(counter[0].writes()).isEqualTo(1);
    assertThat(counter[0].reads()).isEqualTo(4);
    assertThat(counter[0].render()).contains("total (4 read, 1 write)");
  }

  @Test
  void theClientsOfASessionShareOneTimerThread() {
    long sdkTimersBefore = threads("sdk-ScheduledExecutor");
    try (AwsSession s = offline(new CallCounter[1])) {
      assertThatThrownBy(() -> s.elbv2().describeLoadBalancers(r -> r.names("x"))).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.ec2().describeSubnets()).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.tagging().getResources(r -> { })).isInstanceOf(Stop.class);
      assertThatThrownBy(() -> s.acm().listCertificates()).isInstanceOf(Stop.class);
      assertThat(threads("sdk-ScheduledExecutor")).as("the SDK's own timer threads").isEqualTo(sdkTimersBefore);
      assertThat(threads("albc-aws-timers")).isPositive();
    }
  }

  static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
  }

  @Test
  void rateLimitsFollowTheReferenceDefaults() {
    RateLimits r = RateLimits.defaults();
    assertThat(r.ruleFor("ElasticLoadBalancingV2", "DescribeTags").burst()).isEqualTo(200);
    assertThat(r.ruleFor("ElasticLoadBalancingV2", "ModifyRule").ratePerSecond()).isEqualTo(3.0);
    assertThat(r.ruleFor("ElasticLoadBalancingV2", "RegisterTargets").ratePerSecond()).isEqualTo(4.0);
    assertThat(r.ruleFor("WAFV2", "AssociateWebACL").ratePerSecond()).isEqualTo(0.5);
    assertThat(r.ruleFor("ElasticLoadBalancingV2", "CreateRule")).isNull();
    assertThat(r.ruleFor("EC2", "DescribeSubnets")).isNull();
    RateLimits ref = RateLimits.parse("Elastic Load Balancing v2:Create.*=1:2");
    assertThat(ref.ruleFor("ElasticLoadBalancingV2", "CreateRule").burst()).isEqualTo(2);
    assertThatThrownBy(() -> RateLimits.parse("elbv2:X=fast:1")).hasMessageContaining("numbers");
    assertThatThrownBy(() -> RateLimits.parse("elbv2")).hasMessageContaining("service:operationRegex=rate:burst");
  }

  @Test
  void aRateLimitSpacesCallsOut() {
    RateLimits r = RateLimits.parse("elbv2:Describe.*=20:1");
    CallCounter[] counter = new CallCounter[1];
    long start = System.nanoTime();
    try (AwsSession s = new AwsSession(AwsSession.Settings.of("us-west-2", "http://127.0.0.1:9").withRateLimits(r)
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .withInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
            throw new Stop();
          }
        }))) {
      counter[0] = s.calls();
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> s.elbv2().describeTags(x -> x.resourceArns("a"))).isInstanceOf(Stop.class);
      }
    }
    // 5 calls at 20/s with a burst of 1: at least 4 waits of 50 ms (no upper bound asserted)
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    assertThat(counter[0].total()).isEqualTo(5);
  }

  @Test
  void sdkObjectsRoundTripThroughJsonWithTheApisMemberNames() {
    Rule rule = Rule.builder().ruleArn("arn:r").priority("3").isDefault(false)
        .actions(Action.builder().type("forward").order(1).targetGroupArn("arn:tg").build()).build();
    ObjectNode j = SdkJson.toJson(rule);
    assertThat(j.toString()).isEqualTo(
        "{\"RuleArn\":\"arn:r\",\"Priority\":\"3\",\"Actions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"arn:tg\","
            + "\"Order\":1}],\"IsDefault\":false}");
    ObjectNode req = j.objectNode();
    req.put("ListenerArn", "arn:l");
    req.put("Priority", 3);
    req.set("Actions", j.get("Actions"));
    CreateRuleRequest r = SdkJson.fromJson(CreateRuleRequest.class, req);
    assertThat(r.listenerArn()).isEqualTo("arn:l");
    assertThat(r.priority()).isEqualTo(3);
    assertThat(r.actions().get(0).targetGroupArn()).isEqualTo("arn:tg");
    req.put("Prio", 1);
    assertThatThrownBy(() -> SdkJson.fromJson(CreateRuleRequest.class, req)).hasMessageContaining("Prio");
  }

  @Test
  void awsErrorsAreOneLine() {
    AwsServiceException e = AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("DuplicateTargetGroupName")
            .errorMessage("A target group with the same name\n'k8s-x' exists").build()).build();
    AwsCallException c = new AwsCallException("CreateTargetGroup", "TargetGroup ns/i-svc:80 (k8s-x)", e);
    assertThat(c.getMessage()).isEqualTo("CreateTargetGroup on TargetGroup ns/i-svc:80 (k8s-x) failed: "
        + "DuplicateTargetGroupName: A target group with the same name 'k8s-x' exists");
    assertThat(c.errorCode()).isEqualTo("DuplicateTargetGroupName");
    assertThat(AwsErrors.is(e, "Other", "DuplicateTargetGroupName")).isTrue();
  }

  @Test
  void theEndpointComesFromTheFlagOrAwsEndpointUrl() {
    assertThat(AwsSession.Settings.of("eu-west-1", "http://127.0.0.1:15000").endpoint())
        .contains(URI.create("http://127.0.0.1:15000"));
    assertThatThrownBy(() -> AwsSession.Settings.of("eu-west-1", "not a url")).hasMessageContaining("--aws-endpoint-url");
    assertThat(AwsSession.Settings.of("eu-west-1", "").maxAttempts()).isEqualTo(10);
    assertThat(List.of(AwsSession.DEFAULT_MAX_ATTEMPTS)).containsExactly(10);
  }
}
