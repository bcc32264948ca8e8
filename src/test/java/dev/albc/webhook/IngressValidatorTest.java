package dev.albc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.FactInputs;
import dev.albc.sources.IngressFactMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Ingress validator runs the rules on the cached facts of the quickstart example. */
class IngressValidatorTest {
  static final RuleRunner RUNNER = new RuleRunner(RuleCompiler.loadBuiltin());
  static final ControllerSettings SETTINGS = ControllerSettings.defaults("demo");
  static final List<Object> FACTS = FactInputs.read(List.of(Path.of("examples/quickstart/ingress.yaml"),
      Path.of("examples/quickstart/services.yaml")), List.of(Path.of("examples/quickstart/subnets.json")), "");

  static Admission.Request shop(String scheme) throws Exception {
    return shop(scheme, "");
  }

  static Admission.Request shop(String scheme, String moreAnnotations) throws Exception {
    String json = "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"shop\","
        + "\"namespace\":\"demo\",\"annotations\":{" + moreAnnotations + "\"alb.ingress.kubernetes.io/scheme\":\""
        + scheme + "\"}},"
        + "\"spec\":{\"ingressClassName\":\"alb\",\"rules\":[{\"host\":\"shop.example.com\",\"http\":{\"paths\":[{"
        + "\"path\":\"/api\",\"pathType\":\"Prefix\",\"backend\":{\"service\":{\"name\":\"api\",\"port\":{\"name\":\"http\"}}}}]}}]}}";
    return new Admission.Request("u", "Ingress", "UPDATE", "demo", "shop", new ObjectMapper().readTree(json),
        new ObjectMapper().missingNode());
  }

