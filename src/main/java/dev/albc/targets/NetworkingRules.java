package dev.albc.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A binding's {@code spec.networking} as the inbound rules it needs, and the rules every binding
 * together needs on one security group (docs/targets.md, "Networking"). Pure.
 */
public final class NetworkingRules {
  /** "All TCP": an ingress rule without ports. */
  static final int MIN_PORT = 0;
  static final int MAX_PORT = 65535;

  private NetworkingRules() {}

  /** What a security group must and must not have: the rules to add and to remove. */
  public record Diff(List<Permission> authorize, List<Permission> revoke) {
    public boolean isEmpty() {
      return authorize.isEmpty() && revoke.isEmpty();
    }
  }

  /**
   * The rules of {@code spec.networking}: each {@code ingress[]} entry gives one rule per source in
   * {@code from} ({@code securityGroup.groupID} or {@code ipBlock.cidr}) and port in {@code ports}
   * (protocol TCP unless {@code UDP}; a port number, or a port name resolved by {@code namedPort} —
   * the pods' container ports in ip mode); no ports = all TCP ports.
   *
   * @param namedPort the numbers of a named port; throws {@link BindingException} when it cannot
   */
  public static SortedSet<Permission> permissions(JsonNode networking, Function<String, Set<Integer>> namedPort) {
    SortedSet<Permission> out = new TreeSet<>();
    if (networking == null) {
      return out;
    }
    for (JsonNode rule : networking.path("ingress")) {
      List<int[]> ranges = new ArrayList<>();
      List<String> protocols = new ArrayList<>();
      if (rule.path("ports").size() == 0) {
        ranges.add(new int[] {MIN_PORT, MAX_PORT});
        protocols.add("tcp");
      }
      for (JsonNode p : rule.path("ports")) {
        String protocol = p.path("protocol").asText("TCP").toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
          throw new BindingException("spec.networking: protocol " + p.path("protocol").asText() + " is not TCP or UDP");
        }
        JsonNode port = p.path("port");
        if (port.isMissingNode() || port.isNull()) {
          ranges.add(new int[] {MIN_PORT, MAX_PORT});
          protocols.add(protocol);
        } else if (port.isInt() || port.asText().matches("\\d+")) {
          ranges.add(new int[] {port.asInt(), port.asInt()});
          protocols.add(protocol);
        } else {
          for (int n : new TreeSet<>(namedPort.apply(port.asText()))) {
            ranges.add(new int[] {n, n});
            protocols.add(protocol);
          }
        }
      }
      for (JsonNode from : rule.path("from")) {
        String group = from.path("securityGroup").path("groupID").asText("");
        String cidr = from.path("ipBlock").path("cidr").asText("");
        if (group.isEmpty() == cidr.isEmpty()) {
          throw new BindingException("spec.networking: each from needs either ipBlock or securityGroup");
        }
        if (!cidr.isEmpty()) {
          try {
            Cidr.parse(cidr);
          } catch (IllegalArgumentException e) {
            throw new BindingException("spec.networking: " + cidr + " is not a CIDR block");
          }
        }
        for (int i = 0; i < ranges.size(); i++) {
          int[] r = ranges.get(i);
          out.add(group.isEmpty() ? Permission.fromCidr(protocols.get(i), r[0], r[1], cidr)
              : Permission.fromGroup(protocols.get(i), r[0], r[1], group));
        }
      }
    }
    return out;
  }

  /**
   * The rules every binding needs on each security group, "restricted" as the reference: the rules
   * from one source security group and protocol collapse into one range from the lowest to the
   * highest port (all ports when one of them is all ports); CIDR rules stay as they are.
   *
   * @param perBinding for each binding, its rules by endpoint security group
   */
  public static Map<String, SortedSet<Permission>> aggregate(Collection<Map<String, SortedSet<Permission>>> perBinding) {
    return aggregate(perBinding, true);
  }

  /**
   * The same; with {@code restricted} false ({@code --disable-restricted-sg-rules}) the rules of every
   * binding are kept as they are (each once), as the reference's unrestricted mode.
   */
  public static Map<String, SortedSet<Permission>> aggregate(Collection<Map<String, SortedSet<Permission>>> perBinding,
      boolean restricted) {
    if (!restricted) {
      Map<String, SortedSet<Permission>> out = new TreeMap<>();
      perBinding.forEach(b -> b.forEach((sg, perms) -> out.computeIfAbsent(sg, k -> new TreeSet<>()).addAll(perms)));
      return out;
    }
    Map<String, Map<String, int[]>> ranges = new TreeMap<>();
    Map<String, SortedSet<Permission>> out = new TreeMap<>();
    for (Map<String, SortedSet<Permission>> binding : perBinding) {
      binding.forEach((sg, perms) -> {
        SortedSet<Permission> sgOut = out.computeIfAbsent(sg, k -> new TreeSet<>());
        Map<String, int[]> sgRanges = ranges.computeIfAbsent(sg, k -> new TreeMap<>());
        for (Permission p : perms) {
          if (p.cidr() != null) {
            sgOut.add(p);
            continue;
          }
          int[] r = sgRanges.computeIfAbsent(p.protocol() + "|" + p.groupId(), k -> new int[] {MAX_PORT, MIN_PORT});
          r[0] = Math.min(r[0], p.fromPort());
          r[1] = Math.max(r[1], p.toPort());
        }
      });
    }
    ranges.forEach((sg, byKey) -> byKey.forEach((key, r) -> {
      int bar = key.indexOf('|');
      out.get(sg).add(Permission.fromGroup(key.substring(0, bar), r[0], r[1], key.substring(bar + 1)));
    }));
    return out;
  }

  /** The rules to authorize and to revoke so that a group's managed rules become {@code desired}. */
  public static Diff diff(Set<Permission> desired, Set<Permission> current) {
    List<Permission> authorize = desired.stream().filter(p -> !current.contains(p)).sorted().toList();
    List<Permission> revoke = current.stream().filter(p -> !desired.contains(p)).sorted().toList();
    return new Diff(authorize, revoke);
  }
}
