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
 */
public final class ObservationCache {
  /** null = not read yet; empty = read, none. */
  private Optional<ObservedResource> backendSecurityGroup;
  private Boolean shieldActive;
  private boolean taggingDenied;
  private Map<String, Map<String, String>> listing;

  /** The backend security group, read with {@code read} the first time only (null: none). */
  synchronized ObservedResource backendSecurityGroup(Supplier<ObservedResource> read) {
    if (backendSecurityGroup == null) {
      backendSecurityGroup = Optional.ofNullable(read.get());
    }
    return backendSecurityGroup.orElse(null);
  }

  /** The run's executor created the backend security group: later groups of the run see it. */
  public synchronized void backendSecurityGroupCreated(ObservedResource sg) {
    backendSecurityGroup = Optional.ofNullable(sg);
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

  /** The VPC's load balancers and target groups with their tags, listed with {@code list} once. */
  synchronized Map<String, Map<String, String>> listing(Supplier<Map<String, Map<String, String>>> list) {
    if (listing == null) {
      listing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(list.get()));
    }
    return listing;
  }
}
