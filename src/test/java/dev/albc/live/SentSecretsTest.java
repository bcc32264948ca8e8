package dev.albc.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.executor.SecretValues;
import dev.albc.executor.SentSecret;
import dev.albc.facts.IngressFact;
import dev.albc.facts.SecretFact;
import dev.albc.intents.Action;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.Ref;
import dev.albc.intents.SecretRef;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hashes of the client secrets albc sent, kept in the member Ingresses' albc.dev/sent-client-secrets
 * annotation (docs/apply.md#client-secrets): read into the observed actions before planning, and
 * what the annotations become after a run.
 */
class SentSecretsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RULE = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/k8s-demo-shop/1/2/3";
  static final String RULE2 = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/k8s-demo-shop/1/2/4";
  static final String LISTENER = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/k8s-demo-shop/1/2";

  static IngressFact ingress(String name, Map<String, String> annotations, boolean defaultBackend) {
    return new IngressFact("demo", name, "uid-" + name, "alb", annotations, Map.of(),
        defaultBackend ? new IngressFact.BackendFact("web", null, 80, null) : null, List.of(), List.of(), List.of(),
        false);
  }

  static SecretFact secret(String value) {
    return new SecretFact("demo", "shop-oidc", Map.of("clientID", "shop-client", "clientSecret", value));
  }

  static ObservedResource rule(String arn, boolean oidc) throws Exception {
    String action = oidc
        ? "{\"Type\":\"authenticate-oidc\",\"Order\":1,\"AuthenticateOidcConfig\":{\"Issuer\":\"https://idp.example.com\",\"ClientId\":\"shop-client\"}}"
        : "{\"Type\":\"forward\",\"Order\":1,\"TargetGroupArn\":\"arn:tg\"}";
    return new ObservedResource(ListenerRuleIntent.KIND, arn, null, Map.of(),
        (ObjectNode) JSON.readTree("{\"RuleArn\":\"" + arn + "\",\"Actions\":[" + action + "]}"), null, LISTENER);
  }

  static ObservedStack stack(List<ObservedResource> rules) {
    return new ObservedStack("demo/shop", List.of(), List.of(), rules, List.of(), List.of(), null, Map.of(), Map.of(),
        null, null, List.of());
  }

  static String observedHash(ObservedResource r) {
    var n = r.body().at("/Actions/0/AuthenticateOidcConfig/ClientSecret");
    return n.isMissingNode() ? null : n.path("Hash").asText();
  }

  @Test
  void theAnnotationIsAJsonObjectByArnThatReadsBackAndToleratesWhatItCannotUse() {
    SentSecret s = SentSecret.of("demo/shop-oidc", "clientSecret", "s3cret-one");
    String v = SentSecrets.encode(Map.of(RULE2, s, RULE, s));
    assertThat(v).startsWith("{\"" + RULE + "\":{\"secret\":\"demo/shop-oidc\",\"key\":\"clientSecret\",\"hash\":\"pbkdf2-sha256$")
        .contains(RULE2).doesNotContain("s3cret");
    assertThat(SentSecrets.decode(v)).containsExactly(Map.entry(RULE, s), Map.entry(RULE2, s));
    assertThat(SentSecrets.decode(null)).isEmpty();
    assertThat(SentSecrets.decode("not json")).isEmpty();
    assertThat(SentSecrets.decode("[1, 2]")).isEmpty();
    assertThat(SentSecrets.decode("{\"" + RULE + "\":{\"secret\":\"demo/shop-oidc\",\"key\":\"clientSecret\",\"hash\":\""
        + s.hash() + "\",\"later\":1},\"" + RULE2 + "\":{\"secret\":\"demo/shop-oidc\"}}"))
        .containsOnlyKeys(RULE);
  }

  @Test
  void twoIngressesKeepingDifferentEntriesForOneArnMeanNothingKnown() {
    SentSecret a = SentSecret.of("demo/shop-oidc", "clientSecret", "one");
    SentSecret b = SentSecret.of("demo/shop-oidc", "clientSecret", "two");
    List<Object> facts = List.of(
        ingress("shop", Map.of(SentSecrets.ANNOTATION, SentSecrets.encode(Map.of(RULE, a, RULE2, b))), false),
        ingress("admin", Map.of(SentSecrets.ANNOTATION, SentSecrets.encode(Map.of(RULE, b))), false),
        ingress("same", Map.of(SentSecrets.ANNOTATION, SentSecrets.encode(Map.of(RULE2, b))), false));
    assertThat(SentSecrets.stored(facts)).containsOnlyKeys(RULE2);
  }

  @Test
  void beforePlanningTheObservedSecretIsTheHashSentKeptAndVerifiedOrMarkedRotatedOrLeftUncompared() throws Exception {
    String one = SecretRef.hash("demo/shop-oidc", "clientSecret", "s3cret-one");
    SentSecret keptOne = SentSecret.of("demo/shop-oidc", "clientSecret", "s3cret-one");
    String other = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/k8s-demo-shop/1/2/9";
    String forward = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/k8s-demo-shop/1/2/8";
    List<Object> facts = new ArrayList<>(List.of(ingress("shop",
        Map.of(SentSecrets.ANNOTATION, SentSecrets.encode(Map.of(RULE, keptOne, forward, keptOne))), false)));

    // the Secret unchanged since: the kept hash matches, the observed action holds the plan's hash
    facts.add(secret("s3cret-one"));
    SecretValues values = new SecretValues(() -> facts);
    ObservedStack s = stack(List.of(rule(RULE, true), rule(other, true), rule(forward, false)));
    SentSecrets.annotate(s, values, facts);
    assertThat(observedHash(s.rules().get(0))).isEqualTo(one);
    assertThat(observedHash(s.rules().get(1))).as("nothing kept: not compared").isNull();
    assertThat(s.rules().get(2).body().toString()).doesNotContain("ClientSecret");
    assertThat(values.lastSent(RULE)).as("verified once, then known in memory").isEqualTo(one);
    assertThat(values.kept(RULE)).isEqualTo(keptOne);

    // the Secret rotated while no albc ran: the kept hash does not match
    facts.set(1, secret("s3cret-two"));
    SecretValues restarted = new SecretValues(() -> facts);
    ObservedStack rotated = stack(List.of(rule(RULE, true)));
    SentSecrets.annotate(rotated, restarted, facts);
    assertThat(observedHash(rotated.rules().get(0))).isEqualTo(SentSecrets.ROTATED)
        .isNotEqualTo(SecretRef.hash("demo/shop-oidc", "clientSecret", "s3cret-two"));
    assertThat(restarted.lastSent(RULE)).isNull();

    // what this process sent wins over what is kept
    restarted.sent(RULE, SecretRef.hash("demo/shop-oidc", "clientSecret", "s3cret-two"));
    ObservedStack sent = stack(List.of(rule(RULE, true)));
    SentSecrets.annotate(sent, restarted, facts);
    assertThat(observedHash(sent.rules().get(0))).isEqualTo(SecretRef.hash("demo/shop-oidc", "clientSecret", "s3cret-two"));
  }

  static Action oidc() {
    return Action.authenticateOidc(new Action.AuthenticateOidcConfig("https://idp.example.com", "https://idp.example.com/auth",
        "https://idp.example.com/token", "https://idp.example.com/userinfo", "shop-client",
        SecretRef.of("demo/shop-oidc", "clientSecret", "s3cret-two"), null, "authenticate", "openid",
        "AWSELBAuthSessionCookie", 604800L));
  }

  static Action forward() {
    return Action.fixedResponse("text/plain", "404", null);
  }

  @Test
  void afterARunEachEntryGoesToTheIngressItComesFromAndOnlyChangedAnnotationsAreWritten() {
    SentSecret keptListener = SentSecret.of("demo/shop-oidc", "clientSecret", "s3cret-two");
    SentSecret stale = SentSecret.of("demo/shop-oidc", "clientSecret", "s3cret-zero");
    String gone = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/k8s-demo-shop/1/2/7";
    List<Object> facts = new ArrayList<>();
    facts.add(secret("s3cret-two"));
    // shop: keeps the listener's entry (it belongs to the member with the default backend) and a gone rule's
    facts.add(ingress("shop", Map.of(SentSecrets.ANNOTATION,
        SentSecrets.encode(Map.of(LISTENER, keptListener, gone, stale))), false));
    facts.add(ingress("root", Map.of(), true));
    facts.add(ingress("plain", Map.of("example.com/x", "1"), false));
    SecretValues values = new SecretValues(() -> facts);
    List<SecretValues.Sending> sending = List.of(new SecretValues.Sending("demo/shop-oidc", "clientSecret",
        SecretRef.hash("demo/shop-oidc", "clientSecret", "s3cret-two"), "s3cret-two"));
    values.sent(RULE, sending);

    List<Intent> resources = List.of(
        new ListenerIntent("demo/shop", Ref.to("LoadBalancer"), 443, "HTTPS", null, List.of(), List.of(),
            List.of(oidc().withOrder(1), forward().withOrder(2)), null, Map.of()),
        new ListenerRuleIntent("demo/shop", 443, "demo/shop", Ref.to("443"), 1, List.of(), List.of(oidc(), forward()),
            Map.of()),
        new ListenerRuleIntent("demo/shop", 443, "demo/plain", Ref.to("443"), 2, List.of(), List.of(forward()), Map.of()),
        new ListenerRuleIntent("demo/shop", 443, "demo/root", Ref.to("443"), 3, List.of(), List.of(oidc(), forward()),
            Map.of()));
    DesiredGroup g = new DesiredGroup("demo/shop", List.of("demo/shop", "demo/root", "demo/plain"), resources, List.of());
    Map<String, String> refs = Map.of("443", LISTENER, "443:1", RULE, "443:2", RULE2, "443:3",
        "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/k8s-demo-shop/1/2/5");

    Map<String, String> writes = SentSecrets.annotations(g, refs, facts, values);
    // shop: the rule this run sent; the listener's entry and the gone rule's leave it
    // root: the listener's entry, moved from shop; its rule 443:3 has nothing known, so no entry
    // plain: no OIDC rule, no annotation before: nothing written
    assertThat(writes).containsOnlyKeys("demo/shop", "demo/root");
    assertThat(SentSecrets.decode(writes.get("demo/shop"))).containsOnlyKeys(RULE);
    assertThat(SentSecrets.decode(writes.get("demo/shop")).get(RULE).matches("s3cret-two")).isTrue();
    assertThat(SentSecrets.decode(writes.get("demo/root"))).containsExactly(Map.entry(LISTENER, keptListener));
    assertThat(writes.values()).allSatisfy(v -> assertThat(v).doesNotContain("s3cret"));

    // once written, the same run's knowledge writes nothing more
    List<Object> after = new ArrayList<>(facts);
    after.set(1, ingress("shop", Map.of(SentSecrets.ANNOTATION, writes.get("demo/shop")), false));
    after.set(2, ingress("root", Map.of(SentSecrets.ANNOTATION, writes.get("demo/root")), true));
    assertThat(SentSecrets.annotations(g, refs, after, values)).isEmpty();

    // a member whose OIDC rule went: its annotation is removed (null)
    DesiredGroup without = new DesiredGroup("demo/shop", g.members(), resources.subList(0, 1), List.of());
    Map<String, String> removed = new HashMap<>(SentSecrets.annotations(without, refs, after, values));
    assertThat(removed).containsOnlyKeys("demo/shop");
    assertThat(removed.get("demo/shop")).isNull();
  }
}
