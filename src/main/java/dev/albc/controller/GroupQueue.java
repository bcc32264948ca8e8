package dev.albc.controller;

import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.kubernetes.client.extended.workqueue.ratelimiter.ItemExponentialFailureRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The work queue keyed by IngressGroup id (client-java-extended's rate-limited queue): an id waits
 * once however often it is added, is never handed to two workers at once (an id added while it is
 * being reconciled is handed out again after), and after a failed reconcile comes back after a
 * per-item exponential backoff (5 ms doubling to 1,000 s; a success resets it). {@code workers}
 * threads ({@code --ingress-max-concurrent-reconciles}) take ids. See docs/controller.md "Work queue".
 */
public final class GroupQueue implements AutoCloseable {
  public static final Duration BASE_DELAY = Duration.ofMillis(5);
  public static final Duration MAX_DELAY = Duration.ofSeconds(1000);
  private static final String NAME = "ingress";

  private final ExecutorService delays = Executors.newSingleThreadExecutor(daemon("albc-queue-delay"));
  private final RateLimitingQueue<String> queue;
  private final int workers;
  private final Function<String, GroupReconciler.Result> reconcile;
  private final Metrics metrics;
  private final JsonLog log;
  private final List<Thread> threads = new ArrayList<>();

  public GroupQueue(int workers, Duration baseDelay, Duration maxDelay,
      Function<String, GroupReconciler.Result> reconcile, Metrics metrics, JsonLog log) {
    this.queue = new DefaultRateLimitingQueue<>(delays, new ItemExponentialFailureRateLimiter<>(baseDelay, maxDelay));
    this.workers = workers;
    this.reconcile = reconcile;
    this.metrics = metrics;
    this.log = log;
    metrics.maxConcurrent.labelValues(Metrics.INGRESS).set(workers);
  }

  public void add(Collection<String> groupIds) {
    for (String g : groupIds) {
      queue.add(g);
      metrics.queueAdds.labelValues(NAME, Metrics.INGRESS).inc();
    }
    depth();
  }

  public int length() {
    return queue.length();
  }

  /** Starts the workers. */
  public synchronized void start() {
    for (int i = 0; i < workers; i++) {
      Thread t = daemon("albc-worker-" + i).newThread(this::work);
      threads.add(t);
      t.start();
    }
  }

  private void work() {
    while (!queue.isShuttingDown()) {
      String id;
      try {
        id = queue.get();
      } catch (InterruptedException e) {
        return;
      }
      if (id == null) {
        return; // shutting down
      }
      depth();
      metrics.activeWorkers.labelValues(Metrics.INGRESS).inc();
      long t = System.nanoTime();
      try {
        GroupReconciler.Result r = reconcile.apply(id);
        if (r.ok()) {
          queue.forget(id);
          metrics.reconcileTotal.labelValues(Metrics.INGRESS, "success").inc();
        } else {
          retry(id);
        }
      } catch (RuntimeException e) {
        log.error("reconcile", "reconcile failed: " + e, id, null);
        retry(id);
      } finally {
        metrics.reconcileTime.labelValues(Metrics.INGRESS).observe((System.nanoTime() - t) / 1e9);
        metrics.activeWorkers.labelValues(Metrics.INGRESS).dec();
        queue.done(id);
        depth();
      }
    }
  }

  private void retry(String id) {
    metrics.reconcileTotal.labelValues(Metrics.INGRESS, "error").inc();
    metrics.reconcileErrorsTotal.labelValues(Metrics.INGRESS).inc();
    metrics.queueRetries.labelValues(NAME, Metrics.INGRESS).inc();
    if (!queue.isShuttingDown()) {
      queue.addRateLimited(id);
    }
  }

  private void depth() {
    metrics.queueDepth.labelValues(NAME, Metrics.INGRESS).set(queue.length());
  }

  /** Stops handing out ids (no retry is queued after), without waiting: {@link #close} waits. */
  public void stopHandingOut() {
    queue.shutDown();
  }

  /** Stops handing out ids and waits (bounded) for running reconciles. */
  @Override
  public synchronized void close() {
    queue.shutDown();
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    delays.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
