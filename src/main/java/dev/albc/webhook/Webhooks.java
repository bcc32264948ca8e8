package dev.albc.webhook;

import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleRunner;
import dev.albc.targets.ClusterView;
import dev.albc.targets.TargetGroups;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The five admission webhooks of {@code albc controller} on one {@link WebhookServer}
 * (docs/targets.md, "Webhooks"): the pod and binding mutators, the binding, Ingress and
 * IngressClassParams validators, all reading informer caches; only the binding webhooks call AWS
 * (DescribeTargetGroups, as the reference's do).
 */
public final class Webhooks implements AutoCloseable {
  /** Where the reference's controller-runtime reads the serving certificate. */
  public static final Path DEFAULT_CERT_DIR = Path.of("/tmp/k8s-webhook-server/serving-certs");
  /** The Ingress validator's answer-time bound (the API server waits 10 s by default). */
  public static final Duration INGRESS_BUDGET = Duration.ofSeconds(3);

  /**
   * @param port {@code --webhook-bind-port} (9443); 0 = no webhook server (albc only)
   * @param certDir {@code --webhook-cert-dir}, holding {@code certName} and {@code keyName}
   * @param podReadinessGateInject {@code --enable-pod-readiness-gate-inject}
   * @param ingressBudget the Ingress validator answers within this, else allows with a warning
   */
  public record Settings(int port, Path certDir, String certName, String keyName, boolean podReadinessGateInject,
                         Duration ingressBudget) {
    public static Settings defaults() {
      return new Settings(9443, DEFAULT_CERT_DIR, "tls.crt", "tls.key", true, INGRESS_BUDGET);
    }

    public boolean enabled() {
      return port > 0;
    }

    public Path certFile() {
      return certDir.resolve(certName);
    }

    public Path keyFile() {
      return certDir.resolve(keyName);
    }
  }

  private final WebhookServer server;
  private final IngressValidator ingress;

  /** The Ingress validator (to tell it what to do when its rules hang). */
  public IngressValidator ingressValidator() {
    return ingress;
  }

  private Webhooks(WebhookServer server, IngressValidator ingress) {
    this.server = server;
    this.ingress = ingress;
  }

  /**
   * Starts the server on {@code 0.0.0.0:port}. Missing certificate files are a startup error naming
   * them, as the reference's (a webhook configuration with failurePolicy Fail would otherwise refuse
   * every write of its kind with a TLS error nobody reads).
   */
  public static Webhooks start(Settings s, ClusterView cluster, TargetGroups aws, IngressFacts facts,
                               Supplier<RuleRunner> rules, ControllerSettings settings) throws IOException {
    for (Path p : new Path[] {s.certFile(), s.keyFile()}) {
      if (!Files.isReadable(p)) {
        throw new IllegalStateException("the webhook certificate file " + p + " is missing or unreadable; mount "
            + "the webhook Secret there (docs/installation.md \"Webhook certificates\") or set --webhook-cert-dir");
      }
    }
    IngressValidator ingress = new IngressValidator(facts, rules, settings, s.ingressBudget());
    WebhookServer server = new WebhookServer(new InetSocketAddress(s.port()), s.certFile(), s.keyFile(), 8)
        .handle(WebhookServer.MUTATE_POD, new PodMutator(cluster, s.podReadinessGateInject()))
        .handle(WebhookServer.MUTATE_BINDING, new BindingMutator(aws))
        .handle(WebhookServer.VALIDATE_BINDING, new BindingValidator(aws, cluster::bindings))
        .handle(WebhookServer.VALIDATE_INGRESS, ingress)
        .handle(WebhookServer.VALIDATE_PARAMS, new IngressClassParamsValidator());
    server.start();
    return new Webhooks(server, ingress);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    ingress.close();
  }
}
