package dev.albc.cli;

import dev.albc.aws.AwsSession;
import dev.albc.aws.RateLimits;
import dev.albc.controller.AwsMetrics;
import dev.albc.controller.Controller;
import dev.albc.controller.GoDuration;
import dev.albc.controller.InstanceMetadata;
import dev.albc.controller.JsonLog;
import dev.albc.controller.Leadership;
import dev.albc.controller.Metrics;
import dev.albc.controller.ReferenceFlags;
import dev.albc.facts.ControllerSettings;
import dev.albc.sources.ClusterReader;
import dev.albc.targets.TargetsSettings;
import dev.albc.webhook.Webhooks;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code albc controller}: the in-cluster controller (docs/controller.md). */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    modelTransformer = ReferenceFlags.Transformer.class,
    description = {
      "Watch Ingresses, Services, IngressClasses and IngressClassParams and keep AWS matching them,",
      "as the AWS Load Balancer Controller does (same flags, finalizers, status, events, leader lease",
      "and metrics), and keep the target groups of TargetGroupBindings filled with their nodes or pods.",
      "Runs until stopped. See docs/controller.md and docs/targets.md."
    })
public final class ControllerCommand implements Callable<Integer> {
  static final String POD_NAMESPACE_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

  @Mixin ControllerFlags flags;
  @Mixin RuleOptions ruleOptions;
  @Mixin ApplyCommand.LiveOptions live;

  @Option(names = "--sync-period", paramLabel = "DURATION", description = "Every group is reconciled again this often (default: ${DEFAULT-VALUE}).")
  String syncPeriod = "10h";

  @Option(names = "--ingress-max-concurrent-reconciles", paramLabel = "N", description = "Groups reconciled at once (default: ${DEFAULT-VALUE}).")
  int workers = 3;

  @Option(names = "--targetgroupbinding-max-concurrent-reconciles", paramLabel = "N", description = "TargetGroupBindings reconciled at once (default: ${DEFAULT-VALUE}).")
  int bindingWorkers = 3;

  @Option(names = "--targetgroupbinding-max-exponential-backoff-delay", paramLabel = "DURATION", description = "Longest wait before a failed TargetGroupBinding is retried (default: ${DEFAULT-VALUE}).")
  String bindingMaxBackoff = "1000s";

  @Option(names = "--targetgroupbinding-requeue-duration", paramLabel = "DURATION", description = "A TargetGroupBinding is looked at again this often while a readiness-gated pod is not ready (default: ${DEFAULT-VALUE}).")
  String bindingRequeue = "15s";

  @Option(names = "--metrics-bind-addr", paramLabel = "ADDR", description = "Prometheus /metrics; 0 = off (default: ${DEFAULT-VALUE}).")
  String metricsAddr = ":8080";

  @Option(names = "--health-probe-bind-addr", paramLabel = "ADDR", description = "/healthz and /readyz; 0 = off (default: ${DEFAULT-VALUE}).")
  String healthAddr = ":61779";

  @Option(names = "--enable-leader-election", arity = "0..1", fallbackValue = "true", description = "Only the holder of the Lease writes (default: ${DEFAULT-VALUE}).")
  boolean leaderElection = true;

  @Option(names = "--leader-election-id", paramLabel = "NAME", description = "The Lease's name (default: ${DEFAULT-VALUE}).")
  String leaderElectionId = "aws-load-balancer-controller-leader";

  @Option(names = "--leader-election-namespace", paramLabel = "NS", description = "The Lease's namespace (default: the pod's).")
  String leaderElectionNamespace = "";

  @Option(names = "--leader-election-lease-duration", paramLabel = "DURATION", description = "albc: lease duration (default: ${DEFAULT-VALUE}).")
  String leaseDuration = "15s";

  @Option(names = "--leader-election-renew-deadline", paramLabel = "DURATION", description = "albc: renew deadline (default: ${DEFAULT-VALUE}).")
  String renewDeadline = "10s";

  @Option(names = "--leader-election-retry-period", paramLabel = "DURATION", description = "albc: retry period (default: ${DEFAULT-VALUE}).")
  String retryPeriod = "2s";

  @Option(names = "--account-facts-ttl", paramLabel = "DURATION", description = "albc: how long subnets, security groups and certificates are cached (default: ${DEFAULT-VALUE}).")
  String accountFactsTtl = "10m";

  @Option(names = "--log-level", paramLabel = "LEVEL", description = "info or debug (default: ${DEFAULT-VALUE}).")
  String logLevel = "info";

  @Option(names = "--webhook-bind-port", paramLabel = "PORT", description = "The admission webhooks' HTTPS port; albc: 0 = no webhook server (default: ${DEFAULT-VALUE}).")
  int webhookPort = 9443;

  @Option(names = "--webhook-cert-dir", paramLabel = "DIR", description = "Directory of the webhook certificate (default: /tmp/k8s-webhook-server/serving-certs).")
  String webhookCertDir = "";

  @Option(names = "--webhook-cert-file", paramLabel = "NAME", description = "The certificate's file name in --webhook-cert-dir (default: tls.crt).")
  String webhookCertFile = "";

