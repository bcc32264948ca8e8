package dev.albc.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The account's AWS facts (subnets, route tables, security groups, certificates) read once and
 * kept for a time-to-live; {@link #refreshed()} reads them again now when a plan needs what the
 * cache lacks, at most once per {@code minRefresh} so a group that keeps asking cannot make a storm
 * of calls. The live entry point's account facts for the controller; see
 * docs/controller.md "AWS account facts".
 */
public final class CachedAccountFacts implements dev.albc.live.AccountFactSource {
  private final Supplier<List<Object>> read;
  private final Duration ttl;
  private final Duration minRefresh;
  private final Clock clock;
  private volatile List<Object> facts;
  private Instant readAt;

  /** @param read reads the account (e.g. {@code new AccountFacts(aws).all(vpcId)}) */
  public CachedAccountFacts(Supplier<List<Object>> read, Duration ttl, Duration minRefresh, Clock clock) {
    this.read = read;
    this.ttl = ttl;
    this.minRefresh = minRefresh;
    this.clock = clock;
  }

  /** The cached facts, read again when older than the time-to-live. */
  @Override
  public synchronized List<Object> facts() {
    if (facts == null || !clock.instant().isBefore(readAt.plus(ttl))) {
      load();
    }
    return facts;
  }

  /** Reads again now, unless the cache was read within {@code minRefresh}. */
  @Override
  public synchronized List<Object> refreshed() {
    if (facts == null || !clock.instant().isBefore(readAt.plus(minRefresh))) {
      load();
    }
    return facts;
  }

  /**
   * The facts last read, whatever their age, without reading (empty before the first read): the
   * Ingress webhook answers from these and never waits on AWS (docs/targets.md "Ingress validation").
   */
  public Optional<List<Object>> lastRead() {
    return Optional.ofNullable(facts);
  }

  private void load() {
    facts = List.copyOf(read.get());
    readAt = clock.instant();
  }
}
