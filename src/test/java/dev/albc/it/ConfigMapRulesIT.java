package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules shipped as a ConfigMap (docs/controller.md "Rules from ConfigMaps"), end to end with the
 * controller as a process: a rule that tags the load balancer takes effect without a restart; a
 * version that does not compile, and one that compiles but throws when run, leave the ALB as it was
 * (the last good rules stay in force, an Ingress edit is still planned with them) and the ConfigMap's
 * event says why; a good version again takes effect; a new policy rule refusing the Ingress goes in
 * force and holds the Ingress at its last valid version (status Degraded, nothing deleted).
 */
@IntegrationTest
class ConfigMapRulesIT {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String CM = "house-rules";
  static final String FILE = "configmap/" + CM + "/tag.drl";
  static final String POLICY = "house-policy";

  static final String REFUSE_SHOP = """
      package policy;
      import dev.albc.rules.api.*;

      rule "the house refuses the Ingress shop"
          ruleflow-group "validate"
      when
          $m : Member(name == "shop")
      then
          insert(Diagnostic.error($m.groupId(), $m.object(), "metadata.name", "refused by the house policy",
              "ask the platform team", drools.getRule().getName()));
      end
      """;

  static String tagRule(String value) {
    return """
        package house;
        import dev.albc.rules.api.*;

        rule "every load balancer carries the house tag"
            ruleflow-group "override"
        when
            $g : Group($gscope : scope)
        then
            insert(Setting.byRule($gscope, "tag:house", "%s", Precedence.RULE, drools.getRule().getName()));
        end
        """.formatted(value);
  }

  static final String DOES_NOT_COMPILE = """
      package house;
      import dev.albc.rules.api.*;

      rule "broken"
          ruleflow-group "override"
      when
          $g : Group($gscope : scope
      then
          insert(null);
      end
      """;

  static final String THROWS = """
      package house;
      import dev.albc.rules.api.*;

      rule "divides by zero"
          ruleflow-group "override"
      when
          $g : Group($id : id)
      then
          int x = 1 / ($id.length() - $id.length());
      end
      """;

