package dev.albc.targets;

import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * In-memory fakes of what the targets reconciler and the admission handlers read and write — the
 * cluster ({@link Cluster}), the target groups ({@link Groups}), the binding writes ({@link Writes}),
 * the security groups ({@link SecurityGroups}) — and bindings from a few fields. Shared by the
 * targets and webhook unit tests.
 */
public final class TargetsFakes {
  public static final String ARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/tg/1";

  private TargetsFakes() {}

  /** A binding on {@link #ARN} with the Service's port 80. */
  public static Binding binding(String ns, String name, String type, String svc, boolean multi) {
    return Binding.of("{\"metadata\":{\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\"},\"spec\":{"
        + "\"targetGroupARN\":\"" + ARN + "\",\"targetType\":\"" + type + "\",\"multiClusterTargetGroup\":" + multi
        + ",\"serviceRef\":{\"name\":\"" + svc + "\",\"port\":80}}}");
  }

  /** The cluster as lists and maps a test fills; Services come from {@link #services}. */
  public static final class Cluster implements ClusterView {
    public BiFunction<String, String, V1Service> services = (ns, name) -> null;
    public final List<V1Node> nodes = new ArrayList<>();
    public final Map<String, List<V1EndpointSlice>> slices = new HashMap<>();
    public final Map<String, V1Pod> pods = new HashMap<>();
    public final List<Binding> bindings = new ArrayList<>();

    @Override
    public V1Service service(String namespace, String name) {
      return services.apply(namespace, name);
    }

    @Override
    public Collection<V1Node> nodes() {
      return nodes;
    }

    @Override
    public V1Node node(String name) {
      return nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst().orElse(null);
    }

    @Override
    public List<V1EndpointSlice> endpointSlices(String namespace, String service) {
      return slices.getOrDefault(namespace + "/" + service, List.of());
    }

    @Override
    public V1Pod pod(String namespace, String name) {
      return pods.get(namespace + "/" + name);
    }

    @Override
    public List<Binding> bindings() {
      return List.copyOf(bindings);
    }
  }

  /**
   * Target groups: known ones by ARN and name, targets that register as {@code initial}, every
   * call logged; {@code readOnly} ones fail a test that reads target health or writes targets.
   */
  public static final class Groups implements TargetGroups {
    public final Map<Target, TargetHealth> targets = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();
    public final Map<String, Info> byArn = new HashMap<>();
    public final List<String> cidrs = new ArrayList<>();
    private final boolean readOnly;

    public Groups(boolean readOnly) {
      this.readOnly = readOnly;
    }

    /** Read-only groups that know {@code info} by its ARN and name (what the webhooks need). */
    public static Groups knowing(Info info) {
      Groups g = new Groups(true);
      g.byArn.put(info.arn(), info);
      return g;
    }

    private void writable(String what) {
      if (readOnly) {
        throw new AssertionError(what + " called where it must not be");
      }
    }

    @Override
    public Optional<List<TargetHealth>> health(String arn) {
      writable("DescribeTargetHealth");
      calls.add("DescribeTargetHealth");
      return Optional.of(List.copyOf(targets.values()));
    }

    @Override
    public void register(String arn, List<Target> batch) {
      writable("RegisterTargets");
      calls.add("RegisterTargets " + batch.size());
      batch.forEach(t -> targets.put(t.key(), new TargetHealth(t.key(), "initial", null, null)));
    }

    @Override
    public void deregister(String arn, List<Target> batch) {
      writable("DeregisterTargets");
      calls.add("DeregisterTargets " + batch.size());
      batch.forEach(targets::remove);
    }

    @Override
    public Optional<Info> byArn(String arn) {
      return Optional.ofNullable(byArn.get(arn));
    }

    @Override
    public Optional<Info> byName(String name) {
      return byArn.values().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    @Override
    public List<String> vpcCidrs(String vpcId) {
      return List.copyOf(cidrs);
    }
  }

  /** The reconciler's writes, logged; the checkpoint and the multi-cluster record kept. */
  public static final class Writes implements BindingWrites {
    public final List<String> log = new ArrayList<>();
    public String checkpoint;
    public Set<String> tracked;

    @Override
    public void addFinalizer(Binding b) {
      log.add("addFinalizer");
    }

    @Override
    public void removeFinalizer(Binding b) {
      log.add("removeFinalizer");
    }

    @Override
    public void checkpoint(Binding b, String c) {
      checkpoint = c;
    }

    @Override
    public void status(Binding b, long g, String s, String reason, String message) {
      log.add("status " + g);
    }

    @Override
    public void podCondition(String namespace, String pod, ReadinessGates.Wanted condition) {
      log.add("pod " + pod + " " + condition.status());
    }

    @Override
    public Optional<Set<String>> trackedTargets(Binding b) {
      return Optional.ofNullable(tracked);
    }

    @Override
    public void trackTargets(Binding b, Set<String> identifiers) {
      tracked = new TreeSet<>(identifiers);
    }

    @Override
    public void untrackTargets(Binding b) {
      tracked = null;
      log.add("untrack");
    }
  }

  /** Security groups: instances' and IPs' groups, tags, and the managed rules of each group. */
  public static final class SecurityGroups implements SecurityGroupRules {
    public final Map<String, List<String>> instances = new TreeMap<>();
    public final Map<String, Eni> ips = new TreeMap<>();
    public final Map<String, Map<String, String>> tags = new TreeMap<>();
    public final Map<String, Set<Permission>> rules = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();

    @Override
    public Map<String, List<String>> instanceGroups(Collection<String> instanceIds) {
      calls.add("DescribeInstances");
      Map<String, List<String>> out = new TreeMap<>();
      instanceIds.stream().filter(instances::containsKey).forEach(i -> out.put(i, instances.get(i)));
      return out;
    }

    @Override
    public Map<String, Eni> ipGroups(String vpcId, Collection<String> wanted) {
      calls.add("DescribeNetworkInterfaces");
      Map<String, Eni> out = new TreeMap<>();
      wanted.stream().filter(ips::containsKey).forEach(i -> out.put(i, ips.get(i)));
      return out;
    }

    @Override
    public Map<String, Map<String, String>> tags(Collection<String> groupIds) {
      calls.add("DescribeSecurityGroups tags");
      Map<String, Map<String, String>> out = new TreeMap<>();
      groupIds.forEach(g -> out.put(g, tags.getOrDefault(g, Map.of())));
      return out;
    }

    @Override
    public Set<String> clusterGroups(String vpcId, String clusterName) {
      calls.add("DescribeSecurityGroups cluster");
      Set<String> out = new TreeSet<>();
      tags.forEach((g, t) -> {
        if (t.containsKey("kubernetes.io/cluster/" + clusterName)) {
          out.add(g);
        }
      });
      return out;
    }

    @Override
    public Optional<Set<Permission>> managed(String groupId) {
      calls.add("DescribeSecurityGroups " + groupId);
      Set<Permission> r = rules.get(groupId);
      return r == null ? Optional.empty() : Optional.of(new TreeSet<>(r));
    }

    @Override
    public void authorize(String groupId, Collection<Permission> permissions) {
      calls.add("AuthorizeSecurityGroupIngress " + groupId + " " + permissions);
      rules.computeIfAbsent(groupId, g -> new TreeSet<>()).addAll(permissions);
    }

    @Override
    public void revoke(String groupId, Collection<Permission> permissions) {
      calls.add("RevokeSecurityGroupIngress " + groupId + " " + permissions);
      rules.get(groupId).removeAll(permissions);
    }
  }
}
