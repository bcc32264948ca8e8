package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each form AWS reports a value in that the planner compares as the same value (docs/differences.md). */
class AwsEquivalenceTest {
  static final ObjectMapper M = new ObjectMapper();
  static final Map<String, String> REFS = Map.of("tg-a", "arn:a", "tg-b", "arn:b");

  static JsonNode j(String json) {
    try {
      return M.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean same(String member, String desired, String observed) {
    return JsonMatch.matches(member, j(desired), j(observed), REFS);
  }

  @Test
  void conditionsInAnotherOrderAreTheSameRule() {
    String host = "{'Field':'host-header','HostHeaderConfig':{'Values':['a.example.com']}}";
    String path = "{'Field':'path-pattern','PathPatternConfig':{'Values':['/*']}}";
    assertThat(same("Conditions", "[" + host + "," + path + "]", "[" + path + "," + host + "]")).isTrue();
    // the order-blind comparison still tells a missing condition
    assertThat(same("Conditions", "[" + host + "]", "[" + path + "," + host + "]")).isFalse();
    // and without the member name, order counts (the plain comparison is unchanged)
    assertThat(JsonMatch.matches(j("[" + host + "," + path + "]"), j("[" + path + "," + host + "]"), REFS)).isFalse();
  }

  @Test
  void conditionValuesInAnotherOrderAreTheSame() {
    assertThat(same("Conditions", "[{'Field':'path-pattern','PathPatternConfig':{'Values':['/api','/api/*']}}]",
        "[{'Field':'path-pattern','PathPatternConfig':{'Values':['/api/*','/api']}}]")).isTrue();
    assertThat(same("Conditions", "[{'Field':'source-ip','SourceIpConfig':{'Values':['10.0.0.0/8','192.168.0.0/16']}}]",
        "[{'Field':'source-ip','SourceIpConfig':{'Values':['192.168.0.0/16','10.0.0.0/8']}}]")).isTrue();
  }

  @Test
  void hostsHeadersAndQueryStringsInAnyCaseButPathsExactly() {
    assertThat(same("Conditions", "[{'Field':'host-header','HostHeaderConfig':{'Values':['Shop.Example.com']}}]",
        "[{'Field':'host-header','HostHeaderConfig':{'Values':['shop.example.com']}}]")).isTrue();
    assertThat(same("Conditions",
        "[{'Field':'http-header','HttpHeaderConfig':{'HttpHeaderName':'X-Env','Values':['Beta']}}]",
        "[{'Field':'http-header','HttpHeaderConfig':{'HttpHeaderName':'x-env','Values':['beta']}}]")).isTrue();
    assertThat(same("Conditions", "[{'Field':'query-string','QueryStringConfig':{'Values':[{'Key':'V','Value':'A'}]}}]",
        "[{'Field':'query-string','QueryStringConfig':{'Values':[{'Key':'v','Value':'a'}]}}]")).isTrue();
    // path patterns are case-sensitive at ALB
    assertThat(same("Conditions", "[{'Field':'path-pattern','PathPatternConfig':{'Values':['/API']}}]",
        "[{'Field':'path-pattern','PathPatternConfig':{'Values':['/api']}}]")).isFalse();
  }

  @Test
  void actionsInOrderNotInListPosition() {
    String auth = "{'Type':'fixed-response','Order':1,'FixedResponseConfig':{'StatusCode':'401'}}";
    String fwd = "{'Type':'forward','Order':2,'ForwardConfig':{'TargetGroups':[{'TargetGroupArn':'arn:a'}]}}";
    assertThat(same("Actions", "[" + auth + "," + fwd + "]", "[" + fwd + "," + auth + "]")).isTrue();
    // an action without Order has its index + 1, on either side
    assertThat(same("DefaultActions", "[{'Type':'fixed-response','Order':1,'FixedResponseConfig':{'StatusCode':'404'}}]",
        "[{'Type':'fixed-response','FixedResponseConfig':{'StatusCode':'404'}}]")).isTrue();
    assertThat(same("DefaultActions", "[{'Type':'fixed-response','FixedResponseConfig':{'StatusCode':'404'}}]",
        "[{'Type':'fixed-response','Order':1,'FixedResponseConfig':{'StatusCode':'404'}}]")).isTrue();
  }

  @Test
  void aForwardsTargetGroupsInAnyOrderAndTheLegacyForm() {
    assertThat(same("Actions",
        "[{'Type':'forward','ForwardConfig':{'TargetGroups':[{'TargetGroupArn':{'$ref':'tg-b'},'Weight':1},"
            + "{'TargetGroupArn':{'$ref':'tg-a'},'Weight':3}]}}]",
        "[{'Type':'forward','Order':1,'ForwardConfig':{'TargetGroups':[{'TargetGroupArn':'arn:a','Weight':3},"
            + "{'TargetGroupArn':'arn:b','Weight':1}]}}]")).isTrue();
    // TargetGroupArn alone is a one-group forward; AWS reports both forms
    assertThat(same("Actions", "[{'Type':'forward','TargetGroupArn':{'$ref':'tg-a'}}]",
        "[{'Type':'forward','Order':1,'TargetGroupArn':'arn:a','ForwardConfig':{'TargetGroups':"
            + "[{'TargetGroupArn':'arn:a','Weight':1}],'TargetGroupStickinessConfig':{'Enabled':false}}}]")).isTrue();
    assertThat(same("Actions", "[{'Type':'forward','TargetGroupArn':{'$ref':'tg-a'}}]",
        "[{'Type':'forward','Order':1,'TargetGroupArn':'arn:b'}]")).isFalse();
  }

  @Test
  void certificatesInAnyOrderWithoutIsDefault() {
    assertThat(same("Certificates", "[{'CertificateArn':'c1'},{'CertificateArn':'c2'}]",
        "[{'CertificateArn':'c2','IsDefault':false},{'CertificateArn':'c1','IsDefault':true}]")).isTrue();
  }

  @Test
  void securityGroupProtocolsInEc2sForm() {
    assertThat(AwsEquivalence.ipProtocol("TCP")).isEqualTo("tcp");
    assertThat(AwsEquivalence.ipProtocol("6")).isEqualTo("tcp");
    assertThat(AwsEquivalence.ipProtocol("17")).isEqualTo("udp");
    assertThat(AwsEquivalence.ipProtocol("all")).isEqualTo("-1");
    assertThat(AwsEquivalence.ipProtocol("-1")).isEqualTo("-1");
  }

  @Test
  void anAttributeAwsDoesNotReportIsAtItsDefault() {
    Map<String, String> d = AwsEquivalence.LOAD_BALANCER_DEFAULTS;
    assertThat(AwsEquivalence.sameAttribute("idle_timeout.timeout_seconds", "60", null, d)).isTrue();
    assertThat(AwsEquivalence.sameAttribute("idle_timeout.timeout_seconds", "120", null, d)).isFalse();
    assertThat(AwsEquivalence.sameAttribute("idle_timeout.timeout_seconds", "60", "120", d)).isFalse();
    // the planner: a desired default that AWS leaves out is no change; unread attributes still differ
    var diff = new java.util.ArrayList<FieldDiff>();
    assertThat(AttributeDiff.changes(Map.of("deletion_protection.enabled", "false"), Map.of(), d, diff))
        .isEmpty();
    assertThat(AttributeDiff.changes(Map.of("deletion_protection.enabled", "false"), null, d, diff))
        .containsEntry("deletion_protection.enabled", "false");
  }

  @Test
  void theListenerGetsEveryCertificateAsTheReferenceAddsThem() {
    assertThat(AwsEquivalence.listenerCertificates(List.of(Map.of("CertificateArn", "c1")),
        List.of(Map.of("CertificateArn", "c2"), Map.of("CertificateArn", "c1"))))
        .containsExactly(Map.of("CertificateArn", "c1"), Map.of("CertificateArn", "c2"));
    assertThat(AwsEquivalence.listenerCertificates(null, null)).isEmpty();
  }
}
