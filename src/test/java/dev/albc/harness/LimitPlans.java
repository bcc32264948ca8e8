package dev.albc.harness;

import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.FactInputs;
import dev.albc.sources.InputText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Plans manifests beside the demo fixtures of the case files (IngressClass alb, Services web and api). */
final class LimitPlans {
  static final Path FIXTURES = Path.of("src/test/resources/cases/fixtures");
  static final DesiredStateBuilder PLANNER = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));

  private LimitPlans() {}

  static DesiredState plan(String manifests) {
    try {
      ControllerSettings s = CaseRunner.settings(CaseRunner.YAML.readTree("{cluster-name: demo, aws-vpc-id: vpc-demo}"));
      List<InputText> m = List.of(InputText.readFile(FIXTURES.resolve("demo-app.yaml")), new InputText("test.yaml", manifests));
      List<InputText> aws = List.of(InputText.readFile(FIXTURES.resolve("demo-subnets.json")));
      return PLANNER.plan(s, FactInputs.facts(m, aws, s.vpcId()), false).plan();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An Ingress demo/&lt;name&gt; routing / to Service web, with the annotations given as YAML pairs. */
  static String ingress(String name, String annotationsYaml) {
    return ingress(name, annotationsYaml,
        "[{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]");
  }

  static String ingress(String name, String annotationsYaml, String paths) {
    return "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: " + name
        + ", namespace: demo, annotations: {" + annotationsYaml + "}}\n"
        + "spec: {ingressClassName: alb, rules: [{http: {paths: " + paths + "}}]}\n";
  }

  /** Every diagnostic of the plan (groups' and loose ones). */
  static List<DesiredDiagnostic> diagnostics(DesiredState plan) {
    List<DesiredDiagnostic> out = new ArrayList<>(plan.diagnostics());
    plan.groups().forEach(g -> out.addAll(g.diagnostics()));
    return out;
  }

  static List<DesiredDiagnostic> diagnostics(DesiredState plan, String groupId) {
    return plan.groups().stream().filter(g -> g.id().equals(groupId)).flatMap(g -> g.diagnostics().stream()).toList();
  }
}
