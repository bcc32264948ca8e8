package dev.albc.rules.lib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.lib.ActionsJson.ActionSpec;
import dev.albc.rules.lib.ConditionsJson.ConditionSpec;
import dev.albc.rules.lib.ActionsJson.Forward;
import dev.albc.rules.lib.ActionsJson.Parsed;
import dev.albc.rules.lib.ConditionsJson.QueryPair;
import dev.albc.rules.lib.ActionsJson.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

/** actions.* and conditions.* JSON; cases from the reference's enhanced_backend_builder_test.go. */
class ActionsJsonTest {

  static ActionSpec ok(String json) {
    Parsed<ActionSpec> p = ActionsJson.action(json);
    assertThat(p.error()).isNull();
    return p.value();
  }

  static String err(String json) {
    Parsed<ActionSpec> p = ActionsJson.action(json);
    assertThat(p.ok()).isFalse();
    return p.error();
  }

  @Test
  void simplifiedForwardIsNormalisedToOneTuple() {
    ActionSpec expected = new ActionSpec("forward", new Forward(List.of(new Tuple("tg-arn", null, null, null, null)), null), null, null);
    assertThat(ok("{\"type\":\"forward\",\"targetGroupARN\": \"tg-arn\"}")).isEqualTo(expected);
    assertThat(ok("{\"Type\":\"forward\",\"TargetGroupArn\": \"tg-arn\"}")).isEqualTo(expected);
  }

