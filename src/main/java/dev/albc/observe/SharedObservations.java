package dev.albc.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the controller keeps between the runs of its groups, beside the account facts
 * (docs/controller.md "AWS reads after a start"). Each group's run still has its own
 * {@link ObservationCache}; this object is handed to it by the caller ({@code LiveGroups}) and
 * holds:
 *
 * <ul>
 *   <li>the cluster's backend security group once found, for a time-to-live (only a group that was
 *       found is kept; a run that fails, or plans its deletion, forgets it);
 *   <li>the DNS name of each load balancer seen (it never changes for an ARN), for the status;
 *   <li>the {@link ClusterSnapshot} read when the workers start, which each group may use for its
 *       first observation only, and only when nothing was written for the group since the snapshot
 *       was taken and it is younger than {@code snapshotMaxAge};
 *   <li>the tags of each ACM certificate read, for {@link #CERTIFICATE_TAGS_TTL} (gate
 *       EnableCertificateManagement: every group's observation lists the region's certificates).
 * </ul>
 */
public final class SharedObservations {
  private final Duration ttl;
  private final Duration snapshotMaxAge;
  private final Clock clock;
  private ObservedResource backend;
  private Instant backendReadAt;
  private final Map<String, String> dnsNames = new ConcurrentHashMap<>();
  private ClusterSnapshot snapshot;
  private Set<String> snapshotStacks = Set.of();
  private final Set<String> used = new HashSet<>();
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

  /** How long a certificate's tags are kept: the reference's certificate tag cache's one minute. */
  public static final Duration CERTIFICATE_TAGS_TTL = Duration.ofMinutes(1);

  private record Timed(Map<String, String> tags, Instant readAt) {}

  private final Map<String, Timed> certificateTags = new ConcurrentHashMap<>();

  public SharedObservations(Duration ttl, Duration snapshotMaxAge, Clock clock) {
    this.ttl = ttl;
    this.snapshotMaxAge = snapshotMaxAge;
    this.clock = clock;
  }

  // ---- certificate tags -----------------------------------------------------------------------------

  /** The certificate's tags read within {@link #CERTIFICATE_TAGS_TTL}, or null. */
  Map<String, String> certificateTags(String arn) {
    Timed t = certificateTags.get(arn);
    if (t == null || !clock.instant().isBefore(t.readAt().plus(CERTIFICATE_TAGS_TTL))) {
      certificateTags.remove(arn);
      return null;
    }
    return t.tags();
  }

  void certificateTags(String arn, Map<String, String> tags) {
    certificateTags.put(arn, new Timed(tags, clock.instant()));
  }

  // ---- the backend security group ------------------------------------------------------------------

  /** The backend security group found within the time-to-live, or null (never found, expired, forgotten). */
  synchronized ObservedResource backendSecurityGroup() {
    if (backend != null && clock.instant().isBefore(backendReadAt.plus(ttl))) {
      return backend;
    }
    backend = null;
    return null;
  }

  /** A run found (or created) the backend security group; null is not kept (a later run reads again). */
  synchronized void backendSecurityGroup(ObservedResource sg) {
    backend = sg;
    backendReadAt = clock.instant();
  }

  /** Forgets the backend security group: the next run reads it (its run failed, or it is being deleted). */
  public synchronized void forgetBackendSecurityGroup() {
    backend = null;
  }

  // ---- DNS names -------------------------------------------------------------------------------------

  void loadBalancerSeen(String arn, String dnsName) {
    if (arn != null && dnsName != null) {
      dnsNames.put(arn, dnsName);
    }
  }

  /** The DNS name of a load balancer an observation saw, or null. */
  public String dnsName(String loadBalancerArn) {
    return dnsNames.get(loadBalancerArn);
  }

  // ---- the snapshot after a start ---------------------------------------------------------------------

  /** The snapshot the groups' first observations may use from now on (replaces any earlier one). */
  public synchronized void snapshot(ClusterSnapshot s) {
    snapshot = s;
    snapshotStacks = s.stacks();
    used.clear();
  }

  /**
   * Something is about to be written for the group (an AWS change, a binding): from now on the
   * snapshot is older than the group's last write and is not used for it.
   */
  public void writing(String groupId) {
    lastWrite.put(groupId, clock.instant());
  }

  /**
   * The snapshot, if the group may use it for this observation: it exists, is younger than the
   * maximum age, was taken after the group's last write (if any), and the group has not used it
   * before. The call counts as the group's use. The snapshot is released once every stack it holds
   * has used it, or when it is too old.
   */
  synchronized ClusterSnapshot snapshotFor(String groupId) {
    if (snapshot == null) {
      return null;
    }
    Instant now = clock.instant();
    if (!now.isBefore(snapshot.takenAt().plus(snapshotMaxAge))) {
      snapshot = null;
      return null;
    }
    Instant written = lastWrite.get(groupId);
    if (!used.add(groupId) || (written != null && !written.isBefore(snapshot.takenAt()))) {
      return null;
    }
    ClusterSnapshot s = snapshot;
    if (used.containsAll(snapshotStacks)) {
      snapshot = null;
    }
    return s;
  }

  /** True while a snapshot is held (tests, metrics). */
  public synchronized boolean holdsSnapshot() {
    return snapshot != null;
  }
}
