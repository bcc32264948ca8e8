package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.executor.SentSecret;
import dev.albc.live.SentSecrets;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.util.PatchUtils;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * {@code albc controller} watches the Secret an Ingress's {@code auth-idp-oidc} names
 * (controller/SecretWatches): a change of its client ID reaches the rule in AWS, a rotated client
 * secret is one ModifyRule and nothing else, and a reconcile with nothing changed writes nothing (the
 * client secret, which AWS never returns, is not re-sent each time: the reference's #1232).
 */
@IntegrationTest
class ControllerSecretsIT {
  static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void aChangedSecretReplansTheGroupAndARotatedClientSecretIsOneModifyRule(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = oidcSetup(it);
    NetworkingV1Api net = new NetworkingV1Api(it.kube());

    try (LiveFixture f = new LiveFixture(it);
        ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-it", "lease-" + ns)) {
      Map<String, String> annotations = Map.of(
          "alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]",
          "alb.ingress.kubernetes.io/auth-type", "oidc",
          "alb.ingress.kubernetes.io/auth-idp-oidc", AuthApplyIT.OIDC);
      net.createNamespacedIngress(ns, ingress("shop", cls, annotations, "shop.example.com", "/=web")).execute();
      await(WAIT, c::log, () -> "shop-client".equals(clientId(f)) ? true : null);
      await(WAIT, c::log, () -> ControllerIT.events(it, ns, "shop").contains("SuccessfullyReconciled") ? true : null);
      Map<String, Long> settled = writes(c);

      // the client ID changes in the Secret: the group is re-planned, the rule follows
      patchSecret(it, ns, "{\"stringData\": {\"clientID\": \"shop-client-2\"}}");
      await(WAIT, c::log, () -> "shop-client-2".equals(clientId(f)) ? true : null);
      Map<String, Long> afterId = await(WAIT, c::log, () -> {
        Map<String, Long> w = writes(c);
        return w.getOrDefault("ModifyRule", 0L) > settled.getOrDefault("ModifyRule", 0L) ? w : null;
      });
      assertThat(delta(settled, afterId)).containsExactly(Map.entry("ModifyRule", 1L));

      // the client secret rotates: exactly one more ModifyRule (AWS shows no secret to compare)
      patchSecret(it, ns, "{\"stringData\": {\"clientSecret\": \"s3cret-two\"}}");
      Map<String, Long> afterSecret = await(WAIT, c::log, () -> {
        Map<String, Long> w = writes(c);
        return w.getOrDefault("ModifyRule", 0L) > afterId.getOrDefault("ModifyRule", 0L) ? w : null;
      });
      assertThat(delta(afterId, afterSecret)).containsExactly(Map.entry("ModifyRule", 1L));

      // an unrelated edit of the Ingress (an annotation the rules ignore) re-plans, and writes nothing
      long describes = byOperation(ControllerScrape.metrics(c.metricsPort).awsCalls()).getOrDefault("DescribeRules", 0L);
      PatchUtils.patch(io.kubernetes.client.openapi.models.V1Ingress.class,
          () -> net.patchNamespacedIngress("shop", ns, new V1Patch(
              "{\"metadata\": {\"annotations\": {\"example.com/touched\": \"1\"}}}")).buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, it.kube());
      await(WAIT, c::log, () -> byOperation(ControllerScrape.metrics(c.metricsPort).awsCalls())
          .getOrDefault("DescribeRules", 0L) > describes ? true : null);
      Thread.sleep(3000); // the reconcile that read the rules has planned and run its changes by now
      assertThat(delta(afterSecret, writes(c))).isEmpty();
    }
  }

  /**
   * The hash of the client secret sent outlives the process (docs/apply.md#client-secrets): kept in
   * the Ingress's albc.dev/sent-client-secrets annotation, a restart with the Secret unchanged writes
   * nothing to AWS, a Secret rotated while no controller ran is exactly one ModifyRule (with the new
   * value: the annotation then matches it), and with nothing kept (the annotation removed, as after a
   * takeover from the reference) the secret is not compared: nothing is written.
   */
  @Test
  void aSecretRotatedWhileTheControllerWasDownIsOneModifyRuleAfterTheRestartAndARestartAloneWritesNothing(ItContext it)
      throws Exception {
    String ns = it.namespace();
    String cls = oidcSetup(it);
    NetworkingV1Api net = new NetworkingV1Api(it.kube());

    try (LiveFixture f = new LiveFixture(it)) {
      String kept;
      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-it-1", "lease-" + ns)) {
        net.createNamespacedIngress(ns, ingress("shop", cls, Map.of(
            "alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]",
            "alb.ingress.kubernetes.io/auth-type", "oidc",
            "alb.ingress.kubernetes.io/auth-idp-oidc", AuthApplyIT.OIDC), "shop.example.com", "/=web")).execute();
        await(WAIT, c::log, () -> "shop-client".equals(clientId(f)) ? true : null);
        kept = await(WAIT, c::log, () -> sentSecrets(it, ns));
        assertThat(writes(c)).containsEntry("CreateRule", 1L);
      }
      Map<String, SentSecret> entries = SentSecrets.decode(kept);
      assertThat(entries).hasSize(1);
      assertThat(entries.keySet().iterator().next()).isEqualTo(ruleArn(f));
      SentSecret entry = entries.values().iterator().next();
      assertThat(entry.secret()).isEqualTo(ns + "/shop-oidc");
      assertThat(entry.matches("s3cret-one")).isTrue();
      assertThat(kept).doesNotContain("s3cret");

      // a restart, nothing changed: the kept hash matches the Secret, nothing is written anywhere
      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-it-2", "lease-" + ns)) {
        Map<String, Long> w = settledWrites(c);
        assertThat(w).as(c.log()).isEmpty();
        assertThat(sentSecrets(it, ns)).as("the annotation is not rewritten").isEqualTo(kept);
      }

      // the Secret rotates while no controller runs: after the restart, exactly one ModifyRule
      patchSecret(it, ns, "{\"stringData\": {\"clientSecret\": \"s3cret-two\"}}");
      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-it-3", "lease-" + ns)) {
        await(WAIT, c::log, () -> writes(c).getOrDefault("ModifyRule", 0L) > 0 ? true : null);
        assertThat(settledWrites(c)).as(c.log()).containsExactly(Map.entry("ModifyRule", 1L));
        String now = await(WAIT, c::log, () -> {
          String v = sentSecrets(it, ns);
          return v != null && !v.equals(kept) ? v : null;
        });
        assertThat(SentSecrets.decode(now).get(ruleArn(f)).matches("s3cret-two")).as("the new value went out").isTrue();
        assertThat(now).doesNotContain("s3cret");
      }

      // nothing kept (the annotation removed, as for a stack taken over from the reference): not compared
      PatchUtils.patch(io.kubernetes.client.openapi.models.V1Ingress.class,
          () -> net.patchNamespacedIngress("shop", ns, new V1Patch(
              "{\"metadata\": {\"annotations\": {\"albc.dev/sent-client-secrets\": null}}}")).buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, it.kube());
      patchSecret(it, ns, "{\"stringData\": {\"clientSecret\": \"s3cret-three\"}}");
      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-it-4", "lease-" + ns)) {
        assertThat(settledWrites(c)).as(c.log()).isEmpty();
        assertThat(sentSecrets(it, ns)).isNull();
      }
    }
  }

  /**
   * What an OIDC Ingress of the namespace needs: an IngressClass (its name returned), the Service
   * {@code web}, the Secret {@code shop-oidc} (client ID {@code shop-client}, secret
   * {@code s3cret-one}) and a certificate for shop.example.com.
   */
  static String oidcSetup(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = ControllerIT.ingressClass(it);
    CoreV1Api core = new CoreV1Api(it.kube());
    core.createNamespacedService(ns, nodePortService("web")).execute();
    core.createNamespacedSecret(ns, new V1Secret().metadata(new V1ObjectMeta().name("shop-oidc"))
        .stringData(Map.of("clientID", "shop-client", "clientSecret", "s3cret-one"))).execute();
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));
    it.seedAws().importCertificate("shop.example.com");
    return cls;
  }

  /** A fresh controller's AWS writes once its first reconcile of the group has run (its log says so). */
  static Map<String, Long> settledWrites(ControllerProcess c) throws Exception {
    await(WAIT, c::log, () -> c.log().contains("reconciled: ") ? true : null);
    Thread.sleep(2000); // the albc.dev annotations are written after the log line
    return writes(c);
  }

  /** The shop Ingress's albc.dev/sent-client-secrets annotation, or null. */
  static String sentSecrets(ItContext it, String ns) throws Exception {
    var ann = new NetworkingV1Api(it.kube()).readNamespacedIngress("shop", ns).execute().getMetadata().getAnnotations();
    return ann == null ? null : ann.get(SentSecrets.ANNOTATION);
  }

  /** The ARN of the HTTPS listener's one rule that authenticates. */
  static String ruleArn(LiveFixture f) {
    for (LoadBalancer lb : f.loadBalancers()) {
      for (Listener l : f.listeners(lb)) {
        for (Rule r : f.rules(l)) {
          if (r.actions().stream().anyMatch(a -> a.authenticateOidcConfig() != null)) {
            return r.ruleArn();
          }
        }
      }
    }
    return null;
  }

  static void patchSecret(ItContext it, String ns, String mergePatch) throws Exception {
    CoreV1Api core = new CoreV1Api(it.kube());
    PatchUtils.patch(V1Secret.class, () -> core.patchNamespacedSecret("shop-oidc", ns, new V1Patch(mergePatch))
        .buildCall(null), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, it.kube());
  }

  /** The client ID of the authenticate-oidc action of the HTTPS listener's rule, or null. */
  static String clientId(LiveFixture f) {
    for (LoadBalancer lb : f.loadBalancers()) {
      for (Listener l : f.listeners(lb)) {
        for (Rule r : f.rules(l)) {
          for (Action a : r.actions()) {
            if (a.authenticateOidcConfig() != null) {
              return a.authenticateOidcConfig().clientId();
            }
          }
        }
      }
    }
    return null;
  }

  /** The controller's AWS write calls so far, by operation (the metric's service label is the SDK's service name). */
  static Map<String, Long> writes(ControllerProcess c) throws Exception {
    return byOperation(ControllerScrape.metrics(c.metricsPort).awsWrites());
  }

  static Map<String, Long> byOperation(Map<String, Long> calls) {
    Map<String, Long> out = new java.util.TreeMap<>();
    calls.forEach((k, v) -> out.merge(k.substring(k.lastIndexOf(':') + 1), v, Long::sum));
    return out;
  }

  static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new java.util.TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k, d);
      }
    });
    return out;
  }
}
