package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.intents.Ref;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.SecurityGroupIntent.IpPermission;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.ChosenSecurityGroups;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Helpers for security-groups.drl. */
public final class SecurityGroups {
  public static final String MANAGED_DESCRIPTION = "[k8s] Managed SecurityGroup for LoadBalancer";
  public static final String BACKEND_DESCRIPTION = "[k8s] Shared Backend SecurityGroup for LoadBalancer";

  private SecurityGroups() {}

  public static Values.Result list(String raw) {
    List<String> l = Values.stringList(raw);
    if (l.isEmpty()) {
      return new Values.Result(null, "no security group listed", "security group ids or Name tags, comma separated");
    }
    return new Values.Result(l, null, null);
  }

  /** CIDRs, each canonical (IPv4 or IPv6 with a prefix length). */
  public static Values.Result cidrs(List<String> cidrs) {
    for (String c : cidrs) {
      String problem = Cidrs.problem(c);
      if (problem != null) {
        return new Values.Result(null, problem, "CIDRs such as 10.0.0.0/16 or 2001:db8::/32");
      }
    }
    return new Values.Result(List.copyOf(cidrs), null, null);
  }

  public static Values.Result prefixLists(List<String> ids) {
    for (String id : ids) {
      if (!id.startsWith("pl-")) {
        return new Values.Result(null, "\"" + id + "\" is not a prefix list id", "managed prefix list ids (pl-…)");
      }
    }
    return new Values.Result(List.copyOf(ids), null, null);
  }

  public static Object userGroups(
      ControllerSettings cfg, String groupId, List<String> items, boolean manageBackend,
      Collection<?> all, Collection<?> members, String rule) {
    List<String> missing = new ArrayList<>();
    List<Object> out = new ArrayList<>(byIdOrName(items, all, missing));
    if (!missing.isEmpty()) {
      return Diagnostic.error(groupId, Subnets.firstMember(members, groupId), Ann.alb("security-groups"),
          "security groups not found by Name tag: " + String.join(", ", missing),
          "give sg-… ids, or Name tags of security groups in the VPC (pass them with --aws-facts)", rule);
    }
    if (manageBackend) {
      if (!cfg.enableBackendSecurityGroup()) {
        return Diagnostic.error(groupId, Subnets.firstMember(members, groupId), Ann.alb("manage-backend-security-group-rules"),
            "manage-backend-security-group-rules needs the backend security group, which is turned off",
            "enable --enable-backend-security-group or drop the annotation", rule);
      }
      out.add(backendRef(cfg));
    }
    return new ChosenSecurityGroups(groupId, List.copyOf(out), false);
  }

  /**
   * Security group ids ({@code sg-…} as given) or Name tags (the lowest id carrying it), in the
   * order given, without repeats; names not found go to {@code missing}.
   */
  public static List<String> byIdOrName(List<String> items, Collection<?> all, List<String> missing) {
    List<String> out = new ArrayList<>();
    for (String item : items) {
      String found = null;
      if (item.startsWith("sg-")) {
        found = item;
      } else {
        for (Object o : all) {
          SecurityGroupFact sg = (SecurityGroupFact) o;
          if (item.equals(sg.nameTag()) && (found == null || sg.id().compareTo(found) < 0)) {
            found = sg.id();
          }
        }
      }
      if (found == null) {
        missing.add(item);
      } else if (!out.contains(found)) {
        out.add(found);
      }
    }
    return out;
  }

  public static ChosenSecurityGroups managedGroups(ControllerSettings cfg, String groupId) {
    List<Object> out = new ArrayList<>();
    out.add(Ref.to(SecurityGroupIntent.MANAGED));
    if (cfg.enableBackendSecurityGroup()) {
      out.add(backendRef(cfg));
    }
    return new ChosenSecurityGroups(groupId, List.copyOf(out), true);
  }

  /** The backend security group: the id given by flag, else a Ref to the plan's. */
  static Object backendRef(ControllerSettings cfg) {
    return cfg.backendSecurityGroup().isEmpty() ? Ref.to(SecurityGroupIntent.BACKEND) : cfg.backendSecurityGroup();
  }

  public static boolean usesBackendRef(ChosenSecurityGroups c) {
    return c.securityGroups().contains(Ref.to(SecurityGroupIntent.BACKEND));
  }

  public static SecurityGroupIntent managed(
      ControllerSettings cfg, Group g, String ipAddressType, Collection<?> ports, GroupSettings gs,
      List<String> openCidrs) {
    boolean dualstack = ipAddressType != null && ipAddressType.startsWith("dualstack");
    // per port: union of the CIDRs and prefix lists of the members listening on it
    Map<Integer, TreeSet<String>> cidrs = new TreeMap<>();
    Map<Integer, TreeSet<String>> prefixLists = new TreeMap<>();
    for (Object o : ports) {
      ListenPort lp = (ListenPort) o;
      cidrs.computeIfAbsent(lp.port(), k -> new TreeSet<>());
      prefixLists.computeIfAbsent(lp.port(), k -> new TreeSet<>());
      Object c = gs.value(Scopes.ingress(lp.ingressKey()), "inbound-cidrs");
      Object p = gs.value(Scopes.ingress(lp.ingressKey()), "security-group-prefix-lists");
      if (c != null) {
        for (Object x : (List<?>) c) {
          cidrs.get(lp.port()).add((String) x);
        }
      }
      if (p != null) {
        for (Object x : (List<?>) p) {
          prefixLists.get(lp.port()).add((String) x);
        }
      }
    }
    List<IpPermission> perms = new ArrayList<>();
    for (var e : cidrs.entrySet()) {
      int port = e.getKey();
      TreeSet<String> cs = e.getValue();
      TreeSet<String> pls = prefixLists.get(port);
      if (cs.isEmpty() && pls.isEmpty()) {
        cs.addAll(openCidrs);
      }
      List<String> v4 = cs.stream().filter(c -> !c.contains(":")).toList();
      List<String> v6 = cs.stream().filter(c -> c.contains(":")).toList();
      for (String c : v4) {
        perms.add(IpPermission.cidr(port, c));
      }
      if (dualstack) {
        for (String c : v6) {
          perms.add(IpPermission.cidr(port, c));
        }
      }
      for (String pl : pls) {
        perms.add(IpPermission.prefixList(port, pl));
      }
    }
    return new SecurityGroupIntent(
        g.id(), SecurityGroupIntent.MANAGED, Names.managedSecurityGroup(cfg.clusterName(), g),
        MANAGED_DESCRIPTION, cfg.vpcId(), perms,
        Tags.of(gs, Scopes.group(g.id()), cfg.clusterName(), g.id(), SecurityGroupIntent.MANAGED));
  }

  public static SecurityGroupIntent backend(ControllerSettings cfg, String groupId) {
    Map<String, String> tags = new TreeMap<>(cfg.defaultTags());
    tags.put(Tags.CLUSTER, cfg.clusterName());
    tags.put("elbv2.k8s.aws/resource", "backend-sg");
    return new SecurityGroupIntent(
        groupId, SecurityGroupIntent.BACKEND, Names.backendSecurityGroup(cfg.clusterName()),
        BACKEND_DESCRIPTION, cfg.vpcId(), List.of(), tags);
  }
}
