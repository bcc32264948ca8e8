package dev.albc.targets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound rules on node and pod security groups that let load balancers reach the targets of
 * bindings with {@code spec.networking} (docs/targets.md, "Networking"), as the reference's
 * networking manager: each binding's rules are computed per endpoint security group (the one of
 * its targets' ENIs, or among several the one tagged {@code kubernetes.io/cluster/<cluster>}),
 * every binding's rules are aggregated per group, and a group gets exactly those of its rules that
 * carry {@link Permission#DESCRIPTION}. Rules no binding needs are revoked — on groups no binding
 * uses any more too (the groups seen, and the VPC's cluster-tagged ones) — but only once the rules of
 * every binding with networking are known, so a restart never revokes what another binding needs.
 * One reconcile at a time (synchronized).
 */
public final class BindingNetworking {
  private static final Logger LOG = LoggerFactory.getLogger(BindingNetworking.class);
  /** How long an ENI's endpoint group and a group's rules are trusted without reading AWS again. */
  static final Duration CACHE_TTL = Duration.ofMinutes(10);

  private final SecurityGroupRules aws;
  private final boolean restricted;
  private final String clusterName;
  private final String vpcId;
  private final Clock clock;
  private final Map<String, Map<String, SortedSet<Permission>>> byBinding = new HashMap<>();
  private final Set<String> trackedGroups = new TreeSet<>();
  private boolean trackedFromAws;
  private final Map<String, Cached<String>> endpointGroup = new HashMap<>();
  private final Map<String, Cached<Set<Permission>>> rules = new HashMap<>();

  private record Cached<T>(T value, Instant at) {}

  public BindingNetworking(SecurityGroupRules aws, String clusterName, String vpcId, Clock clock) {
    this(aws, clusterName, vpcId, clock, true);
  }

  /** {@code restricted} false: {@code --disable-restricted-sg-rules} ({@link NetworkingRules#aggregate}). */
  public BindingNetworking(SecurityGroupRules aws, String clusterName, String vpcId, Clock clock, boolean restricted) {
    this.restricted = restricted;
    this.aws = aws;
    this.clusterName = clusterName;
    this.vpcId = vpcId;
    this.clock = clock;
  }

  /** Whether this binding's rules are known (computed since the controller started). */
  public synchronized boolean knows(Binding b) {
    return byBinding.containsKey(b.key());
  }

  /**
   * Records the binding's rules for its targets and brings every group it touches (and, once every
   * binding is known, every unused group) to the aggregated rules.
   *
   * @param targets the binding's desired targets (instance ids, or pod IPs)
   * @param namedPort the numbers of a named port of the binding's pods
   * @param all every binding in the cluster (the ones with networking count)
   */
  public synchronized void reconcile(Binding b, Collection<Target> targets, Function<String, Set<Integer>> namedPort,
                                     Collection<Binding> all) {
    Map<String, SortedSet<Permission>> perGroup = new TreeMap<>();
    if (b.networking() != null && !b.deleting()) {
      SortedSet<Permission> perms = NetworkingRules.permissions(b.networking(), namedPort);
      for (String sg : endpointGroups(b, targets)) {
        perGroup.put(sg, perms);
      }
    }
    apply(b.key(), perGroup, all);
  }

  /** A deleted binding: its rules go (the groups keep what other bindings need). */
  public synchronized void cleanup(Binding b, Collection<Binding> all) {
    if (b.networking() != null || byBinding.containsKey(b.key())) {
      apply(b.key(), Map.of(), all);
    }
    byBinding.remove(b.key());
  }

  private void apply(String key, Map<String, SortedSet<Permission>> perGroup, Collection<Binding> all) {
    Set<String> withNetworking = new TreeSet<>();
    all.stream().filter(x -> x.networking() != null).forEach(x -> withNetworking.add(x.key()));
    byBinding.put(key, perGroup);
    byBinding.keySet().removeIf(k -> !k.equals(key) && !withNetworking.contains(k));
    trackedGroups.addAll(perGroup.keySet());
    boolean allKnown = byBinding.keySet().containsAll(withNetworking);
    Map<String, SortedSet<Permission>> wanted = NetworkingRules.aggregate(byBinding.values(), restricted);
    List<String> failures = new ArrayList<>();
    wanted.forEach((sg, perms) -> sync(sg, perms, !allKnown, failures));
    if (allKnown) {
      for (String sg : unusedGroups(wanted.keySet())) {
        sync(sg, Set.of(), false, failures);
      }
    }
    if (!failures.isEmpty()) {
      throw new BindingException("security group rules: " + String.join("; ", failures));
    }
  }

  private Set<String> unusedGroups(Set<String> used) {
    if (!trackedFromAws && !vpcId.isBlank()) {
      trackedGroups.addAll(aws.clusterGroups(vpcId, clusterName));
      trackedFromAws = true;
    }
    Set<String> out = new TreeSet<>(trackedGroups);
    out.removeAll(used);
    return out;
  }

  /** Authorizes the missing rules and (unless {@code authorizeOnly}) revokes the extra ones. */
  private void sync(String sg, Set<Permission> desired, boolean authorizeOnly, List<String> failures) {
    try {
      Cached<Set<Permission>> c = rules.get(sg);
      boolean fresh = c != null && c.at().plus(CACHE_TTL).isAfter(clock.instant());
      Set<Permission> current;
      if (fresh) {
        current = c.value();
      } else {
        Optional<Set<Permission>> read = aws.managed(sg);
        if (read.isEmpty()) {
          trackedGroups.remove(sg);
          rules.remove(sg);
          if (!desired.isEmpty()) {
            failures.add(sg + " does not exist");
          }
          return;
        }
        current = read.get();
      }
      NetworkingRules.Diff d = NetworkingRules.diff(desired, current);
      Set<Permission> now = new TreeSet<>(current);
      if (!d.authorize().isEmpty()) {
        aws.authorize(sg, d.authorize());
        now.addAll(d.authorize());
        LOG.info("security group {}: authorized {}", sg, d.authorize());
      }
      if (!authorizeOnly && !d.revoke().isEmpty()) {
        aws.revoke(sg, d.revoke());
        now.removeAll(d.revoke());
        LOG.info("security group {}: revoked {}", sg, d.revoke());
      }
      rules.put(sg, new Cached<>(Set.copyOf(now), fresh ? c.at() : clock.instant()));
    } catch (RuntimeException e) {
      rules.remove(sg);
      failures.add(sg + ": " + e.getMessage());
    }
  }

  /** The endpoint security group of each target's ENI (instance mode: the instance's primary ENI). */
  private Set<String> endpointGroups(Binding b, Collection<Target> targets) {
    Set<String> out = new TreeSet<>();
    List<String> unresolved = new ArrayList<>();
    Instant now = clock.instant();
    for (Target t : targets) {
      if ("all".equals(t.availabilityZone())) {
        continue; // outside the VPC: no ENI of ours
      }
      Cached<String> c = endpointGroup.get(t.id());
      if (c != null && c.at().plus(CACHE_TTL).isAfter(now)) {
        out.add(c.value());
      } else {
        unresolved.add(t.id());
      }
    }
    if (unresolved.isEmpty()) {
      return out;
    }
    Map<String, List<String>> groupsById = new TreeMap<>();
    Map<String, String> eniById = new TreeMap<>();
    if (b.instanceMode()) {
      groupsById.putAll(aws.instanceGroups(unresolved));
      groupsById.keySet().forEach(id -> eniById.put(id, "primary ENI of " + id));
    } else {
      String vpc = b.vpcId().isBlank() ? vpcId : b.vpcId();
      if (vpc.isBlank()) {
        throw new BindingException("spec.networking in ip mode needs the VPC: set spec.vpcID or --aws-vpc-id");
      }
      aws.ipGroups(vpc, unresolved).forEach((ip, eni) -> {
        groupsById.put(ip, eni.groups());
        eniById.put(ip, eni.id());
      });
    }
    for (String id : unresolved) {
      List<String> groups = groupsById.get(id);
      if (groups == null || groups.isEmpty()) {
        throw new BindingException("no network interface with security groups found for target " + id);
      }
      String sg = groups.size() == 1 ? groups.get(0) : clusterTagged(eniById.get(id), groups);
      endpointGroup.put(id, new Cached<>(sg, now));
      out.add(sg);
    }
    return out;
  }

  private String clusterTagged(String eni, List<String> groups) {
    String tag = "kubernetes.io/cluster/" + clusterName;
    List<String> tagged = aws.tags(groups).entrySet().stream().filter(e -> e.getValue().containsKey(tag))
        .map(Map.Entry::getKey).sorted().toList();
    if (tagged.size() != 1) {
      throw new BindingException("expected exactly one securityGroup tagged with " + tag + " for eni " + eni
          + ", got: " + tagged + " (clusterName: " + clusterName + ")");
    }
    return tagged.get(0);
  }
}
