package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupQueueTest {
  final JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream()), "info");

  @Test
  void oneGroupIsNeverReconciledByTwoWorkersAtOnce() throws Exception {
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger maxParallel = new AtomicInteger();
    AtomicInteger parallel = new AtomicInteger();
    try (GroupQueue q = new GroupQueue(3, Duration.ofMillis(1), Duration.ofMillis(10), id -> {
      if (running.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      maxParallel.accumulateAndGet(parallel.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      parallel.decrementAndGet();
      running.get(id).decrementAndGet();
      runs.incrementAndGet();
      return GroupReconciler.Result.OK;
    }, new Metrics(), log)) {
      q.start();
      for (int i = 0; i < 20; i++) {
        q.add(List.of("a", "b", "c"));
        Thread.sleep(5);
      }
      long end = System.currentTimeMillis() + 5000;
      while ((q.length() > 0 || parallel.get() > 0) && System.currentTimeMillis() < end) {
        Thread.sleep(20);
      }
    }
    assertThat(overlaps.get()).isZero();
    assertThat(maxParallel.get()).as("the three groups ran side by side").isGreaterThan(1);
    assertThat(runs.get()).as("adds while queued or running collapse").isLessThan(60).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aFailedGroupComesBackWithGrowingBackoffUntilItSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Metrics m = new Metrics();
    try (GroupQueue q = new GroupQueue(1, Duration.ofMillis(5), Duration.ofSeconds(1000), id ->
        attempts.incrementAndGet() < 4 ? GroupReconciler.Result.failed("boom") : GroupReconciler.Result.OK, m, log)) {
      q.start();
      long t = System.nanoTime();
      q.add(List.of("g"));
      long end = System.currentTimeMillis() + 5000;
      while (attempts.get() < 4 && System.currentTimeMillis() < end) {
        Thread.sleep(5);
      }
      // 5 + 10 + 20 ms of backoff at least before the 4th attempt
      assertThat((System.nanoTime() - t) / 1_000_000).isGreaterThanOrEqualTo(35);
    }
    assertThat(attempts.get()).isEqualTo(4);
    assertThat(m.queueRetries.labelValues("ingress", "ingress").get()).isEqualTo(3.0);
    assertThat(m.reconcileTotal.labelValues("ingress", "success").get()).isEqualTo(1.0);
  }
}
