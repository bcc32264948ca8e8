package dev.albc.targets;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantiles;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the targets reconciler (docs/targets.md, "Metrics"): targets registered and
 * deregistered, AWS write calls, and the time from a target's registration to its pod's
 * readiness-gate condition turning True. The controller exports them with its other metrics.
 */
public final class TargetsMetrics {
  private final LongAdder registered = new LongAdder();
  private final LongAdder deregistered = new LongAdder();
  private final LongAdder readyCount = new LongAdder();
  private final LongAdder readyMillis = new LongAdder();
  private final AtomicLong readyMaxMillis = new AtomicLong();
  private final LongAdder skipped = new LongAdder();

  void registered(int n) {
    registered.add(n);
  }

  void deregistered(int n) {
    deregistered.add(n);
  }

  /** A binding whose checkpoint was unchanged: no AWS call. */
  void skipped() {
    skipped.increment();
  }

  void readyAfterRegistration(Duration d) {
    readyCount.increment();
    readyMillis.add(d.toMillis());
    readyMaxMillis.accumulateAndGet(d.toMillis(), Math::max);
  }

  public long registeredTargets() {
    return registered.sum();
  }

  public long deregisteredTargets() {
    return deregistered.sum();
  }

  public long skippedReconciles() {
    return skipped.sum();
  }

  /** How many pods turned ready after registration, the sum and the longest of those times. */
  public long readyCount() {
    return readyCount.sum();
  }

  public Duration readyTotal() {
    return Duration.ofMillis(readyMillis.sum());
  }

  public Duration readyMax() {
    return Duration.ofMillis(readyMaxMillis.get());
  }

  /**
   * Exports them into a Prometheus registry: {@code albc_targets_registered_total},
   * {@code albc_targets_deregistered_total}, {@code albc_targets_skipped_reconciles_total}, and the
   * registration-to-ready time as {@code albc_targets_ready_after_registration_seconds} (count, sum)
   * and its {@code _max}.
   */
  public void register(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("albc_targets_registered").help("Targets registered (RegisterTargets)")
        .callback(c -> c.call(registered.sum())).register(registry);
    CounterWithCallback.builder().name("albc_targets_deregistered").help("Targets deregistered (DeregisterTargets)")
        .callback(c -> c.call(deregistered.sum())).register(registry);
    CounterWithCallback.builder().name("albc_targets_skipped_reconciles")
        .help("TargetGroupBinding reconciles skipped on an unchanged checkpoint (no AWS call)")
        .callback(c -> c.call(skipped.sum())).register(registry);
    SummaryWithCallback.builder().name("albc_targets_ready_after_registration_seconds")
        .help("Time from a target's registration to its pod's readiness gate turning True")
        .callback(c -> c.call(readyCount.sum(), readyMillis.sum() / 1000.0, Quantiles.EMPTY)).register(registry);
    GaugeWithCallback.builder().name("albc_targets_ready_after_registration_seconds_max")
        .help("The longest time from a target's registration to its pod's readiness gate turning True")
        .callback(c -> c.call(readyMaxMillis.get() / 1000.0)).register(registry);
  }
}
