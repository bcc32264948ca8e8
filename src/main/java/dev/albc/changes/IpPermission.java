package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One security group permission atom: protocol, ports and one source. Permissions are compared as
 * sets of atoms (docs/apply.md, "The planner"), so AWS grouping them otherwise is no drift.
 */
record IpPermission(String protocol, int from, int to, String sourceType, String source)
    implements Comparable<IpPermission> {

  private static final Comparator<IpPermission> ORDER = Comparator.comparing(IpPermission::protocol)
      .thenComparingInt(IpPermission::from).thenComparingInt(IpPermission::to)
      .thenComparing(IpPermission::sourceType).thenComparing(IpPermission::source);

  /** The atoms of one {@code IpPermissions} entry. */
  static List<IpPermission> of(JsonNode p) {
    String proto = AwsEquivalence.ipProtocol(p.path("IpProtocol").asText());
    int from = p.path("FromPort").asInt(-1);
    int to = p.path("ToPort").asInt(-1);
    List<IpPermission> out = new ArrayList<>();
    p.path("IpRanges").forEach(r -> out.add(new IpPermission(proto, from, to, "IpRanges",
        r.path("CidrIp").asText())));
    p.path("Ipv6Ranges").forEach(r -> out.add(new IpPermission(proto, from, to, "Ipv6Ranges",
        r.path("CidrIpv6").asText())));
    p.path("PrefixListIds").forEach(r -> out.add(new IpPermission(proto, from, to, "PrefixListIds",
        r.path("PrefixListId").asText())));
    p.path("UserIdGroupPairs").forEach(r -> out.add(new IpPermission(proto, from, to, "UserIdGroupPairs",
        r.path("GroupId").asText())));
    return out;
  }

  /** {@code IpPermissions} with one entry per atom. */
  static ArrayNode toJson(Set<IpPermission> perms) {
    ArrayNode a = JsonMatch.F.arrayNode();
    for (IpPermission p : perms) {
      ObjectNode o = a.addObject();
      o.put("IpProtocol", p.protocol());
      o.put("FromPort", p.from());
      o.put("ToPort", p.to());
      ObjectNode src = o.putArray(p.sourceType()).addObject();
      switch (p.sourceType()) {
        case "IpRanges" -> src.put("CidrIp", p.source());
        case "Ipv6Ranges" -> src.put("CidrIpv6", p.source());
        case "PrefixListIds" -> src.put("PrefixListId", p.source());
        default -> src.put("GroupId", p.source());
      }
    }
    return a;
  }

  /** {@code tcp/80 from 0.0.0.0/0, …} or {@code (none)}. */
  static String show(Set<IpPermission> perms) {
    List<String> s = new ArrayList<>();
    perms.forEach(p -> s.add(p.protocol() + "/" + (p.from() == p.to() ? String.valueOf(p.from()) : p.from() + "-"
        + p.to()) + " from " + p.source()));
    return s.isEmpty() ? "(none)" : String.join(", ", s);
  }

  @Override
  public int compareTo(IpPermission o) {
    return ORDER.compare(this, o);
  }
}
