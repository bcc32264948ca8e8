package dev.albc.cli;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import picocli.CommandLine.Option;

/**
 * {@code albc apply} and {@code albc delete} against a cluster refuse to run while a controller
 * holds the cluster's leader Lease — albc's or the reference's, which share its name — so a
 * workstation never writes the stacks a running controller owns (docs/controller.md "A controller owns
 * the cluster"). {@code --force} runs anyway.
 */
public final class LeaseGuard {
  public static final String DEFAULT_ID = "aws-load-balancer-controller-leader";
  public static final String DEFAULT_NAMESPACE = "kube-system";

  /** The options, as a picocli mixin. */
  public static final class Options {
    @Option(names = "--force",
        description = "Run even when a controller holds the leader Lease of the cluster of --kubeconfig.")
    boolean force;

    @Option(names = "--leader-election-id", paramLabel = "NAME",
        description = "The controller's Lease, checked with --kubeconfig (default: ${DEFAULT-VALUE}).")
    String leaseName = DEFAULT_ID;

    @Option(names = "--leader-election-namespace", paramLabel = "NS",
        description = "The Lease's namespace (default: ${DEFAULT-VALUE}).")
    String leaseNamespace = DEFAULT_NAMESPACE;
  }

  private LeaseGuard() {}

  /**
   * Why {@code cmd} must not run — a live Lease names its holder — or null when no controller holds
   * it (no Lease, no holder, or renewTime + leaseDurationSeconds in the past) or {@code --force}.
   * A Lease that cannot be read (other than not found) refuses too: albc cannot tell.
   */
  public static String refusal(String cmd, ApiClient client, Options o, Instant now) {
    if (o.force) {
      return null;
    }
    V1LeaseSpec spec;
    try {
      spec = new CoordinationV1Api(client).readNamespacedLease(o.leaseName, o.leaseNamespace).execute().getSpec();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      return "cannot read the leader Lease " + o.leaseNamespace + "/" + o.leaseName + " (HTTP " + e.getCode()
          + "), so cannot tell whether a controller owns this cluster's load balancers; use --force if none runs";
    }
    String holder = spec == null ? null : spec.getHolderIdentity();
    if (holder == null || holder.isBlank() || !live(spec, now)) {
      return null;
    }
    return "a controller holds the leader Lease " + o.leaseNamespace + "/" + o.leaseName + " (holder " + holder
        + ", renewed " + renewed(spec) + "): it owns this cluster's load balancers, and " + cmd
        + " would race it; stop it, or use --force";
  }

  /** True while renewTime (else acquireTime) + leaseDurationSeconds is in the future. */
  static boolean live(V1LeaseSpec spec, Instant now) {
    OffsetDateTime renewed = renewed(spec);
    if (renewed == null) {
      return false;
    }
    int seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
    return renewed.toInstant().plusSeconds(seconds).isAfter(now);
  }

  private static OffsetDateTime renewed(V1LeaseSpec spec) {
    return spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
  }
}