  @Test
  void ruleConfigMapsChangeTheAlbAndBrokenOnesAreRejected(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = "alb-" + ns;
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CoreV1Api core = new CoreV1Api(it.kube());
    net.createIngressClass(new V1IngressClass().metadata(new V1ObjectMeta().name(cls))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))).execute();
    it.onCleanup(() -> net.deleteIngressClass(cls).execute());
    core.createNamespacedService(ns, nodePortService("web")).execute();
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));

    try (LiveFixture f = new LiveFixture(it);
        ControllerProcess c = ControllerProcess.start(it, f.network().vpcId(), "albc-rules", "lease-" + ns)) {
      Map<String, String> ann = new HashMap<>(Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing"));
      net.createNamespacedIngress(ns, ingress("shop", cls, ann, "shop.example.com", "/=web")).execute();
      await(WAIT, c::log, () -> ControllerIT.withHostname(net.readNamespacedIngress("shop", ns).execute()));
      String arn = f.loadBalancers().get(0).loadBalancerArn();
      assertThat(f.tags(arn)).doesNotContainKey("house");

      // a rule ConfigMap tags the load balancer, without a restart
      core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta().name(CM)
          .labels(Map.of("albc.dev/rules", "true"))).data(Map.of("tag.drl", tagRule("v1"), "README", "not a rule")))
          .execute();
      await(WAIT, c::log, () -> "v1".equals(f.tags(arn).get("house")) ? true : null);
      await(WAIT, c::log, () -> events(it, ns, "RulesLoaded").isEmpty() ? null : true);

      // a version that does not compile: rejected with file and line, the ALB as it was
      setRules(core, ns, DOES_NOT_COMPILE);
      String rejected = await(WAIT, c::log, () -> nonEmpty(events(it, ns, "RulesRejected")));
      assertThat(rejected).contains(FILE + ":");
      assertThat(c.log()).contains("rules rejected, the last good rules stay in force: " + FILE + ":");

      // one that compiles but throws when run over the current groups: rejected, naming the rule
      setRules(core, ns, THROWS);
      String thrown = await(WAIT, c::log, () -> nonEmpty(events(it, ns, "RulesRejected").stream()
          .filter(m -> m.contains("divides by zero")).toList()));
      assertThat(thrown).contains(FILE + ":").contains("ArithmeticException");
      assertThat(ControllerIT.get(c.metricsPort, "/metrics").body())
          .contains("albc_rules_reload_total{result=\"failure\"} 2.0")
          .contains("albc_rules_reload_total{result=\"success\"}");

      // the last good rules stay in force: an edit of the Ingress is planned with them
      ann.put("alb.ingress.kubernetes.io/tags", "team=shop");
      ControllerIT.replace(net, ns, ingress("shop", cls, ann, "shop.example.com", "/=web"));
      await(WAIT, c::log, () -> "shop".equals(f.tags(arn).get("team")) ? true : null);
      assertThat(f.tags(arn)).containsEntry("house", "v1");
      assertThat(f.loadBalancers()).hasSize(1);

      // a good version again takes effect
      setRules(core, ns, tagRule("v2"));
      await(WAIT, c::log, () -> "v2".equals(f.tags(arn).get("house")) ? true : null);
      assertThat(f.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.loadBalancerArn()).isEqualTo(arn));

      // a new policy rule that refuses the Ingress goes in force (a diagnostic is no failure) and holds it at
      // its last valid version: nothing of it is deleted or changed, its status and event say why
      int rulesBefore = ControllerIT.rules(f, f.loadBalancers().get(0)).size();
      core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta().name(POLICY)
          .labels(Map.of("albc.dev/rules", "true"))).data(Map.of("refuse.drl", REFUSE_SHOP))).execute();
      await(WAIT, c::log, () -> events(it, ns, POLICY, "RulesLoaded").isEmpty() ? null : true);
      await(WAIT, c::log, () -> "Degraded".equals(ControllerIT.statusType(net.readNamespacedIngress("shop", ns)
          .execute())) ? true : null);
      assertThat(ControllerIT.status(net.readNamespacedIngress("shop", ns).execute()))
          .contains("refused by the house policy");
      await(WAIT, c::log, () -> ControllerIT.events(it, ns, "shop").contains("FailedBuildModel") ? true : null);
      assertThat(events(it, ns, POLICY, "RulesRejected")).isEmpty();
      assertThat(f.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.loadBalancerArn()).isEqualTo(arn));
      assertThat(f.tags(arn)).containsEntry("house", "v2").containsEntry("team", "shop");
      assertThat(ControllerIT.rules(f, f.loadBalancers().get(0))).hasSize(rulesBefore);
      assertThat(f.targetGroups()).hasSize(1);
      core.deleteNamespacedConfigMap(POLICY, ns).execute();
      await(WAIT, c::log, () -> "Ready".equals(ControllerIT.statusType(net.readNamespacedIngress("shop", ns)
          .execute())) ? true : null);

      net.deleteNamespacedIngress("shop", ns).execute();
      await(WAIT, c::log, () -> net.listNamespacedIngress(ns).execute().getItems().isEmpty()
          && f.loadBalancers().isEmpty() ? true : null);
    }
  }

  static void setRules(CoreV1Api core, String ns, String drl) throws ApiException {
    V1ConfigMap cm = core.readNamespacedConfigMap(CM, ns).execute();
    cm.setData(Map.of("tag.drl", drl));
    core.replaceNamespacedConfigMap(CM, ns, cm).execute();
  }

  /** The messages of the rules ConfigMap's events of this reason. */
  static List<String> events(ItContext it, String ns, String reason) throws ApiException {
    return events(it, ns, CM, reason);
  }

  static List<String> events(ItContext it, String ns, String configMap, String reason) throws ApiException {
    return new CoreV1Api(it.kube()).listNamespacedEvent(ns).execute().getItems().stream()
        .filter(e -> configMap.equals(e.getInvolvedObject().getName()) && "ConfigMap".equals(e.getInvolvedObject().getKind())
            && reason.equals(e.getReason()))
        .map(CoreV1Event::getMessage).toList();
  }

  static String nonEmpty(List<String> messages) {
    return messages.isEmpty() ? null : String.join("\n", messages);
  }
}
