package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.facts.IngressFact.BackendFact;
import dev.albc.facts.IngressFact.PathFact;
import dev.albc.facts.IngressFact.RuleFact;
import dev.albc.facts.ServiceFact;
import dev.albc.intents.Action;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.Ref;
import dev.albc.intents.RuleCondition;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * listener-rules.drl and backends.drl: Ingress paths → listener rules, routing annotations, the
 * listener default action of spec.defaultBackend. Literal expectations come from the reference
 * controller's tests (model_builder_test.go, model_build_listener_rules_test.go,
 * enhanced_backend_builder_test.go, rule_optimizer.go).
 */
class ListenerRulesRulesTest {
  static final RuleRunner RUNNER = new RuleRunner(RuleCompiler.loadBuiltin());

  /** Facts shared by the listener-rule and target-group rule tests (the reference's fixtures). */
  static final class F {
    static final String A = "alb.ingress.kubernetes.io/";

    static ControllerSettings settings() {
      return new ControllerSettings("cluster-dummy", "vpc-dummy", "us-west-2", null, null, null, null, null,
          null, true, null, true, true);
    }

    static ControllerSettings settings(Map<String, Boolean> gates, String defaultTargetType, boolean backendSg,
        boolean tolerateService, boolean tolerateAction) {
      return new ControllerSettings("cluster-dummy", "vpc-dummy", "us-west-2", null, defaultTargetType, null, null,
          null, gates, backendSg, null, tolerateService, tolerateAction);
    }

    /** ns-1/svc-1: port http 80 → 8080, NodePort 32768 (type left unset, as in the reference's fixtures). */
    static ServiceFact svc1() {
      return new ServiceFact("ns-1", "svc-1", "", null, Map.of(),
          List.of(new ServiceFact.PortFact("http", 80, "TCP", "8080", 32768)), List.of(), Map.of());
    }

    /** ns-1/svc-2: as svc-1, with every backend annotation set to its default. */
    static ServiceFact svc2() {
      Map<String, String> a = new LinkedHashMap<>();
      a.put(A + "target-type", "instance");
      a.put(A + "backend-protocol", "HTTP");
      a.put(A + "healthcheck-protocol", "HTTP");
      a.put(A + "healthcheck-port", "traffic-port");
      a.put(A + "healthcheck-path", "/");
      a.put(A + "healthcheck-interval-seconds", "15");
      a.put(A + "healthcheck-timeout-seconds", "5");
      a.put(A + "healthy-threshold-count", "2");
      a.put(A + "unhealthy-threshold-count", "2");
      a.put(A + "success-codes", "200");
      return new ServiceFact("ns-1", "svc-2", "", null, a,
          List.of(new ServiceFact.PortFact("http", 80, "TCP", "8080", 32768)), List.of(), Map.of());
    }

    /** ns-1/svc-3: ip targets, HTTPS, health check on 9090, port https 443 → 8443. */
    static ServiceFact svc3() {
      Map<String, String> a = new LinkedHashMap<>();
      a.put(A + "target-type", "ip");
      a.put(A + "backend-protocol", "HTTPS");
      a.put(A + "healthcheck-protocol", "HTTPS");
      a.put(A + "healthcheck-port", "9090");
      a.put(A + "healthcheck-path", "/health-check");
      a.put(A + "healthcheck-interval-seconds", "20");
      a.put(A + "healthcheck-timeout-seconds", "10");
      a.put(A + "healthy-threshold-count", "7");
      a.put(A + "unhealthy-threshold-count", "5");
      a.put(A + "success-codes", "200-300");
      return new ServiceFact("ns-1", "svc-3", "", null, a,
          List.of(new ServiceFact.PortFact("https", 443, "TCP", "8443", 32768)), List.of(), Map.of());
    }

    static ServiceFact service(String ns, String name, String type, Map<String, String> annotations,
        ServiceFact.PortFact... ports) {
      return new ServiceFact(ns, name, "", type, annotations, List.of(ports), List.of(), Map.of());
    }

    static BackendFact backend(String svc, String portName) {
      return new BackendFact(svc, portName, null, null);
    }

