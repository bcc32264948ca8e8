package dev.albc.controller;

import dev.albc.changes.Change;
import dev.albc.changes.Step;
import dev.albc.executor.Executor;
import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;

/**
 * Leader election with a Lease (client-java-extended {@link LeaderElector}), named as the
 * reference's ({@code aws-load-balancer-controller-leader}) so albc and the Go controller never act
 * at once. Only the leader writes: {@link #hook()} (before every AWS call and TargetGroupBinding
 * write) and {@link #check()} (before every finalizer, status and event write) refuse once the
 * lease is lost, which is before a successor can take it (renew deadline < lease duration).
 * See docs/controller.md "Leader election".
 */
public final class Leadership implements AutoCloseable {
  /** Thrown instead of a write by a replica that does not hold the lease. */
  public static final class NotLeader extends RuntimeException {
    public NotLeader(String message) {
      super(message);
    }
  }

  /** Lease timings (the reference's: 15 s, 10 s, 2 s). */
  public record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Timings REFERENCE = new Timings(Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2));

    public Timings {
      if (renewDeadline.compareTo(leaseDuration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException("leader election: need retry period < renew deadline < lease duration, got "
            + retryPeriod + ", " + renewDeadline + ", " + leaseDuration);
      }
    }
  }

  private final String name;
  private final String identity;
  private final LeaderElector elector;
  private final Metrics metrics;
  private final JsonLog log;
  private volatile boolean leader;
  private Thread thread;

  /** An always-leader for {@code --enable-leader-election=false}. */
  public static Leadership disabled(Metrics metrics, JsonLog log) {
    return new Leadership(metrics, log);
  }

  private Leadership(Metrics metrics, JsonLog log) {
    this.name = "";
    this.identity = "";
    this.elector = null;
    this.metrics = metrics;
    this.log = log;
    this.leader = true;
  }

  public Leadership(ApiClient client, String namespace, String name, String identity, Timings t, Metrics metrics,
      JsonLog log) {
    this.name = name;
    this.identity = identity;
    this.metrics = metrics;
    this.log = log;
    LeaseLock lock = new LeaseLock(namespace, name, identity, client);
    this.elector = new LeaderElector(new LeaderElectionConfig(lock, t.leaseDuration(), t.renewDeadline(),
        t.retryPeriod()), e -> log.warn("leader_election", "lease " + namespace + "/" + name + ": " + e, null, null));
    metrics.leader.labelValues(name).set(0);
  }

  /**
   * Campaigns in the background: {@code onStart} runs when the lease is won, {@code onStop} when it
   * is lost (after which this replica never writes again).
   */
  public void start(Runnable onStart, Runnable onStop) {
    if (elector == null) {
      onStart.run();
      return;
    }
    thread = new Thread(() -> elector.run(() -> {
      leader = true;
      metrics.leader.labelValues(name).set(1);
      log.info("leader_election", "became leader as " + identity, null, null);
      onStart.run();
    }, () -> {
      boolean was = leader;
      leader = false;
      metrics.leader.labelValues(name).set(0);
      if (was) {
        log.warn("leader_election", "lost the lease: no more writes", null, null);
        onStop.run();
      }
    }), "albc-leader-election");
    thread.setDaemon(true);
    thread.start();
  }

  public boolean isLeader() {
    return leader;
  }

  /** Throws {@link NotLeader} unless this replica holds the lease. */
  public void check() {
    if (!leader) {
      throw new NotLeader("not the leader (lease " + name + "): write refused");
    }
  }

  /** The executor's hook: the lease is checked before every AWS call. */
  public Executor.Hook hook() {
    return (String groupId, Change change, Step step) -> check();
  }

  @Override
  public void close() {
    leader = false;
    if (elector != null) {
      elector.close();
    }
  }
}
