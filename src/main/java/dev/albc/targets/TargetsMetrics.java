package dev.albc.targets;

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
}
