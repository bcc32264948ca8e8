package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.changes.LiveChanges;
import dev.albc.executor.LiveFixture;
import dev.albc.live.LiveGroups;
import dev.albc.live.LiveRun;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;

/**
 * Issue 15's annotations applied to the emulator (scripts/moto_run.py stores and returns the fields
 * moto 5.2.5 drops: listener MutualAuthentication, rule Transforms, jwt-validation actions, trust
 * stores): an Ingress with OIDC authentication (its client secret in a Secret), mTLS verify with a
 * trust store given by name, listener attributes and a url-rewrite transform, and a second one with
 * jwt-validation. Every field is read back from the emulator; an immediate re-plan changes nothing
 * (the client secret, which AWS never returns, is not rewritten each time: the reference's #1232);
 * a rotated secret is exactly one ModifyRule per authenticated rule, carrying the new value.
 */
@IntegrationTest
class AuthApplyIT {
  static final String OIDC = "{\"issuer\":\"https://idp.example.com\",\"authorizationEndpoint\":\"https://idp.example.com/auth\","
      + "\"tokenEndpoint\":\"https://idp.example.com/token\",\"userInfoEndpoint\":\"https://idp.example.com/userinfo\","
      + "\"secretName\":\"shop-oidc\"}";

  static String manifests(String clientSecret) {
    return """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: alb
        spec:
          controller: ingress.k8s.aws/alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          namespace: demo
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/auth-type: oidc
            alb.ingress.kubernetes.io/auth-idp-oidc: '%s'
            alb.ingress.kubernetes.io/auth-scope: openid email
            alb.ingress.kubernetes.io/mutual-authentication: '[{"port": 443, "mode": "verify", "trustStore": "shop-clients", "advertiseTrustStoreCaNames": "on"}]'
            alb.ingress.kubernetes.io/listener-attributes.HTTPS-443: routing.http.response.server.enabled=false
            alb.ingress.kubernetes.io/transforms.api: '[{"type": "url-rewrite", "urlRewriteConfig": {"rewrites": [{"regex": "^/api/(.*)$", "replace": "/$1"}]}}]'
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /api
                    pathType: Prefix
                    backend:
                      service:
                        name: api
                        port:
                          number: 80
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
                          number: 80
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: tokens
          namespace: demo
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
            alb.ingress.kubernetes.io/jwt-validation: '{"jwksEndpoint": "https://idp.example.com/jwks.json", "issuer": "https://idp.example.com", "additionalClaims": [{"name": "scope", "format": "space-separated-values", "values": ["read:api"]}]}'
        spec:
          ingressClassName: alb
          rules:
            - host: tokens.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: api
                        port:
                          number: 80
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: shop-oidc
          namespace: demo
        stringData:
          clientID: shop-client
          clientSecret: %s
        """.formatted(OIDC, clientSecret) + service("web", 31080) + service("api", 31081);
  }

  static String service(String name, int nodePort) {
    return """
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: %s
          namespace: demo
        spec:
          type: NodePort
          ports:
            - port: 80
              targetPort: 8080
              nodePort: %d
        """.formatted(name, nodePort);
  }