  @Option(names = "--webhook-key-file", paramLabel = "NAME", description = "The key's file name in --webhook-cert-dir (default: tls.key).")
  String webhookKeyFile = "";

  @Option(names = "--enable-pod-readiness-gate-inject", arity = "0..1", fallbackValue = "true", description = "The pod webhook adds readiness gates (default: ${DEFAULT-VALUE}).")
  boolean podReadinessGateInject = true;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = ReferenceFlags.problems(spec);
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("albc controller: " + p));
      err.flush();
      return Main.EXIT_USAGE;
    }
    Controller.Config config;
    ControllerSettings settings;
    TargetsSettings targets;
    Webhooks.Settings webhooks;
    try {
      if (!logLevel.equals("info") && !logLevel.equals("debug")) {
        throw new IllegalArgumentException("--log-level: \"" + logLevel + "\" is not one of info, debug");
      }
      if (workers < 1) {
        throw new IllegalArgumentException("--ingress-max-concurrent-reconciles must be at least 1");
      }
      if (webhookPort < 0 || webhookPort > 65535) {
        throw new IllegalArgumentException("--webhook-bind-port must be 0-65535");
      }
      webhooks = webhookSettings();
      fillFromInstanceMetadata();
      settings = flags.toSettings();
      config = new Controller.Config(live.watchNamespace, duration("--sync-period", syncPeriod), workers, metricsAddr,
          healthAddr, leaderElection, leaderElectionId, leaderElectionNamespace(),
          new Leadership.Timings(duration("--leader-election-lease-duration", leaseDuration),
              duration("--leader-election-renew-deadline", renewDeadline),
              duration("--leader-election-retry-period", retryPeriod)),
          logLevel, duration("--account-facts-ttl", accountFactsTtl));
      targets = TargetsSettings.of(settings).withWorkers(bindingWorkers)
          .withMaxBackoff(duration("--targetgroupbinding-max-exponential-backoff-delay", bindingMaxBackoff))
          .withRequeue(duration("--targetgroupbinding-requeue-duration", bindingRequeue));
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("albc controller: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    ApiClient kube = live.kubeconfig != null ? ClusterReader.client(live.kubeconfig) : ClientBuilder.standard().build();
    kube.setReadTimeout(0); // watches stay open; each list/patch has the server's own timeout
    Metrics metrics = new Metrics();
    JsonLog log = new JsonLog(System.err, logLevel);
    AwsSession.Settings s = AwsSession.Settings.of(flags.region, live.endpointUrl)
        .withRateLimits(RateLimits.parse(live.throttle))
        .withMaxAttempts(Math.max(1, live.maxRetries))
        .withInterceptor(new AwsMetrics(metrics));
    try (AwsSession aws = new AwsSession(s);
        Controller c = new Controller(settings, config, kube, aws, metrics, log)
            .withRuleDirs(ruleOptions.dirs()).withTargets(targets)
            .withWebhooks(webhooks)) {
      Runtime.getRuntime().addShutdownHook(new Thread(c::close, "albc-shutdown"));
      return c.run();
    } catch (dev.albc.controller.ConfigMapRules.Unloadable e) {
      err.println("albc controller: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
  }

  /** The webhook flags; unset names take the reference's defaults. */
  private Webhooks.Settings webhookSettings() {
    Webhooks.Settings d = Webhooks.Settings.defaults();
    return new Webhooks.Settings(webhookPort, webhookCertDir.isBlank() ? d.certDir() : Path.of(webhookCertDir),
        webhookCertFile.isBlank() ? d.certName() : webhookCertFile,
        webhookKeyFile.isBlank() ? d.keyName() : webhookKeyFile, podReadinessGateInject, d.ingressBudget());
  }

  /** --aws-region / --aws-vpc-id from instance metadata when not given (region: also AWS_REGION). */
  private void fillFromInstanceMetadata() {
    boolean noRegion = flags.region.isBlank() && blank(System.getenv("AWS_DEFAULT_REGION"))
        && blank(System.getenv("AWS_REGION"));
    if (!noRegion && flags.region.isBlank()) {
      flags.region = !blank(System.getenv("AWS_DEFAULT_REGION")) ? System.getenv("AWS_DEFAULT_REGION")
          : System.getenv("AWS_REGION");
    }
    if (noRegion || flags.vpcId.isBlank()) {
      try (InstanceMetadata imds = new InstanceMetadata()) {
        if (noRegion) {
          flags.region = imds.region();
        }
        if (flags.vpcId.isBlank()) {
          flags.vpcId = imds.vpcId();
        }
      }
    }
  }

  private String leaderElectionNamespace() {
    if (!leaderElectionNamespace.isBlank() || !leaderElection) {
      return leaderElectionNamespace;
    }
    try {
      return Files.readString(Path.of(POD_NAMESPACE_FILE)).strip();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--leader-election-namespace is required outside a pod (no "
          + POD_NAMESPACE_FILE + ")");
    }
  }

  private static Duration duration(String flag, String value) {
    try {
      return GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
