package dev.albc.observe;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one live run reads once and shares between its groups (docs/apply.md, "How albc finds what
 * it made"): the cluster's shared backend security group, the Shield Advanced subscription, and —
 * when the account denies the tagging API — the listing of the VPC's load balancers and target
 * groups with their tags. The live run ({@code dev.albc.live.LiveGroups}) creates it and hands it to
 * each {@link Observer#observe} call; the observer fills it through these memo methods, and the run
 * records the backend security group its executor created. Nothing else writes into it.
 *
 * <p>In the controller, a run's cache also reaches the controller's {@link SharedObservations}
 * (given by the caller): the backend security group found by an earlier run, the snapshot read
 * after a start, and the DNS names seen. Without one (the CLI), every run reads for itself.
 */
public final class ObservationCache {
  private final SharedObservations shared;
  /** null = not read yet; empty = read, none. */
  private Optional<ObservedResource> backendSecurityGroup;
  private Boolean shieldActive;
  private boolean taggingDenied;
  private Map<String, Map<String, String>> listing;

  /** A run's cache with nothing shared across runs (the CLI). */
  public ObservationCache() {
    this(null);
  }

  /** A run's cache over what the controller keeps across runs ({@code shared}; null: nothing). */
  public ObservationCache(SharedObservations shared) {
    this.shared = shared;
  }

  /**
   * The backend security group: the run's, else one an earlier run found (within its time-to-live),
   * else read with {@code read} (null: none; a none is not kept across runs).
   */
  synchronized ObservedResource backendSecurityGroup(Supplier<ObservedResource> read) {
    if (backendSecurityGroup == null) {
      ObservedResource known = shared == null ? null : shared.backendSecurityGroup();
      backendSecurityGroup = Optional.ofNullable(known != null ? known : read.get());
      if (known == null && backendSecurityGroup.isPresent() && shared != null) {
        shared.backendSecurityGroup(backendSecurityGroup.get());
      }
    }
    return backendSecurityGroup.orElse(null);
  }

  /** The run's executor created the backend security group: later groups (and runs) see it. */
  public synchronized void backendSecurityGroupCreated(ObservedResource sg) {
    backendSecurityGroup = Optional.ofNullable(sg);
    if (shared != null && sg != null) {
      shared.backendSecurityGroup(sg);
    }
  }

  /** The snapshot read after a start, if this group's observation may use it (see SharedObservations). */
  ClusterSnapshot snapshotFor(String groupId) {
    return shared == null ? null : shared.snapshotFor(groupId);
  }

  /** A load balancer was seen with this DNS name (the controller's status uses it). */
  void loadBalancerSeen(String arn, String dnsName) {
    if (shared != null) {
      shared.loadBalancerSeen(arn, dnsName);
    }
  }

  /** Whether Shield Advanced is active, read with {@code read} the first time only. */
  synchronized boolean shieldActive(BooleanSupplier read) {
    if (shieldActive == null) {
      shieldActive = read.getAsBoolean();
    }
    return shieldActive;
  }

  /** True once the account denied the tagging API in this run. */
  public synchronized boolean taggingDenied() {
    return taggingDenied;
  }

  synchronized void denyTagging() {
    taggingDenied = true;
  }

  private final Map<String, Map<String, String>> certificateTags = new java.util.HashMap<>();

  /**
   * An ACM certificate's tags: the run's, else kept by an earlier run within
   * {@link SharedObservations#CERTIFICATE_TAGS_TTL} (the reference caches them for a minute), else
   * read with {@code read}. Only certificates {@code ListCertificates} lists now are asked for.
   */
  synchronized Map<String, String> certificateTags(String arn, Supplier<Map<String, String>> read) {
    Map<String, String> tags = certificateTags.get(arn);
    if (tags == null && shared != null) {
      tags = shared.certificateTags(arn);
    }
    if (tags == null) {
      tags = Map.copyOf(read.get());
      if (shared != null) {
        shared.certificateTags(arn, tags);
      }
    }
    certificateTags.put(arn, tags);
    return tags;
  }

  /** The VPC's load balancers and target groups with their tags, listed with {@code list} once. */
  synchronized Map<String, Map<String, String>> listing(Supplier<Map<String, Map<String, String>>> list) {
    if (listing == null) {
      listing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(list.get()));
    }
    return listing;
  }
}
