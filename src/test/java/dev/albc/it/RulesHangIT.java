package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.Controller;
import dev.albc.controller.ControllerProcess;
import dev.albc.controller.RejectedSources;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import dev.albc.rules.api.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Issue 14, a reconcile that hangs in user rule code (docs/controller.md "A rule that hangs"), end to
 * end with the controller as a process and a short rule time budget ({@code -Dalbc.rules.timeout}):
 * a rule ConfigMap whose function loops for ever only for an Ingress named {@code stuck} passes the
 * load check and the check before the swap (it tags the existing ALB); the Ingress {@code stuck}
 * created after makes a reconcile run past the budget, and the controller marks the ConfigMap's
 * version rejected (annotation with its content hash, event {@code RulesHung}) and exits with
 * {@link Controller#EXIT_RULES_HUNG}, having written nothing for that group. Started again it skips
 * the ConfigMap (event {@code RulesSkipped}, metric) and reconciles both groups; an edited ConfigMap
 * is checked and put in force again.
 */
@IntegrationTest
class RulesHangIT {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String CM = "house-rules";
  /** The time budget of a rule session in the controllers here (the default is 60 s). */
  static final String BUDGET = "-Dalbc.rules.timeout=15";

  /** A loop whose exit the load check sees, never taken for the Ingress {@code stuck}. */
  static final String HANGS_FOR_STUCK = """
      package house;
      import dev.albc.rules.api.*;

      function boolean spins(String name) {
          long n = 0;
          while (n >= 0 && name.startsWith("stuck")) { n = n | 1; }
          return n > 0;
      }

      rule "every load balancer carries the house tag, but the Ingress stuck spins"
          ruleflow-group "override"
      when
          $m : Member($gs : groupScope, $n : name)
      then
          if (!spins($n)) {
              insert(Setting.byRule($gs, "tag:house", "v1", Precedence.RULE, drools.getRule().getName()));
          }
      end
      """;

  static final String FIXED = """
      package house;
      import dev.albc.rules.api.*;

      rule "every load balancer carries the house tag"
          ruleflow-group "override"
      when
          $m : Member($gs : groupScope)
      then
          insert(Setting.byRule($gs, "tag:house", "v2", Precedence.RULE, drools.getRule().getName()));
      end
      """;

  @Test
  void aRuleSourceAReconcileHangsInIsMarkedTheControllerExitsAndRestartsWithoutIt(ItContext it) throws Exception {
    Scene sc = Scene.of(it);
    String ns = sc.ns(), cls = sc.cls(), lease = sc.lease();
    NetworkingV1Api net = sc.net();
    CoreV1Api core = sc.core();
    List<String> jvm = sc.jvm();
    Map<String, String> ann = sc.ann();

    try (LiveFixture f = new LiveFixture(it)) {
      String shopArn;
      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-hang-1", lease, Map.of(), jvm)) {
        net.createNamespacedIngress(ns, ingress("shop", cls, ann, "shop.example.com", "/=web")).execute();
        await(WAIT, c::log, () -> ControllerIT.withHostname(net.readNamespacedIngress("shop", ns).execute()));
        shopArn = f.loadBalancers().get(0).loadBalancerArn();

        // the rules pass the load check and the check before the swap: they tag the existing ALB
        core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta().name(CM)
            .labels(Map.of("albc.dev/rules", "true"))).data(Map.of("spin.drl", HANGS_FOR_STUCK))).execute();
        await(WAIT, c::log, () -> "v1".equals(f.tags(shopArn).get("house")) ? true : null);

        // an Ingress created after: its reconcile runs past the budget in the ConfigMap's function
        net.createNamespacedIngress(ns, ingress("stuck", cls, ann, "stuck.example.com", "/=web")).execute();
        Integer status = c.awaitExit(WAIT);
        assertThat(status).as(c.log()).isEqualTo(Controller.EXIT_RULES_HUNG);
        assertThat(c.log()).contains("a reconcile of group " + ns + "/stuck ran past the rule time budget of 15 s")
            .contains("configmap/" + CM + "/spin.drl");
      }
      V1ConfigMap marked = core.readNamespacedConfigMap(CM, ns).execute();
      String hash = RejectedSources.hash(new TreeMap<>(Map.of("spin.drl", HANGS_FOR_STUCK)));
      assertThat(marked.getMetadata().getAnnotations()).containsEntry(RejectedSources.ANNOTATION, hash);
      assertThat(marked.getMetadata().getAnnotations().get(RejectedSources.REASON))
          .contains("configmap/" + CM + "/spin.drl").contains(ns + "/stuck");
      assertThat(ConfigMapRulesIT.events(it, ns, CM, "RulesHung")).singleElement().asString()
          .contains("configmap/" + CM + "/spin.drl").contains("is marked rejected");
      assertThat(ControllerIT.events(it, ns, "stuck")).contains("FailedBuildModel").contains("ran past the time budget");
      assertThat(f.loadBalancers()).as("nothing was written for the group that hung").singleElement()
          .extracting(LoadBalancer::loadBalancerArn).isEqualTo(shopArn);
      assertThat(net.readNamespacedIngress("stuck", ns).execute().getMetadata().getFinalizers())
          .as("no finalizer either: the rules run before any write").isNullOrEmpty();

      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-hang-2", lease, Map.of(), jvm)) {
        // started again: without the marked version, both groups are reconciled
        await(WAIT, c::log, () -> ControllerIT.withHostname(net.readNamespacedIngress("stuck", ns).execute()));
        assertThat(f.loadBalancers()).hasSize(2);
        await(WAIT, c::log, () -> ConfigMapRulesIT.nonEmpty(ConfigMapRulesIT.events(it, ns, CM, "RulesSkipped")));
        assertThat(ControllerIT.get(c.metricsPort, "/metrics").body()).contains("albc_rules_sources_skipped 1.0");
        assertThat(c.alive()).isTrue();

        // edited (a new content hash): checked and put in force again
        V1ConfigMap cm = core.readNamespacedConfigMap(CM, ns).execute();
        cm.setData(Map.of("spin.drl", FIXED));
        core.replaceNamespacedConfigMap(CM, ns, cm).execute();
        for (LoadBalancer lb : f.loadBalancers()) {
          await(WAIT, c::log, () -> "v2".equals(f.tags(lb.loadBalancerArn()).get("house")) ? true : null);
        }
        assertThat(ControllerIT.get(c.metricsPort, "/metrics").body()).contains("albc_rules_sources_skipped 0.0");

        sc.deleteBothAndAwaitNothingLeft(c, f);
      }
    }
  }

  /**
   * The same with a {@code --rules-dir} file, which albc cannot annotate: the file's text hash is
   * recorded in the ConfigMap {@value RejectedSources#RECORD} of the controller's namespace, and a
   * restarted controller skips the file while its text is the one recorded.
   */
  @Test
  void aRulesDirFileAReconcileHangsInIsRecordedAndSkippedOnRestart(ItContext it, @TempDir Path dir) throws Exception {
    Scene sc = Scene.of(it);
    String ns = sc.ns(), cls = sc.cls(), lease = sc.lease();
    NetworkingV1Api net = sc.net();
    CoreV1Api core = sc.core();
    List<String> jvm = sc.jvm();
    Map<String, String> ann = sc.ann();
    it.onCleanup(() -> core.deleteNamespacedConfigMap(RejectedSources.RECORD, ns).execute());
    Path file = dir.resolve("spin.drl");
    Files.writeString(file, HANGS_FOR_STUCK);

    try (LiveFixture f = new LiveFixture(it)) {
      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-hang-dir-1", lease, Map.of(),
          jvm, "--rules-dir", dir.toString())) {
        net.createNamespacedIngress(ns, ingress("shop", cls, ann, "shop.example.com", "/=web")).execute();
        await(WAIT, c::log, () -> f.loadBalancers().size() == 1
            && "v1".equals(f.tags(f.loadBalancers().get(0).loadBalancerArn()).get("house")) ? true : null);
        net.createNamespacedIngress(ns, ingress("stuck", cls, ann, "stuck.example.com", "/=web")).execute();
        assertThat(c.awaitExit(WAIT)).as(c.log()).isEqualTo(Controller.EXIT_RULES_HUNG);
        assertThat(c.log()).contains("file " + file + " is recorded rejected in ConfigMap " + RejectedSources.RECORD);
      }
      assertThat(core.readNamespacedConfigMap(RejectedSources.RECORD, ns).execute().getData())
          .containsExactly(Map.entry(RejectedSources.recordKey(file.toString()), Names.sha256(HANGS_FOR_STUCK)));
      assertThat(f.loadBalancers()).as("nothing was written for the group that hung").hasSize(1);

      try (ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-hang-dir-2", lease, Map.of(),
          jvm, "--rules-dir", dir.toString())) {
        await(WAIT, c::log, () -> ControllerIT.withHostname(net.readNamespacedIngress("stuck", ns).execute()));
        assertThat(f.loadBalancers()).hasSize(2);
        assertThat(c.log()).contains("rules skipped: file " + file + " is recorded in ConfigMap " + RejectedSources.RECORD);
        assertThat(ControllerIT.get(c.metricsPort, "/metrics").body()).contains("albc_rules_sources_skipped 1.0");

        sc.deleteBothAndAwaitNothingLeft(c, f);
      }
    }
  }

  /**
   * What both tests set up: the namespace's IngressClass and Service, the controller's JVM options
   * with the short rule budget, the Ingresses' annotations.
   */
  record Scene(ItContext it, String ns, String cls, String lease, NetworkingV1Api net, CoreV1Api core,
      List<String> jvm, Map<String, String> ann) {
    static Scene of(ItContext it) throws Exception {
      String ns = it.namespace();
      String cls = ControllerIT.ingressClass(it);
      CoreV1Api core = new CoreV1Api(it.kube());
      core.createNamespacedService(ns, nodePortService("web")).execute();
      it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));
      List<String> jvm = new ArrayList<>(ControllerProcess.JVM_OPTIONS);
      jvm.add(BUDGET);
      return new Scene(it, ns, cls, "lease-" + ns, new NetworkingV1Api(it.kube()), core, jvm,
          Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing"));
    }

    /** Deletes both Ingresses and waits until they and every load balancer are gone. */
    void deleteBothAndAwaitNothingLeft(ControllerProcess c, LiveFixture f) throws Exception {
      net.deleteNamespacedIngress("shop", ns).execute();
      net.deleteNamespacedIngress("stuck", ns).execute();
      await(WAIT, c::log, () -> net.listNamespacedIngress(ns).execute().getItems().isEmpty()
          && f.loadBalancers().isEmpty() ? true : null);
    }
  }
}
