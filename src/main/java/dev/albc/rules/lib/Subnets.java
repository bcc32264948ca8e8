package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.ChosenSubnets;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Member;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for subnets.drl. */
public final class Subnets {
  private Subnets() {}

  /** The subnets annotation: a non-empty list, sorted (the reference compares it order-free). */
  public static Values.Result list(String raw) {
    List<String> l = new ArrayList<>(Values.stringList(raw));
    if (l.isEmpty()) {
      return new Values.Result(null, "no subnet listed", "subnet ids or Name tags, comma separated");
    }
    l.sort(null);
    return new Values.Result(List.copyOf(l), null, null);
  }

  public static Values.Result ids(List<String> ids) {
    if (ids.isEmpty()) {
      return new Values.Result(null, "no subnet id listed", "at least one subnet id");
    }
    List<String> l = new ArrayList<>(ids);
    l.sort(null);
    return new Values.Result(List.copyOf(l), null, null);
  }

  public static Values.Result tags(Map<String, List<String>> tags) {
    if (tags.isEmpty()) {
      return new Values.Result(null, "no tag key given", "at least one tag key with its values");
    }
    return new Values.Result(new TreeMap<>(tags), null, null);
  }

  /** Two subnets, or one with the ALBSingleSubnet gate. */
  public static int minimum(ControllerSettings cfg) {
    return cfg.gate("ALBSingleSubnet") ? 1 : 2;
  }

  /** The chosen subnets, or an error diagnostic on the group's first member. */
  public static Object result(String groupId, SubnetDiscovery.Outcome o, String how, Collection<?> members, String rule) {
    if (o.ok()) {
      return new ChosenSubnets(groupId, o.subnetIds(), how, o.excluded());
    }
    return Diagnostic.error(groupId, firstMember(members, groupId), Ann.alb("subnets"), o.error(), o.hint(), rule);
  }

  /** {@code Ingress ns/name} of the first member by key, the object group-wide errors name. */
  public static String firstMember(Collection<?> members, String groupId) {
    String best = null;
    for (Object o : members) {
      String k = ((Member) o).key();
      if (best == null || k.compareTo(best) < 0) {
        best = k;
      }
    }
    return best == null ? "IngressGroup " + groupId : "Ingress " + best;
  }
}