    static BackendFact backend(String svc, int portNumber) {
      return new BackendFact(svc, null, portNumber, null);
    }

    static PathFact path(String path, String type, BackendFact b) {
      return new PathFact(path, type, b);
    }

    static RuleFact rule(String host, PathFact... paths) {
      return new RuleFact(host, List.of(paths));
    }

    static IngressFact ingress(String ns, String name, Map<String, String> annotations, BackendFact defaultBackend,
        RuleFact... rules) {
      return new IngressFact(ns, name, "", null, annotations, Map.of(), defaultBackend, List.of(rules), List.of(),
          List.of(), false);
    }

    /** A member of its implicit group {@code ns/name}. */
    static Member member(IngressFact i) {
      return new Member(i.key(), i, null, null);
    }

    static Member member(String group, IngressFact i) {
      return new Member(group, i, null, null);
    }

    /** The reference's "Ingress - vanilla internal" Ingress. */
    static IngressFact vanilla() {
      return ingress("ns-1", "ing-1", Map.of(), null,
          rule("app-1.example.com", path("/svc-1", null, backend("svc-1", "http")),
              path("/svc-2", null, backend("svc-2", "http"))),
          rule("app-2.example.com", path("/svc-3", null, backend("svc-3", "https"))));
    }

    static Translation run(Object... facts) {
      return RUNNER.run(List.of(facts), true);
    }

    static List<ListenerRuleIntent> rules(Translation t) {
      return t.intents().stream().filter(ListenerRuleIntent.class::isInstance).map(ListenerRuleIntent.class::cast)
          .sorted(Comparator.comparingInt(ListenerRuleIntent::port).thenComparingInt(ListenerRuleIntent::priority))
          .toList();
    }

    static List<ListenerRuleIntent> rules(Translation t, int port) {
      return rules(t).stream().filter(r -> r.port() == port).toList();
    }

    static <T> List<T> intents(Translation t, Class<T> type) {
      return t.intents().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static final Set<String> MY_RULES = myRules();

    private static Set<String> myRules() {
      Set<String> out = new HashSet<>();
      for (String f : List.of("backends.drl", "listener-rules.drl", "target-groups.drl")) {
        try (InputStream in = F.class.getClassLoader().getResourceAsStream("rules/" + f)) {
          Matcher m = Pattern.compile("(?m)^rule \"(.+)\"").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            out.add(m.group(1));
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }

    /** Diagnostics raised by the rules under test (other concerns' rules are not asserted here). */
    static List<Diagnostic> mine(Translation t) {
      return t.diagnostics().stream().filter(d -> MY_RULES.contains(d.rule())).toList();
    }

    static List<Diagnostic> errors(Translation t) {
      return mine(t).stream().filter(Diagnostic::isError).toList();
    }

    static List<Diagnostic> warnings(Translation t) {
      return mine(t).stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }

    static Action forward(String tg) {
      return new Action("forward", 1, null,
          new Action.ForwardConfig(List.of(new Action.TargetGroupTuple(Ref.to(tg), null)), null), null, null);
    }

    static List<String> pathValues(ListenerRuleIntent r) {
      return r.conditions().stream().filter(c -> c.field().equals("path-pattern")).findFirst()
          .map(c -> c.pathPatternConfig().values()).orElse(null);
    }

    static List<String> hostValues(ListenerRuleIntent r) {
      return r.conditions().stream().filter(c -> c.field().equals("host-header")).findFirst()
          .map(c -> c.hostHeaderConfig().values()).orElse(null);
    }
  }

  // ---- the reference's vanilla Ingress ------------------------------------------------------

  @Test
  void vanillaIngressGivesOneRulePerPathWithSingleTargetGroupForwards() {
    Translation t = F.run(F.settings(), F.member(F.vanilla()), F.svc1(), F.svc2(), F.svc3());
    assertThat(F.errors(t)).isEmpty();
    List<ListenerRuleIntent> rules = F.rules(t);
    assertThat(rules).extracting(ListenerRuleIntent::resourceId).containsExactly("80:1", "80:2", "80:3");
    ListenerRuleIntent r1 = rules.get(0);
    assertThat(r1.listenerArn()).isEqualTo(Ref.to("80"));
    assertThat(r1.conditions()).containsExactly(
        RuleCondition.hostHeader(List.of("app-1.example.com"), null),
        RuleCondition.pathPattern(List.of("/svc-1"), null));
    // A single-target-group forward: ForwardConfig with one tuple, no Weight, no stickiness; Order 1.
    assertThat(r1.actions()).containsExactly(F.forward("ns-1/ing-1-svc-1:http"));
    assertThat(rules.get(1).actions()).containsExactly(F.forward("ns-1/ing-1-svc-2:http"));
    assertThat(rules.get(2).conditions()).containsExactly(
        RuleCondition.hostHeader(List.of("app-2.example.com"), null),
        RuleCondition.pathPattern(List.of("/svc-3"), null));
    assertThat(rules.get(2).actions()).containsExactly(F.forward("ns-1/ing-1-svc-3:https"));
    // Tracking tags (gate ListenerRulesTagging, on by default).
    assertThat(rules.get(1).tags()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "elbv2.k8s.aws/cluster", "cluster-dummy",
        "ingress.k8s.aws/stack", "ns-1/ing-1",
        "ingress.k8s.aws/resource", "80:2"));
  }

  @Test
  void ingressTagsTagItsRules() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "tags", "team=web,env=prod"), null,
        F.rule("", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.rules(t)).singleElement().satisfies(r -> assertThat(r.tags())
        .containsEntry("team", "web").containsEntry("env", "prod")
        .containsEntry("ingress.k8s.aws/resource", "80:1"));
  }

