package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * EC2 CreateSecurityGroup plus its ingress permissions (AuthorizeSecurityGroupIngress). ResourceId
 * {@code ManagedLBSecurityGroup} for a group's frontend SG, {@code BackendSecurityGroup} for the
 * cluster's shared backend SG (the same Name in every group; created once).
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record SecurityGroupIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonProperty("GroupName") String groupName,
    @JsonProperty("Description") String description,
    @JsonProperty("VpcId") String vpcId,
    @JsonProperty("IpPermissions") List<IpPermission> ipPermissions,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String MANAGED = "ManagedLBSecurityGroup";
  public static final String BACKEND = "BackendSecurityGroup";
  public static final String KIND = "AWS::EC2::SecurityGroup";

  @Override
  public String resourceId() {
    return id;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** One EC2 IpPermission: TCP from a CIDR, an IPv6 CIDR or a prefix list. */
  @JsonPropertyOrder({"IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges", "PrefixListIds"})
  public record IpPermission(
      @JsonProperty("IpProtocol") String ipProtocol,
      @JsonProperty("FromPort") int fromPort,
      @JsonProperty("ToPort") int toPort,
      @JsonProperty("IpRanges") List<Map<String, String>> ipRanges,
      @JsonProperty("Ipv6Ranges") List<Map<String, String>> ipv6Ranges,
      @JsonProperty("PrefixListIds") List<Map<String, String>> prefixListIds) {

    public static IpPermission cidr(int port, String cidr) {
      return cidr.contains(":")
          ? new IpPermission("tcp", port, port, null, List.of(Map.of("CidrIpv6", cidr)), null)
          : new IpPermission("tcp", port, port, List.of(Map.of("CidrIp", cidr)), null, null);
    }

    public static IpPermission prefixList(int port, String prefixListId) {
      return new IpPermission(
          "tcp", port, port, null, null, List.of(Map.of("PrefixListId", prefixListId)));
    }
  }
}
