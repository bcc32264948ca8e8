package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

public class CachedAccountFactsTest {
  /** A clock tests move by hand (also used by the observe package's tests). */
  public static final class MovingClock extends Clock {
    public Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void readOnceWithinTheTimeToLiveAndRefreshedOnDemandAtMostSoOften() {
    AtomicInteger reads = new AtomicInteger();
    MovingClock clock = new MovingClock();
    CachedAccountFacts c = new CachedAccountFacts(() -> List.<Object>of("read " + reads.incrementAndGet()),
        Duration.ofMinutes(10), Duration.ofSeconds(10), clock);
    assertThat(c.facts()).containsExactly("read 1");
    clock.now = clock.now.plusSeconds(5);
    assertThat(c.facts()).containsExactly("read 1");
    assertThat(c.refreshed()).as("read 5 s ago: not again").containsExactly("read 1");
    clock.now = clock.now.plusSeconds(10);
    assertThat(c.refreshed()).containsExactly("read 2");
    clock.now = clock.now.plusSeconds(599);
    assertThat(c.facts()).containsExactly("read 2");
    clock.now = clock.now.plusSeconds(1);
    assertThat(c.facts()).as("time-to-live over").containsExactly("read 3");
  }
}
