package dev.albc.rules.lib;

import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SubnetFact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The load balancer's subnets (reference §4): explicit ids or Name tags, IngressClassParams tag
 * selectors, or discovery by role tags (falling back to route-table reachability), filtered by the
 * cluster tag, free IPs and IPv6, one per AZ, at least two AZs.
 */
public final class SubnetDiscovery {
  public static final String ROLE_ELB = "kubernetes.io/role/elb";
  public static final String ROLE_INTERNAL_ELB = "kubernetes.io/role/internal-elb";
  public static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";
  public static final int MIN_FREE_IPS = 8;

  private SubnetDiscovery() {}

  /**
   * The outcome: the chosen subnet ids (sorted), or an error; and a line per subnet left out saying
   * why (for the error message and for explain).
   */
  public record Outcome(List<String> subnetIds, String error, String hint, List<String> excluded) {
    public boolean ok() {
      return error == null;
    }
  }

  /** Discovery for a scheme (internet-facing / internal). */
  public static Outcome discover(
      Collection<SubnetFact> all,
      Collection<RouteTableFact> routeTables,
      String clusterName,
      String scheme,
      String ipAddressType,
      boolean reachabilityFallback,
      boolean clusterTagCheck,
      int minSubnets) {
    List<SubnetFact> subnets = sorted(all);
    List<String> excluded = new ArrayList<>();
    String role = "internet-facing".equals(scheme) ? ROLE_ELB : ROLE_INTERNAL_ELB;
    List<SubnetFact> candidates = new ArrayList<>();
    for (SubnetFact s : subnets) {
      String v = s.tags().get(role);
      if (v != null && (v.isEmpty() || v.equals("1"))) {
        candidates.add(s);
      }
    }
    String how = "tag " + role;
    if (candidates.isEmpty() && reachabilityFallback) {
      how = "route-table reachability (no subnet carries " + role + ")";
      boolean wantPublic = "internet-facing".equals(scheme);
      for (SubnetFact s : subnets) {
        if (isPublic(s, routeTables) == wantPublic) {
          candidates.add(s);
        } else {
          excluded.add(s.id() + ": " + (wantPublic ? "private" : "public") + " by its route table");
        }
      }
    } else {
      for (SubnetFact s : subnets) {
        if (!candidates.contains(s)) {
          excluded.add(s.id() + ": no " + role + " tag with value \"1\" or \"\"");
        }
      }
    }
    return filterAndChoose(candidates, excluded, clusterName, ipAddressType, clusterTagCheck, minSubnets, how);
  }

  /** Subnets selected by IngressClassParams spec.subnets.tags (key → allowed values), then filtered. */
  public static Outcome byTags(
      Collection<SubnetFact> all,
      Map<String, List<String>> tags,
      String clusterName,
      String ipAddressType,
      boolean clusterTagCheck,
      int minSubnets) {
    List<SubnetFact> candidates = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (SubnetFact s : sorted(all)) {
      boolean match = true;
      for (var e : tags.entrySet()) {
        String v = s.tags().get(e.getKey());
        if (v == null || !e.getValue().contains(v)) {
          match = false;
        }
      }
      if (match) {
        candidates.add(s);
      } else {
        excluded.add(s.id() + ": does not carry the tags " + new TreeMap<>(tags));
      }
    }
    return filterAndChoose(
        candidates, excluded, clusterName, ipAddressType, clusterTagCheck, minSubnets,
        "IngressClassParams subnet tags");
  }

