package dev.albc.cli;

import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsSession;
import dev.albc.aws.RateLimits;
import dev.albc.changes.LiveChanges;
import dev.albc.executor.KubeBindings;
import dev.albc.facts.ControllerSettings;
import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.live.LiveGroups;
import dev.albc.live.LiveRun;
import dev.albc.live.SentSecrets;
import dev.albc.controller.KubeWrites;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import dev.albc.observe.BindingClient;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.AwsFactsReader;
import dev.albc.sources.ClusterReader;
import dev.albc.sources.InputException;
import dev.albc.sources.InputText;
import dev.albc.sources.ManifestReader;
import io.kubernetes.client.openapi.ApiClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code albc apply}: make AWS match the Ingresses, once. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Create, update and delete the ALBs, listeners, rules, target groups and security groups of the",
      "Ingresses in PATH (or in the cluster of --kubeconfig) so that AWS matches them, once.",
      "AWS facts (subnets, security groups, certificates) come from the account. See docs/apply.md.",
      "With --kubeconfig, refuses while a controller holds the cluster's leader Lease (--force runs anyway).",
      "Exit 0: applied (or nothing to do); 1: a group is blocked by errors (the others are applied);",
      "2: bad usage, unreadable input, or refused (a controller holds the Lease); 3: an AWS call failed."
    })
public final class ApplyCommand implements Callable<Integer> {
  /** Exit code for a failed AWS call. */
  public static final int EXIT_AWS = 3;

  @Mixin ControllerFlags flags;
  @Mixin RuleOptions ruleOptions;
  @Mixin LiveOptions live;
  @Mixin LeaseGuard.Options lease;

