package dev.albc.harness;

import java.nio.file.Path;

/**
 * The one case tests of user rules share: Ingress team-a/web → Service web port 80 over the
 * custom-rules example's fixtures (an IngressClass alb, the Service, two subnets), with cluster name
 * demo. Used by StrictCasesTest, SettingsFromEveryPhaseTest and SettingNamesTest.
 */
public final class WebCase {
  private WebCase() {}

  /** The fixtures folder, absolute (case files may live anywhere). */
  public static final String FIXTURES = Path.of("examples/custom-rules/fixtures").toAbsolutePath().toString();

  /** The Ingress team-a/web, a YAML flow document for {@code manifests:}. */
  public static final String INGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: team-a}
      spec:
        ingressClassName: alb
        rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
      """;

  /** A case file of one case named {@code name} over the web Ingress, with {@code expect} (a YAML block at column 0). */
  public static String caseFile(String name, String expect) {
    return """
        cases:
          - name: %s
            given:
              settings: {cluster-name: demo}
              manifests:
                - path: %s/common.yaml
        %s
              awsFacts: [{path: %s/subnets.json}]
        %s
        """.formatted(name, FIXTURES, ("- " + INGRESS.indent(2).strip()).indent(8).stripTrailing(), FIXTURES,
        expect.indent(4).stripTrailing());
  }

  /** The manifests of the web case as one multi-document YAML file for {@code albc plan}. */
  public static String manifests() throws java.io.IOException {
    return java.nio.file.Files.readString(Path.of(FIXTURES, "common.yaml")) + "\n---\n" + INGRESS;
  }
}
