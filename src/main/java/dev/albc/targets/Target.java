package dev.albc.targets;

import java.util.Comparator;

/**
 * One ELBv2 target: an instance id or an IP, a port, and for IPs outside the VPC the
 * availability zone {@code all}.
 *
 * @param availabilityZone null, or {@code all}
 */
public record Target(String id, int port, String availabilityZone) implements Comparable<Target> {

  public static final Comparator<Target> ORDER =
      Comparator.comparing(Target::id).thenComparingInt(Target::port);

  public Target(String id, int port) {
    this(id, port, null);
  }

  /** {@code id:port}, the reference's identifier (also what the multi-cluster ConfigMap stores). */
  public String identifier() {
    return id + ":" + port;
  }

  /** The same target without its zone: targets are matched by (id, port). */
  public Target key() {
    return availabilityZone == null ? this : new Target(id, port);
  }

  @Override
  public int compareTo(Target o) {
    return ORDER.compare(this, o);
  }
}