  @Option(names = {"-o", "--output"}, description = "How to print the changes: table, json or yaml (default: ${DEFAULT-VALUE}).")
  PlanCommand.Format output = PlanCommand.Format.table;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Manifest files or folders (else: the cluster of --kubeconfig).")
  List<Path> paths = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Session s = Session.open("apply", flags, ruleOptions, live, paths, err);
    if (s == null) {
      return Main.EXIT_USAGE;
    }
    try (s) {
      if (refusedByLease("apply", live, lease, err)) {
        return Main.EXIT_USAGE;
      }
      LiveRun applied;
      try {
        applied = s.live().reconcileAll();
      } catch (AwsCallException e) {
        err.println("albc apply: " + e.getMessage());
        s.printCalls(err);
        return EXIT_AWS;
      }
      LiveChanges changes = applied.changes();
      print(changes, output, out);
      int steps = applied.results().values().stream().mapToInt(r -> r.applied().size()).sum();
      for (String f : applied.failures().values()) {
        err.println("albc apply: " + f);
      }
      if (output == PlanCommand.Format.table) {
        out.printf("Applied %d change(s) (%d call(s)) in %d group(s)%s.%n", changes.changeCount()
            - failedChanges(changes, applied), steps, applied.results().size(),
            applied.failed() ? "; " + applied.failures().size() + " group(s) failed" : "");
      }
      out.flush();
      s.printCalls(err);
      if (applied.failed()) {
        return EXIT_AWS;
      }
      return changes.hasErrors() ? 1 : 0;
    }
  }

  /** With --kubeconfig: true (after printing why) when a controller holds the cluster's leader Lease. */
  static boolean refusedByLease(String cmd, LiveOptions live, LeaseGuard.Options lease, PrintWriter err) {
    if (live.kubeconfig == null) {
      return false;
    }
    String why = LeaseGuard.refusal("albc " + cmd, ClusterReader.client(live.kubeconfig), lease,
        java.time.Instant.now());
    if (why == null) {
      return false;
    }
    err.println("albc " + cmd + ": refused: " + why);
    err.flush();
    return true;
  }

  private static int failedChanges(LiveChanges changes, LiveRun a) {
    int n = 0;
    for (var g : changes.groups()) {
      if (a.failures().containsKey(g.id())) {
        n += g.changes().size();
      }
    }
    return n;
  }

  static void print(LiveChanges plan, PlanCommand.Format output, PrintWriter out) {
    switch (output) {
      case json -> out.print(plan.json());
      case yaml -> out.print(plan.yaml());
      default -> out.print(plan.table());
    }
  }

  /** Options of the commands that talk to a live account (and, optionally, a cluster). */
  public static final class LiveOptions {
    @Option(names = "--aws-endpoint-url", paramLabel = "URL",
        description = "AWS endpoint for every service (an emulator); default: AWS_ENDPOINT_URL, else AWS.")
    String endpointUrl = "";

    @Option(names = "--kubeconfig", paramLabel = "FILE",
        description = "Read the Ingresses from this cluster (when no PATH is given) and manage TargetGroupBindings in it.")
    Path kubeconfig;

    @Option(names = "--watch-namespace", paramLabel = "NS",
        description = "With --kubeconfig: only this namespace's Ingresses and Services (and TargetGroupBindings).")
    String watchNamespace = "";

    @Option(names = "--show-calls", description = "Print the AWS calls made, by operation, to stderr.")
    boolean showCalls;

    @Option(names = "--aws-api-throttle", paramLabel = "SPEC",
        description = "Client-side rate limits, service:operationRegex=rate:burst,… (default: the reference controller's).")
    String throttle = RateLimits.DEFAULTS;

    @Option(names = "--aws-max-retries", paramLabel = "N", description = "Attempts per AWS call (default: ${DEFAULT-VALUE}).")
    int maxRetries = AwsSession.DEFAULT_MAX_ATTEMPTS;
  }

  /** The AWS session and the live run (over the command's facts) of one live command. */
  record Session(AwsSession aws, LiveGroups live, boolean showCalls)
      implements AutoCloseable {

    /** Opens everything, or prints why not (one line) and returns null. */
    static Session open(String cmd, ControllerFlags flags, RuleOptions rules, LiveOptions live, List<Path> paths,
        PrintWriter err) {
      ControllerSettings settings;
      List<Object> kube;
      ApiClient client = null;
      try {
        settings = flags.toSettings();
        if (settings.vpcId().isBlank()) {
          throw new IllegalArgumentException("--aws-vpc-id is required against a live account");
        }
        if (live.kubeconfig != null) {
          client = ClusterReader.client(live.kubeconfig);
        }
        if (paths != null && !paths.isEmpty()) {
          kube = manifests(paths, err, cmd);
        } else if (client != null) {
          kube = new ArrayList<>(new ClusterReader(client, live.watchNamespace).read().all());
        } else if (paths != null) {
          throw new IllegalArgumentException("give manifest files or folders (PATH), or a cluster (--kubeconfig)");
        } else {
          kube = List.of();
        }
      } catch (IllegalArgumentException | InputException e) {
        err.println("albc " + cmd + ": " + e.getMessage());
        return null;
      }
      RuleRunner runner = paths == null ? null : rules.runner(err);
      if (paths != null && runner == null) {
        return null;
      }
      AwsSession aws;
      try {
        AwsSession.Settings s = AwsSession.Settings.of(flags.region, live.endpointUrl)
            .withRateLimits(RateLimits.parse(live.throttle))
            .withMaxAttempts(Math.max(1, live.maxRetries));
        aws = new AwsSession(s);
      } catch (RuntimeException e) {
        err.println("albc " + cmd + ": " + e.getMessage());
        return null;
      }
      BindingClient bindings = client == null ? null : new KubeBindings(client, live.watchNamespace);
      LiveGroups groups = new LiveGroups(aws, settings, bindings, runner == null ? null : () -> runner,
          KubeFacts.of(kube), AccountFactSource.once(aws, settings.vpcId(), settings.clusterName()));
      if (client != null && (paths == null || paths.isEmpty())) {
        groups.withSentSecrets(sentSecrets(client, cmd, err));
      }
      return new Session(aws, groups, live.showCalls);
    }

    /**
     * With the Ingresses read from the cluster, the hashes of the client secrets sent are kept in
     * their {@value SentSecrets#ANNOTATION} annotation, as the controller keeps them
     * (docs/apply.md#client-secrets); a failed write is a warning (the next run sends a rotated
     * secret it cannot tell from the kept one once more).
     */
    static SentSecrets.Store sentSecrets(ApiClient client, String cmd, PrintWriter err) {
      KubeWrites writes = new KubeWrites(client, () -> { });
      return (key, value) -> {
        int slash = key.indexOf('/');
        java.util.Map<String, String> patch = new java.util.HashMap<>();
        patch.put(SentSecrets.ANNOTATION, value);
        try {
          writes.annotate(new V1Ingress().metadata(new V1ObjectMeta().namespace(key.substring(0, slash))
              .name(key.substring(slash + 1))), patch);
        } catch (ApiException e) {
          err.println("albc " + cmd + ": warning: Ingress " + key + ": keeping the sent client secrets' hashes in "
              + SentSecrets.ANNOTATION + " failed: HTTP " + e.getCode() + " " + e.getResponseBody());
        }
      };
    }

    /** Kubernetes objects from manifests; AWS CLI dumps among them are skipped (facts come from AWS). */
    static List<Object> manifests(List<Path> paths, PrintWriter err, String cmd) {
      List<InputText> kube = new ArrayList<>();
      for (InputText t : InputText.read(paths, InputText.MANIFEST_EXTENSIONS)) {
        if (isAwsDump(t)) {
          err.println("albc " + cmd + ": note: " + t.origin()
              + " is AWS CLI output; ignored (AWS facts come from the account)");
        } else {
          kube.add(t);
        }
      }
      return new ArrayList<>(new ManifestReader().load(kube).facts().all());
    }

    static boolean isAwsDump(InputText t) {
      if (!t.isJson()) {
        return false;
      }
      try {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(t.text());
        if (n == null || !n.isObject() || n.has("kind")) {
          return false;
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
          if (AwsFactsReader.KEYS.contains(it.next())) {
            return true;
          }
        }
      } catch (Exception e) {
        return false;
      }
      return false;
    }

    void printCalls(PrintWriter err) {
      if (showCalls) {
        err.print(aws.calls().render());
        err.flush();
      }
    }

    @Override
    public void close() {
      aws.close();
    }
  }
}