  /** Explicit subnets by id ({@code subnet-…}) or Name tag, validated. */
  public static Outcome explicit(
      Collection<SubnetFact> all, List<String> idsOrNames, String ipAddressType, int minSubnets) {
    List<SubnetFact> subnets = sorted(all);
    List<SubnetFact> chosen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String item : idsOrNames) {
      SubnetFact found = null;
      for (SubnetFact s : subnets) {
        if (item.startsWith("subnet-") ? s.id().equals(item) : item.equals(s.nameTag())) {
          found = s;
          break;
        }
      }
      if (found == null) {
        missing.add(item);
      } else if (!chosen.contains(found)) {
        chosen.add(found);
      }
    }
    if (!missing.isEmpty()) {
      return new Outcome(List.of(), "subnets not found: " + String.join(", ", missing),
          "give subnet ids or Name tags of subnets in the VPC (pass them with --aws-facts)", List.of());
    }
    Set<String> azs = new HashSet<>();
    for (SubnetFact s : chosen) {
      if (!azs.add(s.availabilityZone())) {
        return new Outcome(List.of(), "more than one subnet in availability zone " + s.availabilityZone(),
            "give at most one subnet per availability zone", List.of());
      }
      if (ipAddressType != null && ipAddressType.startsWith("dualstack") && s.ipv6Cidrs().isEmpty()) {
        return new Outcome(List.of(), "subnet " + s.id() + " has no IPv6 CIDR block and the load balancer is " + ipAddressType,
            "use subnets with an associated IPv6 CIDR block, or ip-address-type ipv4", List.of());
      }
    }
    String localeProblem = localeProblem(chosen);
    if (localeProblem != null) {
      return new Outcome(List.of(), localeProblem, "use subnets of one kind of location only", List.of());
    }
    if (chosen.size() < minimum(chosen, minSubnets)) {
      return new Outcome(List.of(), "at least " + minSubnets + " subnets in different availability zones are needed, got " + chosen.size(),
          "list a subnet in each of two or more availability zones", List.of());
    }
    return new Outcome(chosen.stream().map(SubnetFact::id).sorted().toList(), null, null, List.of());
  }

  private static Outcome filterAndChoose(
      List<SubnetFact> candidates,
      List<String> excluded,
      String clusterName,
      String ipAddressType,
      boolean clusterTagCheck,
      int minSubnets,
      String how) {
    String ownTag = CLUSTER_TAG_PREFIX + clusterName;
    int byCluster = 0;
    int byIps = 0;
    int byIpv6 = 0;
    List<SubnetFact> eligible = new ArrayList<>();
    for (SubnetFact s : candidates) {
      if (clusterTagCheck && !s.tags().containsKey(ownTag)
          && s.tags().keySet().stream().anyMatch(k -> k.startsWith("kubernetes.io/cluster"))) {
        byCluster++;
        excluded.add(s.id() + ": tagged only for another cluster");
        continue;
      }
      if (s.availableIpAddressCount() < MIN_FREE_IPS) {
        byIps++;
        excluded.add(s.id() + ": " + s.availableIpAddressCount() + " free IP addresses, fewer than " + MIN_FREE_IPS);
        continue;
      }
      if (ipAddressType != null && ipAddressType.startsWith("dualstack") && s.ipv6Cidrs().isEmpty()) {
        byIpv6++;
        excluded.add(s.id() + ": no associated IPv6 CIDR block");
        continue;
      }
      eligible.add(s);
    }
    // one subnet per AZ: prefer one carrying this cluster's tag, then the lowest id
    Map<String, SubnetFact> perAz = new TreeMap<>();
    for (SubnetFact s : eligible) {
      SubnetFact cur = perAz.get(s.availabilityZone());
      if (cur == null || better(s, cur, ownTag)) {
        if (cur != null) {
          excluded.add(cur.id() + ": another subnet was chosen in " + cur.availabilityZone());
        }
        perAz.put(s.availabilityZone(), s);
      } else {
        excluded.add(s.id() + ": another subnet was chosen in " + s.availabilityZone());
      }
    }
    List<SubnetFact> chosenFacts = new ArrayList<>(perAz.values());
    List<String> chosen = chosenFacts.stream().map(SubnetFact::id).sorted().toList();
    List<String> ex = excluded.stream().sorted().toList();
    if (chosen.isEmpty()) {
      return new Outcome(List.of(),
          "no eligible subnet found (by " + how + "; " + candidates.size() + " candidates, excluded: "
              + byCluster + " tagged for another cluster, " + byIps + " with fewer than " + MIN_FREE_IPS
              + " free IPs, " + byIpv6 + " without IPv6)" + (ex.isEmpty() ? "" : ": " + String.join("; ", ex)),
          "tag two or more subnets in different availability zones with " + ROLE_ELB + "=1 (internet-facing) or "
              + ROLE_INTERNAL_ELB + "=1 (internal), or set the subnets annotation",
          ex);
    }
    String localeProblem = localeProblem(chosenFacts);
    if (localeProblem != null) {
      return new Outcome(List.of(), localeProblem + " (" + String.join(", ", chosen) + ", by " + how + ")",
          "tag subnets of one kind of location only (regular availability zones, or one Outpost)", ex);
    }
    if (chosen.size() < minimum(chosenFacts, minSubnets)) {
      return new Outcome(chosen,
          "subnets in at least " + minSubnets + " availability zones are needed, found " + chosen.size()
              + " (" + String.join(", ", chosen) + ", by " + how + ")" + (ex.isEmpty() ? "" : "; left out: " + String.join("; ", ex)),
          "tag a subnet in another availability zone, or set the subnets annotation", ex);
    }
    return new Outcome(chosen, null, null, ex);
  }

  /** A subnet's locale: outpost (it has an OutpostArn) or availability-zone. */
  static String locale(SubnetFact s) {
    return s.outpostArn() != null && !s.outpostArn().isEmpty() ? "outpost" : "availability-zone";
  }

  /** Chosen subnets must share one locale (reference: "subnets in multiple locales"). */
  static String localeProblem(List<SubnetFact> chosen) {
    java.util.TreeSet<String> locales = new java.util.TreeSet<>();
    chosen.forEach(s -> locales.add(locale(s)));
    return locales.size() > 1 ? "subnets in multiple locales: [" + String.join(" ", locales) + "]" : null;
  }

  /** Two subnets in regular availability zones; one on an Outpost (or with the ALBSingleSubnet gate). */
  static int minimum(List<SubnetFact> chosen, int regular) {
    return !chosen.isEmpty() && chosen.stream().allMatch(s -> locale(s).equals("outpost")) ? 1 : regular;
  }

  private static boolean better(SubnetFact a, SubnetFact b, String ownTag) {
    boolean aTagged = a.tags().containsKey(ownTag);
    boolean bTagged = b.tags().containsKey(ownTag);
    if (aTagged != bTagged) {
      return aTagged;
    }
    return a.id().compareTo(b.id()) < 0;
  }

  /** Public = its route table (explicit association, else the VPC's main table) has an igw route. */
  static boolean isPublic(SubnetFact s, Collection<RouteTableFact> routeTables) {
    RouteTableFact main = null;
    for (RouteTableFact rt : routeTables) {
      if (rt.subnetIds().contains(s.id())) {
        return rt.hasInternetGateway();
      }
      if (rt.main() && s.vpcId() != null && s.vpcId().equals(rt.vpcId())) {
        main = rt;
      }
    }
    return main != null && main.hasInternetGateway();
  }

  private static List<SubnetFact> sorted(Collection<SubnetFact> all) {
    List<SubnetFact> l = new ArrayList<>(all);
    l.sort(Comparator.comparing(SubnetFact::id));
    return l;
  }
}