  /**
   * Issue 14: a check whose rules run past the rule time budget in user code was admitted with a
   * warning long before; when the budget runs out the handler (the controller's: mark the source,
   * exit) is told the Ingress and the file. The loop ends by itself after a few seconds.
   */
  @Test
  void rulesStuckPastTheirBudgetAreHandedToTheHangHandlerAfterTheAnswer() throws Exception {
    RuleRunner spinning = new RuleRunner(RuleCompiler.compileWithBuiltin(List.of(new dev.albc.rules.RuleSource(
        "configmap/house/spin.drl", """
        package house;
        import dev.albc.rules.api.*;

        function boolean spin(long n) {
            long x = 1;
            for (long i = 0; i < n; i++) { x = x * 31 + i; }
            return x == 42L;
        }

        rule "spins for every member"
            ruleflow-group "override"
        when
            $m : Member()
        then
            if (spin(3000000000L)) { insert("never"); }
        end
        """, false))));
    java.util.concurrent.CompletableFuture<String> told = new java.util.concurrent.CompletableFuture<>();
    String old = System.getProperty("albc.rules.timeout");
    System.setProperty("albc.rules.timeout", "1");
    try (IngressValidator v = new IngressValidator(i -> Optional.of(FACTS), () -> spinning, SETTINGS,
        Duration.ofMillis(100)).onRulesHung((key, e) -> told.complete(key + " " + e.files()))) {
      Admission.Response r = v.handle(shop("internet-facing"));
      assertThat(r.allowed()).isTrue();
      assertThat(r.warnings()).singleElement().asString().contains("the rules did not answer within 100 ms");
      assertThat(told.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("demo/shop [configmap/house/spin.drl]");
    } finally {
      if (old == null) {
        System.clearProperty("albc.rules.timeout");
      } else {
        System.setProperty("albc.rules.timeout", old);
      }
    }
  }

  @Test
  void aBadAnnotationIsRefusedWithTheRulesMessage() throws Exception {
    try (IngressValidator v = new IngressValidator(i -> Optional.of(FACTS), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      assertThat(v.handle(shop("internet-facing")).allowed()).isTrue();
      Admission.Response bad = v.handle(shop("internet-facingx"));
      assertThat(bad.allowed()).isFalse();
      assertThat(bad.message()).contains("\"internet-facingx\" is not allowed");
    }
  }

  @Test
  void anAnnotationOnlyALookUpCanSettleIsAllowedWithAWarning() throws Exception {
    try (IngressValidator v = new IngressValidator(i -> Optional.of(FACTS), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      Admission.Response r = v.handle(shop("internet-facing", "\"alb.ingress.kubernetes.io/wafv2-acl-name\":\"house\","));
      assertThat(r.allowed()).isTrue();
      assertThat(r.warnings()).singleElement().asString().contains("WAFv2 web ACL \"house\"", "controller");
      // any other error still refuses it
      assertThat(v.handle(shop("internet-facingx", "\"alb.ingress.kubernetes.io/wafv2-acl-name\":\"house\","))
          .allowed()).isFalse();
    }
  }

  @Test
  void aConflictWithTheGroupsOtherMembersIsRefused() throws Exception {
    String group = "\"alb.ingress.kubernetes.io/group.name\":\"g\",";
    String blog = "{\"metadata\":{\"name\":\"blog\",\"namespace\":\"demo\",\"uid\":\"b\",\"annotations\":{" + group
        + "\"alb.ingress.kubernetes.io/scheme\":\"internal\"}},\"spec\":{\"ingressClassName\":\"alb\",\"rules\":[{"
        + "\"host\":\"blog.example.com\",\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{"
        + "\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}]}}";
    List<Object> facts = new java.util.ArrayList<>(FACTS);
    facts.add(IngressFactMapper.INSTANCE.toFact(new io.kubernetes.client.openapi.JSON().deserialize(blog,
        io.kubernetes.client.openapi.models.V1Ingress.class)));
    try (IngressValidator v = new IngressValidator(i -> Optional.of(facts), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      assertThat(v.handle(shop("internal", group)).allowed()).as("agrees with blog").isTrue();
      Admission.Response bad = v.handle(shop("internet-facing", group));
      assertThat(bad.allowed()).isFalse();
      assertThat(bad.message()).contains("conflicting values for scheme", "demo/blog", "demo/shop");
      assertThat(v.handle(shop("internet-facing")).allowed()).as("alone in its own group").isTrue();
    }
  }

  @Test
  void albcsOwnWritesOnAnInvalidIngressPassButAnEditOfItsRuleInputsIsChecked() throws Exception {
    Admission.Request bad = shop("internet-facingx");
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode patched = bad.object().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) patched.path("metadata").path("annotations"))
        .put("albc.dev/status", "{\"type\":\"Degraded\"}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) patched.path("metadata"))
        .set("finalizers", json.createArrayNode().add("ingress.k8s.aws/resources"));
    try (IngressValidator v = new IngressValidator(i -> Optional.of(FACTS), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      Admission.Response own = v.handle(new Admission.Request("u", "Ingress", "UPDATE", "demo", "shop", patched,
          bad.object()));
      assertThat(own.allowed()).as("status annotation and finalizer only").isTrue();
      com.fasterxml.jackson.databind.node.ObjectNode edited = patched.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) edited.path("metadata").path("annotations"))
          .put("alb.ingress.kubernetes.io/group.order", "1");
      assertThat(v.handle(new Admission.Request("u", "Ingress", "UPDATE", "demo", "shop", edited, patched))
          .allowed()).as("an annotation the rules read changed").isFalse();
    }
  }

  @Test
  void missingFactsAllowWithAWarning() throws Exception {
    try (IngressValidator v = new IngressValidator(i -> Optional.empty(), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      Admission.Response r = v.handle(shop("internet-facingx"));
      assertThat(r.allowed()).isTrue();
      assertThat(r.warnings()).singleElement().asString().contains("caches are not ready");
    }
  }

  @Test
  void anOidcSecretTheWebhookHasNotSeenIsNotRefusedButOneWithoutItsKeysIs() throws Exception {
    String oidc = "\"alb.ingress.kubernetes.io/listen-ports\":\"[{\\\"HTTPS\\\": 443}]\","
        + "\"alb.ingress.kubernetes.io/certificate-arn\":\"arn:aws:acm:us-west-2:1:certificate/x\","
        + "\"alb.ingress.kubernetes.io/auth-type\":\"oidc\","
        + "\"alb.ingress.kubernetes.io/auth-idp-oidc\":\"{\\\"issuer\\\":\\\"https://i\\\","
        + "\\\"authorizationEndpoint\\\":\\\"https://a\\\",\\\"tokenEndpoint\\\":\\\"https://t\\\","
        + "\\\"userInfoEndpoint\\\":\\\"https://u\\\",\\\"secretName\\\":\\\"shop-oidc\\\"}\",";
    try (IngressValidator v = new IngressValidator(i -> Optional.of(FACTS), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      Admission.Response unseen = v.handle(shop("internet-facing", oidc));
      assertThat(unseen.allowed()).as(String.valueOf(unseen.message())).isTrue();
      assertThat(unseen.warnings()).singleElement().satisfies(w -> assertThat(w).contains("Secret shop-oidc"));
    }
    List<Object> withSecret = new java.util.ArrayList<>(FACTS);
    withSecret.add(new dev.albc.facts.SecretFact("demo", "shop-oidc", java.util.Map.of("clientID", "c")));
    try (IngressValidator v = new IngressValidator(i -> Optional.of(withSecret), () -> RUNNER, SETTINGS,
        Duration.ofSeconds(60))) {
      Admission.Response bad = v.handle(shop("internet-facing", oidc));
      assertThat(bad.allowed()).isFalse();
      assertThat(bad.message()).contains("missing clientSecret, secret: demo/shop-oidc");
    }
  }
}
