package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  @Test
  void aKeyIsQueuedOnceAndNeverHandedToTwoWorkers() throws Exception {
    WorkQueue q = new WorkQueue(Duration.ofSeconds(1));
    q.add("a");
    q.add("a");
    q.add("b");
    assertThat(q.size()).isEqualTo(2);
    String first = q.take();
    q.add(first); // added while processing: queued again only when done
    String second = q.take();
    assertThat(second).isNotEqualTo(first);
    assertThat(q.size()).isZero();
    q.done(first);
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.take()).isEqualTo(first);
  }

  @Test
  void failuresBackOffPerKey() throws Exception {
    WorkQueue q = new WorkQueue(Duration.ofMillis(40));
    for (int i = 0; i < 10; i++) {
      q.retry("a"); // 5 ms, 10, 20, then capped at 40
    }
    long t0 = System.nanoTime();
    assertThat(q.take()).isEqualTo("a");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    q.done("a");
    q.forget("a");
    q.retry("a");
    assertThat(q.take()).isEqualTo("a");
  }
}