  @Test
  void withoutListenerRulesTaggingRulesCarryNoTags() {
    Translation t = F.run(F.settings(Map.of("ListenerRulesTagging", false), null, true, true, true),
        F.member(F.vanilla()), F.svc1(), F.svc2(), F.svc3());
    assertThat(F.rules(t)).hasSize(3).allSatisfy(r -> assertThat(r.tags()).isEmpty());
  }

  @Test
  void withoutWeightedTargetGroupsASingleForwardUsesTargetGroupArn() {
    Translation t = F.run(F.settings(Map.of("WeightedTargetGroups", false), null, true, true, true),
        F.member(F.vanilla()), F.svc1(), F.svc2(), F.svc3());
    assertThat(F.rules(t).get(0).actions()).containsExactly(
        new Action("forward", 1, Ref.to("ns-1/ing-1-svc-1:http"), null, null, null));
  }

  // ---- paths ------------------------------------------------------------------------------

  @Test
  void pathsGoExactThenPrefixLongestFirstThenImplementationSpecific() {
    // Test_defaultModelBuildTask_sortIngressPath "All three types".
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/b", "ImplementationSpecific", F.backend("svc-1", "http")),
            F.path("/ccc", "ImplementationSpecific", F.backend("svc-1", "http")),
            F.path("/aaa", "Prefix", F.backend("svc-1", "http")),
            F.path("/example", "Prefix", F.backend("svc-1", "http")),
            F.path("/test", "Exact", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.rules(t)).extracting(F::pathValues).containsExactly(
        List.of("/test"), List.of("/example", "/example/*"), List.of("/aaa", "/aaa/*"), List.of("/b"), List.of("/ccc"));
  }

