package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 3, the reproductions too big for a case file: each AWS count is tested at its value
 * (planned) and just past it (an error, or for a quota AWS raises, a warning naming the quota).
 * Figures: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html,
 * rule-condition-types.html, APIReference/API_Tag.html, API_CreateTargetGroup.html.
 */
class AwsCountLimitsTest {
  static final String A = "alb.ingress.kubernetes.io/";

  static String paths(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "{path: /p" + i + ", pathType: Exact, backend: {service: {name: web, port: {name: http}}}}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  static List<DesiredDiagnostic> diags(String manifests) {
    return LimitPlans.diagnostics(LimitPlans.plan(manifests), "demo/shop");
  }

  static boolean hasError(List<DesiredDiagnostic> ds, String field, String text) {
    return ds.stream().anyMatch(d -> d.isError() && d.field().equals(field) && d.message().contains(text));
  }

  @Test
  void rulesPerLoadBalancerPastTheQuotaOf100AreAWarningNamingTheQuota() {
    List<DesiredDiagnostic> at = diags(LimitPlans.ingress("shop", "", paths(100)));
    assertThat(at).noneMatch(d -> d.message().contains("listener rules"));
    DesiredState past = LimitPlans.plan(LimitPlans.ingress("shop", "", paths(200)));
    List<DesiredDiagnostic> ds = LimitPlans.diagnostics(past, "demo/shop");
    assertThat(ds).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo("warning");
      assertThat(d.message()).contains("200 listener rules").contains("a quota AWS raises on request");
      assertThat(d.hint()).contains("Rules per Application Load Balancer");
    });
    assertThat(past.hasErrors()).isFalse();
  }

  @Test
  void fiftyTagsPerResourceAreTheLimitTrackingTagsIncluded() {
    // 3 tracking tags on every resource: 47 user tags make 50, 48 make 51.
    String at = IntStream.range(0, 47).mapToObj(i -> "t" + i + "=v").collect(Collectors.joining(","));
    assertThat(diags(LimitPlans.ingress("shop", A + "tags: \"" + at + "\""))).noneMatch(DesiredDiagnostic::isError);
    String past = IntStream.range(0, 63).mapToObj(i -> "t" + i + "=v").collect(Collectors.joining(","));
    assertThat(diags(LimitPlans.ingress("shop", A + "tags: \"" + past + "\"")))
        .anyMatch(d -> d.isError() && d.message().contains("66 tags") && d.hint().contains("at most 50"));
  }

  @Test
  void aHealthCheckPathOf1024CharactersIsTheLimit() {
    String at = "/" + "h".repeat(1023);
    assertThat(diags(LimitPlans.ingress("shop", A + "healthcheck-path: " + at))).noneMatch(DesiredDiagnostic::isError);
    // half a megabyte: past AWS's 1024, within albc's input limit of 1 MiB per scalar (a whole
    // megabyte is refused while reading, InputLimitsTest)
    String half = "/" + "h".repeat(1 << 19);
    List<DesiredDiagnostic> ds = diags(LimitPlans.ingress("shop", A + "healthcheck-path: " + half));
    assertThat(ds).anyMatch(d -> d.isError() && d.field().equals(A + "healthcheck-path")
        && d.message().contains("524289 characters long"));
    assertThat(ds).allMatch(d -> d.message().length() < 1000);
  }

  @Test
  void pathPatternsAndHostsOf128CharactersAreTheLimit() {
    // An Exact path is one path pattern; a Prefix path /x is also /x/* (two more characters).
    assertThat(diags(LimitPlans.ingress("shop", "", "[{path: /" + "a".repeat(127)
        + ", pathType: Exact, backend: {service: {name: web, port: {name: http}}}}]"))).noneMatch(DesiredDiagnostic::isError);
    assertThat(diags(LimitPlans.ingress("shop", "", "[{path: /" + "a".repeat(146)
        + ", pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]")))
        .anyMatch(d -> d.isError() && d.message().contains("characters long") && d.hint().contains("rule-condition-types"));
    String host128 = "a".repeat(120) + ".example";
    assertThat(hostDiags(host128)).noneMatch(DesiredDiagnostic::isError);
    String host504 = "a".repeat(496) + ".example";
    assertThat(hostDiags(host504)).anyMatch(d -> d.isError() && d.message().contains("504 characters long"));
  }

  static List<DesiredDiagnostic> hostDiags(String host) {
    return diags("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop, namespace: demo}\n"
        + "spec: {ingressClassName: alb, rules: [{host: " + host + ", http: {paths: [{path: /, pathType: Exact,"
        + " backend: {service: {name: web, port: {name: http}}}}]}}]}\n");
  }

  @Test
  void fiveConditionValuesPerRuleAreTheLimit() {
    // The Exact path / is one value; 4 header values make 5, 5 make 6.
    assertThat(diags(headerValues(4))).noneMatch(DesiredDiagnostic::isError);
    assertThat(diags(headerValues(5))).anyMatch(d -> d.isError() && d.message().contains("6 condition values"));
    assertThat(diags(headerValues(50))).anyMatch(d -> d.isError() && d.message().contains("51 condition values"));
  }

  static String headerValues(int n) {
    String values = IntStream.range(0, n).mapToObj(i -> "\\\"v" + i + "\\\"").collect(Collectors.joining(","));
    return LimitPlans.ingress("shop", A + "conditions.web: \"[{\\\"field\\\":\\\"http-header\\\",\\\"httpHeaderConfig\\\":"
        + "{\\\"httpHeaderName\\\":\\\"X-N\\\",\\\"values\\\":[" + values + "]}}]\"",
        "[{path: /, pathType: Exact, backend: {service: {name: web, port: {name: http}}}}]");
  }

  @Test
  void fixedResponseStatus999IsAnErrorAnd503IsNot() {
    assertThat(hasError(fixedResponse("503"), A + "actions.act", "statusCode")).isFalse();
    assertThat(hasError(fixedResponse("999"), A + "actions.act", "\"999\" is not a 2XX, 4XX or 5XX code")).isTrue();
  }

  static List<DesiredDiagnostic> fixedResponse(String code) {
    return diags(LimitPlans.ingress("shop", A + "actions.act: '{\"type\":\"fixed-response\",\"fixedResponseConfig\":"
        + "{\"contentType\":\"text/plain\",\"statusCode\":\"" + code + "\"}}'",
        "[{path: /, pathType: Exact, backend: {service: {name: act, port: {name: use-annotation}}}}]"));
  }
  @Test
  void tagKeysOf128AndValuesOf256CharactersAreTheLimit() {
    assertThat(diags(LimitPlans.ingress("shop", A + "tags: \"" + "k".repeat(128) + "=" + "v".repeat(256) + "\"")))
        .noneMatch(DesiredDiagnostic::isError);
    assertThat(diags(LimitPlans.ingress("shop", A + "tags: \"" + "k".repeat(129) + "=v\"")))
        .anyMatch(d -> d.isError() && d.field().equals(A + "tags") && d.message().contains("129 characters long"));
    assertThat(diags(LimitPlans.ingress("shop", A + "tags: \"k=" + "v".repeat(257) + "\"")))
        .anyMatch(d -> d.isError() && d.field().equals(A + "tags") && d.message().contains("257 characters long"));
  }

  @Test
  void aHundredTargetGroupsPerLoadBalancerAreTheLimit() {
    assertThat(diags(services(100))).noneMatch(d -> d.message().contains("target groups"));
    assertThat(diags(services(101)))
        .anyMatch(d -> d.isError() && d.message().contains("101 target groups") && d.hint().contains("at most 100"));
  }

  /** n NodePort Services s0… and one Ingress routing /p0… to them: n target groups. */
  static String services(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i).append(", namespace: demo}\n")
          .append("spec: {type: NodePort, ports: [{name: http, port: 80, targetPort: 8080, nodePort: ")
          .append(31000 + i).append("}]}\n");
    }
    String paths = IntStream.range(0, n)
        .mapToObj(i -> "{path: /p" + i + ", pathType: Exact, backend: {service: {name: s" + i + ", port: {name: http}}}}")
        .collect(Collectors.joining(", ", "[", "]"));
    return b + LimitPlans.ingress("shop", "", paths);
  }
}
