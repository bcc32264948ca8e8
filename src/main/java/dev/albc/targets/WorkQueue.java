package dev.albc.targets;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A work queue of keys as client-go's: a key waiting is queued once however often it is added; a
 * key being processed is not handed to a second worker, and if it was added meanwhile it is queued
 * again when done; failures back off exponentially per key (5 ms × 2ⁿ up to a cap).
 */
public final class WorkQueue {
  private record Item(String key, long due) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(due, ((Item) o).due);
    }
  }

  private static final Duration BASE = Duration.ofMillis(5);
  private final DelayQueue<Item> delayed = new DelayQueue<>();
  private final Map<String, Long> queued = new HashMap<>(); // key → due time of its queued item
  private final Set<String> processing = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Duration maxBackoff;

  public WorkQueue(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
  }

  public void add(String key) {
    addAfter(key, Duration.ZERO);
  }

  /** Queues the key after a delay; an earlier pending item for it wins. */
  public synchronized void addAfter(String key, Duration delay) {
    if (processing.contains(key) && delay.isZero()) {
      dirty.add(key); // queued again when its worker is done
      return;
    }
    long due = System.nanoTime() + delay.toNanos();
    Long current = queued.get(key);
    if (current != null && current <= due) {
      return;
    }
    queued.put(key, due);
    delayed.add(new Item(key, due));
  }

  /** After a failure: queued again after this key's next backoff. */
  public void retry(String key) {
    int n;
    synchronized (this) {
      n = failures.merge(key, 1, Integer::sum);
    }
    long ms = BASE.toMillis() << Math.min(n - 1, 30);
    addAfter(key, Duration.ofMillis(Math.min(ms, maxBackoff.toMillis())));
  }

  /** After a success: the key's backoff starts again. */
  public synchronized void forget(String key) {
    failures.remove(key);
  }

  /** The next due key (blocks); the caller must call {@link #done}. */
  public String take() throws InterruptedException {
    while (true) {
      Item i = delayed.take();
      synchronized (this) {
        Long due = queued.get(i.key());
        if (due == null || due != i.due()) {
          continue; // superseded by an earlier item
        }
        if (processing.contains(i.key())) {
          queued.remove(i.key());
          dirty.add(i.key());
          continue;
        }
        queued.remove(i.key());
        processing.add(i.key());
        return i.key();
      }
    }
  }

  public synchronized void done(String key) {
    processing.remove(key);
    if (dirty.remove(key)) {
      long due = System.nanoTime();
      Long current = queued.get(key);
      if (current == null || current > due) {
        queued.put(key, due);
        delayed.add(new Item(key, due));
      }
    }
  }

  public synchronized int size() {
    return queued.size();
  }
}