  @Test
  void prefixSlashMatchesEverythingAndTrailingSlashesAreTrimmed() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/", "Prefix", F.backend("svc-1", "http")),
            F.path("/abc/def/", "Prefix", F.backend("svc-1", "http")),
            F.path("/abc/", "Exact", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.rules(t)).extracting(F::pathValues).containsExactly(
        List.of("/abc/"), List.of("/abc/def", "/abc/def/*"), List.of("/*"));
  }

  @Test
  void ruleWithoutHostOrPathMatchesEverything() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null, F.rule("", F.path("", null, F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.rules(t)).singleElement()
        .satisfies(r -> assertThat(r.conditions()).containsExactly(RuleCondition.pathPattern(List.of("/*"), null)));
  }

  @Test
  void aHostWithPrefixSlashKeepsTheCatchAllPathCondition() {
    // as the reference sends it (buildPathPatternsForPrefixPathType: "/" → "/*"; issue 9)
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("example.com", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.rules(t)).singleElement().satisfies(r -> assertThat(r.conditions())
        .containsExactly(RuleCondition.hostHeader(List.of("example.com"), null),
            RuleCondition.pathPattern(List.of("/*"), null)));
  }

  @Test
  void wildcardsInExactOrPrefixPathsAreErrors() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/*", "Exact", F.backend("svc-1", "http")), F.path("/?", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).extracting(Diagnostic::message).containsExactlyInAnyOrder(
        "exact path shouldn't contain wildcards: /*", "prefix path shouldn't contain wildcards: /?");
    assertThat(F.errors(t)).extracting(Diagnostic::field)
        .containsExactlyInAnyOrder("spec.rules[0].http.paths[0].path", "spec.rules[0].http.paths[1].path");
  }

  @Test
  void unknownPathTypeIsAnError() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null, F.rule("", F.path("/ccc", "xyz", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("unknown pathType for path /ccc");
      assertThat(d.field()).isEqualTo("spec.rules[0].http.paths[0].pathType");
    });
  }

  @Test
  void useRegexPathMatchTurnsImplementationSpecificPathsIntoRegexValues() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "use-regex-path-match", "true"), null,
        F.rule("", F.path("/^api/.+$", "ImplementationSpecific", F.backend("svc-1", "http")),
            F.path("/exact", "Exact", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.rules(t)).extracting(ListenerRuleIntent::conditions).containsExactly(
        List.of(RuleCondition.pathPattern(List.of("/exact"), null)),
        List.of(RuleCondition.pathPattern(null, List.of("^api/.+$"))));
  }

  @Test
  void useRegexPathMatchMustBeABoolean() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "use-regex-path-match", "foo"), null,
        F.rule("", F.path("/abc/*", null, F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.field()).isEqualTo(F.A + "use-regex-path-match");
      assertThat(d.object()).isEqualTo("Ingress ns-1/ing-1");
    });
  }

  // ---- conditions.<name> -------------------------------------------------------------------

  @Test
  void annotationConditionsGoFirstThenHostsThenPaths() {
    // Old camel-case keys are accepted, as the reference's JSON decoding does.
    String conds = "[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"HeaderName\",\"Values\":[\"HeaderValue\"]}},"
        + "{\"field\":\"host-header\",\"hostHeaderConfig\":{\"values\":[\"another-example.com\"]}},"
        + "{\"field\":\"query-string\",\"queryStringConfig\":{\"values\":[{\"key\":\"paramA\",\"value\":\"valueA\"}]}},"
        + "{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"values\":[\"/another-api/*\"]}},"
        + "{\"field\":\"source-ip\",\"sourceIpConfig\":{\"values\":[\"192.168.0.0/16\",\"172.16.0.0/16\"]}},"
        + "{\"field\":\"http-request-method\",\"httpRequestMethodConfig\":{\"values\":[\"GET\",\"HEAD\"]}}]";
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "conditions.svc-1", conds), null,
        F.rule("example.com", F.path("/api", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.rules(t)).singleElement().satisfies(r -> assertThat(r.conditions()).containsExactly(
        RuleCondition.httpHeader("HeaderName", List.of("HeaderValue"), null),
        RuleCondition.queryString(List.of(Map.of("Key", "paramA", "Value", "valueA"))),
        RuleCondition.sourceIp(List.of("192.168.0.0/16", "172.16.0.0/16")),
        RuleCondition.httpRequestMethod(List.of("GET", "HEAD")),
        RuleCondition.hostHeader(List.of("example.com", "another-example.com"), null),
        RuleCondition.pathPattern(List.of("/api", "/api/*", "/another-api/*"), null)));
  }

  @Test
  void mixingHostValuesAndRegexValuesIsAnError() {
    String conds = "[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"regexValues\":[\"^another-example.com$\",\"^yet-another-example.com$\"]}}]";
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "conditions.svc-1", conds), null,
        F.rule("example.com", F.path("", null, F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo(
        "host condition must specify exactly one of Values and RegexValues, got both Values [example.com] and "
            + "RegexValues [^another-example.com$ ^yet-another-example.com$]"));
  }

  @Test
  void malformedConditionsAreErrorsNamingTheAnnotation() {
    IngressFact i = F.ingress("ns-1", "ing-1",
        Map.of(F.A + "conditions.svc-1", "[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"values\":[]}}]",
            F.A + "conditions.svc-2", "{not json"),
        null, F.rule("", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).extracting(Diagnostic::field)
        .containsExactlyInAnyOrder(F.A + "conditions.svc-1", F.A + "conditions.svc-2");
    assertThat(F.errors(t)).extracting(Diagnostic::message)
        .contains("invalid hostHeaderConfig: values or regexValues must be specified")
        .anySatisfy(m -> assertThat(m).startsWith("invalid JSON"));
  }

  // ---- actions.<name> ----------------------------------------------------------------------

  @Test
  void useAnnotationBackendsTakeTheirAnnotationAction() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(F.A + "actions.response-503",
        "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"contentType\":\"text/plain\",\"statusCode\":\"503\",\"messageBody\":\"503 error text\"}}");
    a.put(F.A + "actions.redirect-to-eks",
        "{\"Type\":\"redirect\",\"RedirectConfig\":{\"Host\":\"aws.amazon.com\",\"Path\":\"/eks/\",\"Port\":\"443\",\"Protocol\":\"HTTPS\",\"Query\":\"k=v\",\"StatusCode\":\"HTTP_302\"}}");
    a.put(F.A + "actions.forward-single-tg", "{\"type\":\"forward\",\"targetGroupARN\": \"tg-arn\"}");
    a.put(F.A + "actions.forward-multiple-tg",
        "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"svc-1\",\"servicePort\":\"http\",\"weight\":20},"
            + "{\"serviceName\":\"svc-2\",\"servicePort\":\"80\",\"weight\":20},{\"targetGroupARN\":\"tg-arn\",\"weight\":60}],"
            + "\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":200}}}");
    IngressFact i = F.ingress("ns-1", "ing-1", a, null,
        F.rule("", F.path("/503", "Exact", F.backend("response-503", "use-annotation")),
            F.path("/eks", "Exact", F.backend("redirect-to-eks", "use-annotation")),
            F.path("/single", "Exact", F.backend("forward-single-tg", "use-annotation")),
            F.path("/multi", "Exact", F.backend("forward-multiple-tg", "use-annotation"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1(), F.svc2());
    assertThat(F.errors(t)).isEmpty();
    List<ListenerRuleIntent> rules = F.rules(t);
    assertThat(rules.get(0).actions()).containsExactly(
        Action.fixedResponse("text/plain", "503", "503 error text").withOrder(1));
    assertThat(rules.get(1).actions()).containsExactly(Action.redirect(
        new Action.RedirectConfig("HTTPS", "443", "aws.amazon.com", "/eks/", "k=v", "HTTP_302")).withOrder(1));
    assertThat(rules.get(2).actions()).containsExactly(Action.forward(
        List.of(new Action.TargetGroupTuple("tg-arn", null)), null).withOrder(1));
    // servicePort "80" is normalised to 80: the target group is svc-2:80.
    assertThat(rules.get(3).actions()).containsExactly(Action.forward(List.of(
        new Action.TargetGroupTuple(Ref.to("ns-1/ing-1-svc-1:http"), 20),
        new Action.TargetGroupTuple(Ref.to("ns-1/ing-1-svc-2:80"), 20),
        new Action.TargetGroupTuple("tg-arn", 60)), new Action.StickinessConfig(true, 200)).withOrder(1));
    assertThat(F.intents(t, dev.albc.intents.TargetGroupIntent.class)).extracting(tg -> tg.resourceId())
        .containsExactlyInAnyOrder("ns-1/ing-1-svc-1:http", "ns-1/ing-1-svc-2:80");
  }

  @Test
  void invalidActionsAreErrorsNamingTheAnnotation() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(F.A + "actions.a1", "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"svc-1\",\"servicePort\":80},{\"targetGroupARN\":\"tg-arn\"}]}}");
    a.put(F.A + "actions.a2", "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"contentType\":\"text/plain\"}}");
    a.put(F.A + "actions.a3", "{\"type\":\"forward\",\"targetGroupName\":\"my-tg\"}");
    a.put(F.A + "actions.a4", "{\"type\":\"magic\"}");
    a.put(F.A + "actions.a5", "[1,2");
    IngressFact i = F.ingress("ns-1", "ing-1", a, null,
        F.rule("", F.path("/a1", "Exact", F.backend("a1", "use-annotation")),
            F.path("/a3", "Exact", F.backend("a3", "use-annotation"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    Map<String, String> byField = new LinkedHashMap<>();
    F.errors(t).forEach(d -> byField.put(d.field(), d.message()));
    assertThat(byField).containsEntry(F.A + "actions.a1",
        "invalid ForwardConfig: weight must be set when route to multiple target groups");
    assertThat(byField).containsEntry(F.A + "actions.a2", "invalid FixedResponseConfig: statusCode is required");
    assertThat(byField).containsEntry(F.A + "actions.a3",
        "target group \"my-tg\" needs a look-up in the AWS account (DescribeTargetGroups)");
    assertThat(byField).containsEntry(F.A + "actions.a4", "unknown action type: magic");
    assertThat(byField.get(F.A + "actions.a5")).startsWith("invalid JSON");
    assertThat(F.errors(t)).filteredOn(d -> d.field().equals(F.A + "actions.a3")).singleElement()
        .satisfies(d -> assertThat(d.hint()).contains("aws elbv2 describe-target-groups --names my-tg"));
    assertThat(t.lookups()).containsExactly(new dev.albc.rules.api.Lookup(
        dev.albc.rules.api.Lookup.TARGET_GROUP, "my-tg", "ns-1/ing-1", "Ingress ns-1/ing-1", F.A + "actions.a3"));
    // A broken action gives no "does not exist" 503 on top of its error.
    assertThat(F.warnings(t)).isEmpty();
  }

  @Test
  void missingActionAnswers503WhenTolerated() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/x", "Exact", F.backend("fake-my-svc", "use-annotation"))));
    Translation t = F.run(F.settings(), F.member(i));
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.rules(t)).singleElement().satisfies(r -> assertThat(r.actions())
        .containsExactly(Action.fixedResponse("text/plain", "503", "Backend action does not exist").withOrder(1)));
    assertThat(F.warnings(t)).singleElement().satisfies(d -> assertThat(d.field()).isEqualTo(F.A + "actions.fake-my-svc"));
  }

  @Test
  void missingActionIsAnErrorWhenNotTolerated() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/x", "Exact", F.backend("fake-my-svc", "use-annotation"))));
    Translation t = F.run(F.settings(null, null, true, true, false), F.member(i));
    assertThat(F.errors(t)).singleElement()
        .satisfies(d -> assertThat(d.message()).isEqualTo("missing actions.fake-my-svc configuration"));
    assertThat(F.rules(t)).isEmpty();
  }

  // ---- missing Services and ports --------------------------------------------------------

  @Test
  void missingServiceAnswers503WithAWarningWhenTolerated() {
    IngressFact i = F.ingress("awesome-ns", "ing-1", Map.of(), null,
        F.rule("", F.path("/", "Prefix", F.backend("svc-2", "http"))));
    Translation t = F.run(F.settings(), F.member(i));
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.rules(t)).singleElement().satisfies(r -> assertThat(r.actions())
        .containsExactly(Action.fixedResponse("text/plain", "503", "Backend service does not exist").withOrder(1)));
    assertThat(F.warnings(t)).singleElement().satisfies(d -> {
      assertThat(d.object()).isEqualTo("Ingress awesome-ns/ing-1");
      assertThat(d.message()).contains("Service awesome-ns/svc-2 does not exist");
    });
    assertThat(F.intents(t, dev.albc.intents.TargetGroupIntent.class)).isEmpty();
  }

  @Test
  void missingServiceIsAnErrorWhenNotTolerated() {
    IngressFact i = F.ingress("awesome-ns", "ing-1", Map.of(), null,
        F.rule("", F.path("/", "Prefix", F.backend("svc-2", "http"))));
    Translation t = F.run(F.settings(null, null, true, false, true), F.member(i));
    assertThat(F.errors(t)).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo("services \"svc-2\" not found"));
  }

  @Test
  void forwardToSeveralServicesWithOneMissingIsAnErrorEvenWhenTolerated() {
    IngressFact i = F.ingress("ns-1", "ing-1",
        Map.of(F.A + "actions.split", "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
            + "{\"serviceName\":\"svc-1\",\"servicePort\":80,\"weight\":50},{\"serviceName\":\"svc-9\",\"servicePort\":80,\"weight\":50}]}}"),
        null, F.rule("", F.path("/", "Prefix", F.backend("split", "use-annotation"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("services \"svc-9\" not found");
      assertThat(d.field()).isEqualTo(F.A + "actions.split");
    });
  }

  @Test
  void serviceWithoutTheNamedPortIsAnError() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/", "Prefix", F.backend("svc-1", "grpc"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("unable to find port grpc on service ns-1/svc-1");
      assertThat(d.field()).isEqualTo("spec.rules[0].http.paths[0].backend.service.port");
    });
    assertThat(F.rules(t)).isEmpty();
  }

  @Test
  void resourceBackendsAreErrors() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/", "Prefix", new BackendFact(null, null, null, "StorageBucket"))));
    Translation t = F.run(F.settings(), F.member(i));
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("missing required \"service\" field");
      assertThat(d.field()).isEqualTo("spec.rules[0].http.paths[0].backend");
    });
  }

  // ---- groups, ssl-redirect, default backend ------------------------------------------------

  @Test
  void membersAreOrderedByGroupOrderThenNamespaceAndName() {
    IngressFact a = F.ingress("ns-b", "ing-a", Map.of(F.A + "group.name", "g"), null,
        F.rule("a.example.com", F.path("/", "Prefix", F.backend("svc", "http"))));
    IngressFact b = F.ingress("ns-a", "ing-b", Map.of(F.A + "group.name", "g"), null,
        F.rule("b.example.com", F.path("/", "Prefix", F.backend("svc", "http"))));
    IngressFact c = F.ingress("ns-c", "ing-c", Map.of(F.A + "group.name", "g", F.A + "group.order", "-5"), null,
        F.rule("c.example.com", F.path("/", "Prefix", F.backend("svc", "http"))));
    List<Object> facts = new ArrayList<>(List.of(F.settings(), F.member("g", a), F.member("g", b), F.member("g", c)));
    for (String ns : List.of("ns-a", "ns-b", "ns-c")) {
      facts.add(F.service(ns, "svc", "NodePort", Map.of(), new ServiceFact.PortFact("http", 80, "TCP", null, 31000)));
    }
    Translation t = RUNNER.run(facts, false);
    assertThat(F.rules(t)).extracting(F::hostValues).containsExactly(
        List.of("c.example.com"), List.of("b.example.com"), List.of("a.example.com"));
    assertThat(F.rules(t)).extracting(ListenerRuleIntent::ingressKey).containsExactly("ns-c/ing-c", "ns-a/ing-b", "ns-b/ing-a");
    assertThat(F.rules(t).get(0).tags()).containsEntry("ingress.k8s.aws/stack", "g");
  }

  @Test
  void onlyMembersListeningOnAPortGetRulesOnIt() {
    IngressFact a = F.ingress("ns-1", "ing-a", Map.of(F.A + "group.name", "g", F.A + "listen-ports", "[{\"HTTP\":8080}]"), null,
        F.rule("a.example.com", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    IngressFact b = F.ingress("ns-1", "ing-b", Map.of(F.A + "group.name", "g"), null,
        F.rule("b.example.com", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member("g", a), F.member("g", b), F.svc1());
    assertThat(F.rules(t)).extracting(ListenerRuleIntent::resourceId, F::hostValues).containsExactly(
        org.assertj.core.groups.Tuple.tuple("80:1", List.of("b.example.com")),
        org.assertj.core.groups.Tuple.tuple("8080:1", List.of("a.example.com")));
  }

  @Test
  void sslRedirectLeavesHttpListenersWithoutRules() {
    IngressFact i = F.ingress("ns-1", "ing-1",
        Map.of(F.A + "listen-ports", "[{\"HTTP\":80},{\"HTTPS\":443}]", F.A + "ssl-redirect", "443",
            F.A + "certificate-arn", "arn:aws:acm:us-west-2:123456789012:certificate/abc"),
        null, F.rule("app.example.com", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.rules(t)).extracting(ListenerRuleIntent::resourceId).containsExactly("443:1");
  }

  @Test
  void actionsSslRedirectIdiomRedirectsOnHttpAndIsDroppedOnHttps() {
    // The classic pattern: a first path routed to actions.ssl-redirect. On HTTP:80 it redirects and
    // shadows the later rules; on HTTPS:443 it would loop, so it is left out.
    IngressFact i = F.ingress("ns-1", "ing-1",
        Map.of(F.A + "listen-ports", "[{\"HTTP\":80},{\"HTTPS\":443}]",
            F.A + "certificate-arn", "arn:aws:acm:us-west-2:123456789012:certificate/abc",
            F.A + "actions.ssl-redirect",
            "{\"Type\":\"redirect\",\"RedirectConfig\":{\"Protocol\":\"HTTPS\",\"Port\":\"443\",\"StatusCode\":\"HTTP_301\"}}"),
        null, F.rule("", F.path("/*", null, F.backend("ssl-redirect", "use-annotation")),
            F.path("/*", null, F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.rules(t, 80)).singleElement().satisfies(r -> assertThat(r.actions()).containsExactly(
        Action.redirect(new Action.RedirectConfig("HTTPS", "443", null, null, null, "HTTP_301")).withOrder(1)));
    assertThat(F.rules(t, 443)).singleElement().satisfies(r -> {
      assertThat(r.priority()).isEqualTo(1);
      assertThat(r.actions()).containsExactly(F.forward("ns-1/ing-1-svc-1:http"));
    });
  }

  @Test
  void defaultBackendBecomesTheListenerDefaultActionOnEachPort() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "listen-ports", "[{\"HTTP\":80},{\"HTTP\":8080}]"),
        F.backend("svc-1", "http"));
    Translation t = RUNNER.run(List.of(F.settings(), F.member(i), F.svc1()), false);
    // ListenerDefaultAction facts are derived, not intents: look at the listeners built from them.
    var listeners = F.intents(t, dev.albc.intents.ListenerIntent.class);
    assertThat(listeners).hasSize(2).allSatisfy(l -> assertThat(l.defaultActions())
        .extracting(Action::type, a -> a.forwardConfig().targetGroups().get(0).targetGroupArn())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("forward", Ref.to("ns-1/ing-1-svc-1:http"))));
    assertThat(F.rules(t)).isEmpty();
    assertThat(F.intents(t, dev.albc.intents.TargetGroupIntent.class)).extracting(tg -> tg.resourceId())
        .containsExactly("ns-1/ing-1-svc-1:http");
  }

  @Test
  void defaultBackendOfAMissingServiceAnswers503() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), F.backend("svc-9", 80));
    Translation t = F.run(F.settings(), F.member(i));
    var listeners = F.intents(t, dev.albc.intents.ListenerIntent.class);
    assertThat(listeners).singleElement().satisfies(l -> assertThat(l.defaultActions()).extracting(Action::fixedResponseConfig)
        .containsExactly(new Action.FixedResponseConfig("Backend service does not exist", "503", "text/plain")));
    assertThat(F.warnings(t)).singleElement().satisfies(d -> assertThat(d.field()).isEqualTo("spec.defaultBackend.service.name"));
  }

  @Test
  void rulesAreDeterministic() {
    Object[] facts = {F.settings(), F.member(F.vanilla()), F.svc1(), F.svc2(), F.svc3()};
    List<ListenerRuleIntent> first = F.rules(F.run(facts));
    List<Object> reversed = new ArrayList<>(Arrays.asList(facts));
    java.util.Collections.reverse(reversed);
    assertThat(F.rules(RUNNER.run(reversed, false))).isEqualTo(first);
  }
}