  /** The client secrets albc sent in CreateRule / ModifyRule requests, in order. */
  static final class SentSecrets implements ExecutionInterceptor {
    final List<String> sent = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
      SdkRequest r = c.request();
      List<Action> actions = r instanceof CreateRuleRequest cr ? cr.actions()
          : r instanceof ModifyRuleRequest mr ? mr.actions() : List.of();
      actions.stream().map(Action::authenticateOidcConfig).filter(java.util.Objects::nonNull)
          .forEach(o -> sent.add(o.clientSecret()));
    }
  }

  @Test
  void oidcMtlsAttributesTransformsAndJwtAreAppliedReadBackAndARotatedSecretIsOneModifyRule(ItContext it) {
    it.seedAws().importCertificate("shop.example.com");
    it.seedAws().importCertificate("tokens.example.com");
    String trustStore = it.aws().elbv2().createTrustStore(r -> r.name("shop-clients")
        .caCertificatesBundleS3Bucket("albc-test").caCertificatesBundleS3Key("ca.pem")).trustStores().get(0).trustStoreArn();
    SentSecrets secrets = new SentSecrets();
    try (LiveFixture f = new LiveFixture(it, secrets)) {
      AtomicReference<List<Object>> facts = new AtomicReference<>(LiveFixture.facts(manifests("s3cret-one")));
      LiveGroups live = f.live(null, () -> facts.get());

      // the plan: authentication skipped on HTTP with a warning; no secret value anywhere
      LiveChanges planned = live.planAll().changes();
      assertThat(planned.hasErrors()).as(planned.json()).isFalse();
      assertThat(planned.json()).doesNotContain("s3cret-one").contains("\"$secret\" : \"demo/shop-oidc\"");
      assertThat(planned.groups().stream().flatMap(g -> g.diagnostics().stream()).map(d -> d.message()))
          .anyMatch(m -> m.contains("not applied on HTTP listener port 80"));

      LiveRun first = live.newRun().reconcileAll();
      assertThat(first.failures()).isEmpty();
      assertThat(secrets.sent).as("the secret sent to each authenticated rule").containsExactly("s3cret-one", "s3cret-one");

      var lbs = f.loadBalancers();
      assertThat(lbs).hasSize(2);
      var shop = lbs.stream().filter(lb -> lb.loadBalancerName().startsWith("k8s-demo-shop-")).findFirst().orElseThrow();
      Map<Integer, Listener> listeners = f.listeners(shop).stream().collect(Collectors.toMap(Listener::port, l -> l));
      assertThat(listeners).containsOnlyKeys(80, 443);

      // mutual TLS: verify, with the ARN of the trust store the annotation names
      Listener https = listeners.get(443);
      assertThat(https.mutualAuthentication()).as("MutualAuthentication in the emulator's DescribeListeners").isNotNull();
      assertThat(https.mutualAuthentication().mode()).isEqualTo("verify");
      assertThat(https.mutualAuthentication().trustStoreArn()).isEqualTo(trustStore);
      assertThat(https.mutualAuthentication().ignoreClientCertificateExpiry()).isFalse();
      assertThat(https.mutualAuthentication().advertiseTrustStoreCaNamesAsString()).isEqualTo("on");
      assertThat(listeners.get(80).mutualAuthentication()).isNull();

      // listener attributes
      assertThat(it.aws().elbv2().describeListenerAttributes(r -> r.listenerArn(https.listenerArn())).attributes())
          .anySatisfy(a -> {
            assertThat(a.key()).isEqualTo("routing.http.response.server.enabled");
            assertThat(a.value()).isEqualTo("false");
          });

      // rules on 443: authenticate-oidc first, then the forward; /api's with its url rewrite
      List<Rule> rules443 = f.rules(https);
      assertThat(rules443).hasSize(2).allSatisfy(r -> {
        assertThat(r.actions()).hasSize(2);
        Action auth = r.actions().get(0);
        assertThat(auth.typeAsString()).isEqualTo("authenticate-oidc");
        assertThat(auth.order()).isEqualTo(1);
        AuthenticateOidcActionConfig o = auth.authenticateOidcConfig();
        assertThat(o).as("AuthenticateOidcConfig in the emulator's DescribeRules").isNotNull();
        assertThat(o.issuer()).isEqualTo("https://idp.example.com");
        assertThat(o.authorizationEndpoint()).isEqualTo("https://idp.example.com/auth");
        assertThat(o.tokenEndpoint()).isEqualTo("https://idp.example.com/token");
        assertThat(o.userInfoEndpoint()).isEqualTo("https://idp.example.com/userinfo");
        assertThat(o.clientId()).isEqualTo("shop-client");
        assertThat(o.scope()).isEqualTo("openid email");
        assertThat(o.sessionCookieName()).isEqualTo("AWSELBAuthSessionCookie");
        assertThat(o.sessionTimeout()).isEqualTo(604800L);
        assertThat(o.onUnauthenticatedRequestAsString()).isEqualTo("authenticate");
        assertThat(o.clientSecret()).as("AWS never returns the client secret").isNull();
        assertThat(r.actions().get(1).typeAsString()).isEqualTo("forward");
      });
      Rule api = rules443.stream().filter(r -> r.conditions().stream()
          .anyMatch(c -> c.pathPatternConfig() != null && c.pathPatternConfig().values().contains("/api"))).findFirst()
          .orElseThrow();
      assertThat(api.transforms()).as("Transforms in the emulator's DescribeRules").singleElement().satisfies(t -> {
        assertThat(t.typeAsString()).isEqualTo("url-rewrite");
        assertThat(t.urlRewriteConfig().rewrites()).singleElement().satisfies(w -> {
          assertThat(w.regex()).isEqualTo("^/api/(.*)$");
          assertThat(w.replace()).isEqualTo("/$1");
        });
      });
      assertThat(rules443).filteredOn(r -> r != api).allSatisfy(r -> assertThat(r.transforms()).isEmpty());
      // on HTTP: only the forwards, no authentication, no transform loss
      assertThat(f.rules(listeners.get(80))).hasSize(2).allSatisfy(r ->
          assertThat(r.actions()).extracting(Action::typeAsString).containsExactly("forward"));
      assertThat(f.rules(listeners.get(80))).extracting(Rule::transforms).anySatisfy(t ->
          assertThat(t).extracting(RuleTransform::typeAsString).containsExactly("url-rewrite"));

      // jwt-validation before the forward
      var tokens = lbs.stream().filter(lb -> lb != shop).findFirst().orElseThrow();
      Listener tokens443 = f.listeners(tokens).get(0);
      assertThat(f.rules(tokens443)).singleElement().satisfies(r -> {
        assertThat(r.actions()).extracting(Action::typeAsString).containsExactly("jwt-validation", "forward");
        var jwt = r.actions().get(0).jwtValidationConfig();
        assertThat(jwt).as("JwtValidationConfig in the emulator's DescribeRules").isNotNull();
        assertThat(jwt.jwksEndpoint()).isEqualTo("https://idp.example.com/jwks.json");
        assertThat(jwt.issuer()).isEqualTo("https://idp.example.com");
        assertThat(jwt.additionalClaims()).singleElement().satisfies(c -> {
          assertThat(c.name()).isEqualTo("scope");
          assertThat(c.formatAsString()).isEqualTo("space-separated-values");
          assertThat(c.values()).containsExactly("read:api");
        });
      });

      // an immediate re-plan, by this process and by a new one: nothing to change
      LiveRun again = live.newRun().reconcileAll();
      assertThat(again.changes().changeCount()).as(again.changes().json()).isZero();
      ApplyIT.assertNoChange(f, manifests("s3cret-one"));
      assertThat(secrets.sent).hasSize(2);

      // the Secret rotated: one ModifyRule per authenticated rule, with the new value, and nothing else
      facts.set(LiveFixture.facts(manifests("s3cret-two")));
      f.aws().calls().reset();
      LiveRun rotated = live.newRun().reconcileAll();
      assertThat(rotated.failures()).isEmpty();
      assertThat(ApplyIT.summary(rotated.changes())).hasSize(2).allMatch(s -> s.startsWith("modify ListenerRule 443:"));
      assertThat(LiveFixture.calls(rotated.changes())).containsExactly("elbv2:ModifyRule", "elbv2:ModifyRule");
      assertThat(rotated.changes().json()).doesNotContain("s3cret");
      assertThat(secrets.sent).hasSize(4).endsWith("s3cret-two", "s3cret-two");
      assertThat(live.newRun().reconcileAll().changes().changeCount()).isZero();
    }
  }
}
