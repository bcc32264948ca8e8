package dev.albc.facts;

import java.util.List;
import java.util.Map;

/** An EC2 subnet as {@code aws ec2 describe-subnets} prints it. */
public record SubnetFact(
    String id,
    String vpcId,
    String availabilityZone,
    String availabilityZoneId,
    Map<String, String> tags,
    int availableIpAddressCount,
    List<String> ipv6Cidrs,
    String outpostArn) {

  public SubnetFact {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    ipv6Cidrs = ipv6Cidrs == null ? List.of() : List.copyOf(ipv6Cidrs);
  }

  /** The value of the {@code Name} tag, or null. */
  public String nameTag() {
    return tags.get("Name");
  }
}
