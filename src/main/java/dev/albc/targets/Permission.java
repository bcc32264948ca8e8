package dev.albc.targets;

import java.util.Comparator;

/**
 * One inbound rule on a node or pod security group that albc manages for TargetGroupBindings
 * (docs/targets.md, "Networking"): protocol {@code tcp} or {@code udp}, a port range, and a source —
 * a security group or a CIDR (IPv4 or IPv6). albc's rules carry {@link #DESCRIPTION}, as the
 * reference's, so either controller recognises and keeps them.
 *
 * @param groupId the source security group, or null
 * @param cidr the source CIDR, or null
 */
public record Permission(String protocol, int fromPort, int toPort, String groupId, String cidr)
    implements Comparable<Permission> {

  /** The description of every rule albc (and the reference) writes for bindings. */
  public static final String DESCRIPTION = "elbv2.k8s.aws/targetGroupBinding=shared";

  static final Comparator<Permission> ORDER = Comparator.comparing(Permission::protocol)
      .thenComparing(p -> p.groupId == null ? "" : p.groupId)
      .thenComparing(p -> p.cidr == null ? "" : p.cidr)
      .thenComparingInt(Permission::fromPort)
      .thenComparingInt(Permission::toPort);

  public Permission {
    if ((groupId == null) == (cidr == null)) {
      throw new IllegalArgumentException("a permission has exactly one source: a security group or a CIDR");
    }
  }

  public static Permission fromGroup(String protocol, int from, int to, String groupId) {
    return new Permission(protocol, from, to, groupId, null);
  }

  public static Permission fromCidr(String protocol, int from, int to, String cidr) {
    return new Permission(protocol, from, to, null, cidr);
  }

  public boolean ipv6() {
    return cidr != null && cidr.contains(":");
  }

  @Override
  public int compareTo(Permission o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return protocol + " " + fromPort + (toPort == fromPort ? "" : "-" + toPort) + " from "
        + (groupId != null ? groupId : cidr);
  }
}
