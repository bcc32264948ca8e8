package dev.albc.install;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.UpgradeCommand;
import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.Kube;
import dev.albc.testinfra.LoopbackWebhookCert;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A release of deploy/helm/albc in a test's namespace of the test API server, with its own release
 * name and IngressClass (so it disturbs no other test), uninstalled in the test's cleanup whatever
 * happens. No pod runs behind the webhook Service in the test cluster, so the webhook configurations
 * call the controller process the test starts on loopback ({@link #webhookSets}).
 */
public final class ChartRelease {
  private final ItContext it;
  private final String name;
  private final String ingressClass;
  private final Path kubeconfig;

  private ChartRelease(ItContext it, String name, String ingressClass) {
    this.it = it;
    this.name = name;
    this.ingressClass = ingressClass;
    this.kubeconfig = it.settings().kubeconfig().orElseThrow();
  }

  /** Installs with {@code clusterName}, a distinct {@code ingressClass} and the extra {@code --set}s. */
  public static ChartRelease install(ItContext it, Map<String, Object> extraSets) {
    String suffix = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
        (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
    ChartRelease r = new ChartRelease(it, "albc-it-" + suffix, "alb-it-" + suffix);
    it.onCleanup(r::uninstall);
    InstallCommand cmd = new Helm(Charts.CHART).install().withName(r.name).withNamespace(it.namespace())
        .withKubeConfig(r.kubeconfig);
    Map<String, Object> all = r.sets(extraSets);
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (!multiLine(e.getValue())) {
        cmd = cmd.set(e.getKey(), e.getValue());
      }
    }
    cmd = cmd.withValuesFile(valuesFile(all));
    Release rel = cmd.call();
    if (!"deployed".equals(rel.getStatus())) {
      throw new IllegalStateException("helm install " + r.name + ": " + rel.getStatus() + "\n" + rel.getOutput());
    }
    return r;
  }

  private Map<String, Object> sets(Map<String, Object> extra) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("clusterName", it.clusterName());
    s.put("ingressClass", ingressClass);
    s.put("image.repository", "albc");
    s.putAll(extra);
    return s;
  }

  /**
   * The values that point the chart's webhook configurations at a controller on this machine:
   * {@code webhookURL} https://localhost:{@code port} and, as {@code webhookTLS}, the certificate for
   * localhost that {@link ChartController} then reads back from the chart's Secret.
   */
  public static Map<String, Object> webhookSets(int port) {
    LoopbackWebhookCert cert = LoopbackWebhookCert.shared();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("webhookURL", "https://localhost:" + port);
    s.put("webhookTLS.caCert", cert.certificatePem());
    s.put("webhookTLS.cert", cert.certificatePem());
    s.put("webhookTLS.key", cert.privateKeyPem());
    return s;
  }

  /** The webhook certificate's Secret (docs/installation.md "Names"). */
  public String webhookSecret() {
    return "albc-tls";
  }

  public Release upgrade(Map<String, Object> extraSets) {
    UpgradeCommand cmd = new Helm(Charts.CHART).upgrade().withName(name).withNamespace(it.namespace())
        .withKubeConfig(kubeconfig);
    Map<String, Object> all = sets(extraSets);
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (!multiLine(e.getValue())) {
        cmd = cmd.set(e.getKey(), e.getValue());
      }
    }
    return cmd.withValuesFile(valuesFile(all)).call();
  }

  private static boolean multiLine(Object v) {
    return v instanceof String s && (s.contains("\n") || s.contains(","));
  }

  /**
   * The multi-line values (PEM certificates), which {@code --set} cannot carry, as a values file
   * (JSON is YAML); dotted keys nest.
   */
  @SuppressWarnings("unchecked")
  private static Path valuesFile(Map<String, Object> sets) {
    Map<String, Object> root = new LinkedHashMap<>();
    sets.forEach((k, v) -> {
      if (multiLine(v)) {
        Map<String, Object> m = root;
        String[] parts = k.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
          m = (Map<String, Object>) m.computeIfAbsent(parts[i], x -> new LinkedHashMap<String, Object>());
        }
        m.put(parts[parts.length - 1], v);
      }
    });
    try {
      Path p = Files.createTempFile("albc-values-", ".yaml");
      Files.writeString(p, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(root));
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** helm uninstall; a release already gone is fine. */
  public void uninstall() {
    Helm.uninstall(name).withNamespace(it.namespace()).withKubeConfig(kubeconfig).ignoreNotFound().call();
  }

  /** The release name; the chart's fullname and ServiceAccount name too (it contains "albc"). */
  public String name() {
    return name;
  }

  public String namespace() {
    return it.namespace();
  }

  public String ingressClass() {
    return ingressClass;
  }

  /** Object names the chart gives (docs/installation.md "Names"). */
  public List<String> clusterRoleNames() {
    return List.of(name + "-role", name + "-rolebinding");
  }

  /** A token of the chart's ServiceAccount (TokenRequest API), valid one hour. */
  public String serviceAccountToken() throws ApiException {
    AuthenticationV1TokenRequest req = new AuthenticationV1TokenRequest()
        .spec(new V1TokenRequestSpec().expirationSeconds(3600L).audiences(List.of()));
    return new CoreV1Api(it.kube()).createNamespacedServiceAccountToken(name, it.namespace(), req).execute()
        .getStatus().getToken();
  }

  /** A kubeconfig for the test API server that authenticates as the chart's ServiceAccount. */
  public Path serviceAccountKubeconfig(Path dir) throws ApiException {
    try {
      String admin = Files.readString(kubeconfig);
      String token = serviceAccountToken();
      String out = admin.replaceAll("(?m)^(\\s*token:).*$", "$1 " + token)
          .replaceAll("(?m)^(\\s*namespace:).*$", "$1 " + it.namespace());
      if (out.equals(admin) || !out.contains(token)) {
        throw new IllegalStateException("the test kubeconfig has no token line to replace: " + kubeconfig);
      }
      Path p = dir.resolve(name + ".kubeconfig");
      Files.writeString(p, out);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An API client authenticated as the chart's ServiceAccount. */
  public ApiClient serviceAccountClient(Path dir) throws ApiException {
    return Kube.client(serviceAccountKubeconfig(dir));
  }
}