  @Test
  void advancedForwardWithWeightsAndStickiness() {
    ActionSpec expected = new ActionSpec("forward", new Forward(List.of(
        new Tuple(null, null, "service-1", "http", 20),
        new Tuple(null, null, "service-2", "80", 20),
        new Tuple("tg-arn", null, null, null, 60)), new ActionsJson.Stickiness(true, 200)), null, null);
    assertThat(ok("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"service-1\",\"servicePort\":\"http\",\"weight\":20},"
        + "{\"serviceName\":\"service-2\",\"servicePort\":80,\"weight\":20},{\"targetGroupARN\":\"tg-arn\",\"weight\":60}],"
        + "\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":200}}}")).isEqualTo(expected);
    // old camel-case keys, servicePort "80" as a string
    assertThat(ok("{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":[{\"ServiceName\":\"service-1\",\"ServicePort\":\"http\",\"Weight\":20},"
        + "{\"ServiceName\":\"service-2\",\"ServicePort\":\"80\",\"Weight\":20},{\"TargetGroupArn\":\"tg-arn\",\"Weight\":60}],"
        + "\"TargetGroupStickinessConfig\":{\"Enabled\":true,\"DurationSeconds\":200}}}")).isEqualTo(expected);
    assertThat(expected.serviceNames()).containsExactly("service-1", "service-2");
  }

  @Test
  void redirectAndFixedResponse() {
    assertThat(ok("{\"type\":\"redirect\",\"redirectConfig\":{\"host\":\"aws.amazon.com\",\"path\":\"/eks/\",\"port\":\"443\",\"protocol\":\"HTTPS\",\"query\":\"k=v\",\"statusCode\":\"HTTP_302\"}}").redirect())
        .isEqualTo(new ActionsJson.Redirect("aws.amazon.com", "/eks/", "443", "HTTPS", "k=v", "HTTP_302"));
    assertThat(ok("{\"type\":\"redirect\",\"redirectConfig\":{\"port\":\"443\",\"protocol\":\"HTTPS\",\"statusCode\":\"HTTP_301\"}}").redirect())
        .isEqualTo(new ActionsJson.Redirect(null, null, "443", "HTTPS", null, "HTTP_301"));
    assertThat(ok("{\"Type\":\"fixed-response\",\"FixedResponseConfig\":{\"ContentType\":\"text/plain\",\"StatusCode\":\"503\",\"MessageBody\":\"503 error text\"}}").fixedResponse())
        .isEqualTo(new ActionsJson.FixedResponse("text/plain", "503 error text", "503"));
  }

  @Test
  void validationMessagesMatchTheReference() {
    assertThat(err("{\"type\":\"fixed-response\"}")).isEqualTo("missing FixedResponseConfig");
    assertThat(err("{\"type\":\"fixed-response\",\"fixedResponseConfig\":{}}")).isEqualTo("invalid FixedResponseConfig: statusCode is required");
    assertThat(err("{\"type\":\"redirect\"}")).isEqualTo("missing RedirectConfig");
    assertThat(err("{\"type\":\"redirect\",\"redirectConfig\":{\"port\":\"443\"}}")).isEqualTo("invalid RedirectConfig: statusCode is required");
    assertThat(err("{\"type\":\"forward\"}")).isEqualTo("missing ForwardConfig or TargetGroupARN/TargetGroupName");
    assertThat(err("{\"type\":\"forward\",\"targetGroupARN\":\"a\",\"forwardConfig\":{\"targetGroups\":[]}}"))
        .isEqualTo("either ForwardConfig or TargetGroupARN/TargetGroupName can be specified");
    assertThat(err("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"weight\":1}]}}"))
        .isEqualTo("invalid ForwardConfig: invalid TargetGroupTuple: missing serviceName or targetGroupARN/targetGroupName");
    assertThat(err("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"s\",\"servicePort\":80,\"targetGroupARN\":\"a\"}]}}"))
        .isEqualTo("invalid ForwardConfig: invalid TargetGroupTuple: either serviceName or targetGroupARN/targetGroupName can be specified");
    assertThat(err("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"s\"}]}}"))
        .isEqualTo("invalid ForwardConfig: invalid TargetGroupTuple: missing servicePort");
    assertThat(err("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"s\",\"servicePort\":80},{\"targetGroupARN\":\"a\",\"weight\":1}]}}"))
        .isEqualTo("invalid ForwardConfig: weight must be set when route to multiple target groups");
    assertThat(err("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[]}}"))
        .isEqualTo("invalid ForwardConfig: targetGroups cannot be empty");
    assertThat(err("{\"type\":\"teleport\"}")).isEqualTo("unknown action type: teleport");
    assertThat(err("{}")).isEqualTo("unknown action type: ");
  }

  @Test
  void targetGroupNameIsAForwardTupleResolvedLater() {
    Parsed<ActionSpec> p = ActionsJson.action("{\"type\":\"forward\",\"targetGroupName\":\"my-tg\"}");
    assertThat(p.ok()).isTrue();
    assertThat(p.value().forward().targetGroups())
        .containsExactly(new ActionsJson.Tuple(null, "my-tg", null, null, null));
    Parsed<ActionSpec> mixed = ActionsJson.action("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
        + "{\"targetGroupName\":\"n\",\"weight\":80},{\"targetGroupARN\":\"a\",\"weight\":20}]}}");
    assertThat(mixed.value().forward().targetGroups()).extracting(ActionsJson.Tuple::targetGroupName)
        .containsExactly("n", null);
  }

  @Test
  void wrongJsonTypesAndBadJsonAreErrors() {
    assertThat(err("{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"statusCode\":503}}"))
        .isEqualTo("invalid JSON: fixedResponseConfig.statusCode must be a string");
    assertThat(err("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"s\",\"servicePort\":80,\"weight\":\"20\"}]}}"))
        .isEqualTo("invalid JSON: forwardConfig.targetGroups[0].weight must be an integer");
    assertThat(err("{\"type\":")).startsWith("invalid JSON");
    assertThat(err("[]")).isEqualTo("the action must be a JSON object");
  }

  @Test
  void lastCaseInsensitiveKeyWinsAndUnknownKeysAreIgnored() {
    assertThat(ok("{\"type\":\"fixed-response\",\"colour\":\"blue\",\"fixedResponseConfig\":{\"statusCode\":\"500\",\"StatusCode\":\"503\"}}")
        .fixedResponse().statusCode()).isEqualTo("503");
  }

  @Test
  void servicePortNormalisation() {
    assertThat(ActionsJson.normalisePort("80")).isEqualTo("80");
    assertThat(ActionsJson.normalisePort("080")).isEqualTo("80");
    assertThat(ActionsJson.normalisePort("http")).isEqualTo("http");
  }

  static List<ConditionSpec> conds(String json) {
    Parsed<List<ConditionSpec>> p = ConditionsJson.conditions(json);
    assertThat(p.error()).isNull();
    return p.value();
  }

  @Test
  void conditionsOfEveryField() {
    assertThat(conds("[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"values\":[\"anno.example.com\"]}}]"))
        .containsExactly(new ConditionSpec("host-header", null, List.of("anno.example.com"), null, null));
    assertThat(conds("[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/anno/path2\"]}}]"))
        .containsExactly(new ConditionSpec("path-pattern", null, List.of("/anno/path2"), null, null));
    assertThat(conds("[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\": \"HeaderName\", \"Values\":[\"HeaderValue1\", \"HeaderValue2\"]}}]"))
        .containsExactly(new ConditionSpec("http-header", "HeaderName", List.of("HeaderValue1", "HeaderValue2"), null, null));
    assertThat(conds("[{\"field\":\"http-request-method\",\"httpRequestMethodConfig\":{\"values\":[\"GET\", \"HEAD\"]}}]"))
        .containsExactly(new ConditionSpec("http-request-method", null, List.of("GET", "HEAD"), null, null));
    assertThat(conds("[{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"paramA\",\"Value\":\"valueA1\"},{\"Key\":\"paramA\",\"Value\":\"valueA2\"}]}}]"))
        .containsExactly(new ConditionSpec("query-string", null, null, null,
            List.of(new QueryPair("paramA", "valueA1"), new QueryPair("paramA", "valueA2"))));
    assertThat(conds("[{\"field\":\"source-ip\",\"sourceIpConfig\":{\"values\":[\"192.168.0.0/16\", \"172.16.0.0/16\"]}}]"))
        .containsExactly(new ConditionSpec("source-ip", null, List.of("192.168.0.0/16", "172.16.0.0/16"), null, null));
    assertThat(conds("[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"regexValues\":[\"^.+\\\\.example\\\\.com$\"]}}]"))
        .containsExactly(new ConditionSpec("host-header", null, null, List.of("^.+\\.example\\.com$"), null));
  }

  @Test
  void conditionValidationMatchesTheReference() {
    assertThat(ConditionsJson.conditions("[{\"field\":\"host-header\"}]").error()).isEqualTo("missing hostHeaderConfig");
    assertThat(ConditionsJson.conditions("[{\"field\":\"host-header\",\"hostHeaderConfig\":{}}]").error())
        .isEqualTo("invalid hostHeaderConfig: values or regexValues must be specified");
    assertThat(ConditionsJson.conditions("[{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"values\":[\"/a\"],\"regexValues\":[\"b\"]}}]").error())
        .isEqualTo("invalid pathPatternConfig: precisely one of values and regexValues can be specified");
    assertThat(ConditionsJson.conditions("[{\"field\":\"http-request-method\",\"httpRequestMethodConfig\":{\"values\":[]}}]").error())
        .isEqualTo("invalid httpRequestMethodConfig: values cannot be empty");
    assertThat(ConditionsJson.conditions("[{\"field\":\"query-string\",\"queryStringConfig\":{\"values\":[]}}]").error())
        .isEqualTo("invalid queryStringConfig: Values cannot be empty");
    assertThat(ConditionsJson.conditions("[{\"field\":\"query-string\",\"queryStringConfig\":{\"values\":[{\"key\":\"k\"}]}}]").error())
        .isEqualTo("invalid queryStringConfig: value cannot be empty");
    assertThat(ConditionsJson.conditions("[{\"field\":\"source-ip\",\"sourceIPConfig\":{}}]").error())
        .isEqualTo("invalid sourceIPConfig: values cannot be empty");
    assertThat(ConditionsJson.conditions("{\"field\":\"host-header\"}").error()).isEqualTo("the conditions must be a JSON array");
    // unknown fields pass, as in the reference (they are ignored when building rules)
    assertThat(conds("[{\"field\":\"cookie\"}]")).singleElement().satisfies(c -> assertThat(c.knownField()).isFalse());
  }
}
