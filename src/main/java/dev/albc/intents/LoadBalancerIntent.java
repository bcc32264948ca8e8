package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * ELBv2 CreateLoadBalancer, plus the attributes and tags to set. {@code IpamPools} is
 * CreateLoadBalancer's own member ({@code ModifyIpPools} on a change); {@code
 * MinimumLoadBalancerCapacity} is set by {@code ModifyCapacityReservation} once the load balancer
 * exists ({@code CapacityUnits} 0 resets the reservation).
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record LoadBalancerIntent(
    @JsonIgnore String groupId,
    @JsonProperty("Name") String name,
    @JsonProperty("Type") String type,
    @JsonProperty("Scheme") String scheme,
    @JsonProperty("IpAddressType") String ipAddressType,
    @JsonProperty("Subnets") List<String> subnets,
    @JsonProperty("SecurityGroups") List<Object> securityGroups,
    @JsonProperty("CustomerOwnedIpv4Pool") String customerOwnedIpv4Pool,
    @JsonProperty("Attributes") Map<String, String> attributes,
    @JsonProperty("Tags") Map<String, String> tags,
    @JsonProperty("IpamPools") Map<String, String> ipamPools,
    @JsonProperty("MinimumLoadBalancerCapacity") Map<String, Integer> minimumCapacity)
    implements Intent {

  public static final String RESOURCE_ID = "LoadBalancer";
  public static final String KIND = "AWS::ElasticLoadBalancingV2::LoadBalancer";

  /** A load balancer without an IPAM pool and without a capacity reservation. */
  public LoadBalancerIntent(String groupId, String name, String type, String scheme, String ipAddressType,
      List<String> subnets, List<Object> securityGroups, String customerOwnedIpv4Pool, Map<String, String> attributes,
      Map<String, String> tags) {
    this(groupId, name, type, scheme, ipAddressType, subnets, securityGroups, customerOwnedIpv4Pool, attributes, tags,
        null, null);
  }

  /** The IPv4 IPAM pool id, or null. */
  public String ipv4IpamPoolId() {
    return ipamPools == null ? null : ipamPools.get("Ipv4IpamPoolId");
  }

  /** The reserved capacity units, or null when the reservation is left as it is. */
  public Integer capacityUnits() {
    return minimumCapacity == null ? null : minimumCapacity.get("CapacityUnits");
  }

  @Override
  public String resourceId() {
    return RESOURCE_ID;
  }

  @Override
  public String kind() {
    return KIND;
  }
}
