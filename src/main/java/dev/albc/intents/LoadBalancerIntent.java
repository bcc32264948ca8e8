package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * ELBv2 CreateLoadBalancer, plus the attributes and tags to set. The group's ALB has ResourceId
 * {@code LoadBalancer}; the frontend NLB in front of it ({@code enable-frontend-nlb}) has
 * {@code FrontendNlb}, Type {@code network}, and {@code SubnetMappings} instead of {@code Subnets}
 * when it has Elastic IPs. {@code IpamPools} is CreateLoadBalancer's own member ({@code
 * ModifyIpPools} on a change); {@code MinimumLoadBalancerCapacity} is set by {@code
 * ModifyCapacityReservation} once the load balancer exists ({@code CapacityUnits} 0 resets the
 * reservation).
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record LoadBalancerIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonProperty("Name") String name,
    @JsonProperty("Type") String type,
    @JsonProperty("Scheme") String scheme,
    @JsonProperty("IpAddressType") String ipAddressType,
    @JsonProperty("Subnets") List<String> subnets,
    @JsonProperty("SubnetMappings") List<Map<String, String>> subnetMappings,
    @JsonProperty("SecurityGroups") List<Object> securityGroups,
    @JsonProperty("CustomerOwnedIpv4Pool") String customerOwnedIpv4Pool,
    @JsonProperty("Attributes") Map<String, String> attributes,
    @JsonProperty("Tags") Map<String, String> tags,
    @JsonProperty("IpamPools") Map<String, String> ipamPools,
    @JsonProperty("MinimumLoadBalancerCapacity") Map<String, Integer> minimumCapacity)
    implements Intent {

  public static final String RESOURCE_ID = "LoadBalancer";
  public static final String KIND = "AWS::ElasticLoadBalancingV2::LoadBalancer";

  /** The group's ALB (ResourceId {@code LoadBalancer}, subnets by id), without IPAM pool or capacity reservation. */
  public LoadBalancerIntent(String groupId, String name, String type, String scheme, String ipAddressType,
      List<String> subnets, List<Object> securityGroups, String customerOwnedIpv4Pool, Map<String, String> attributes,
      Map<String, String> tags) {
    this(groupId, name, type, scheme, ipAddressType, subnets, securityGroups, customerOwnedIpv4Pool, attributes, tags,
        null, null);
  }

  /** The group's ALB (ResourceId {@code LoadBalancer}, subnets by id). */
  public LoadBalancerIntent(String groupId, String name, String type, String scheme, String ipAddressType,
      List<String> subnets, List<Object> securityGroups, String customerOwnedIpv4Pool, Map<String, String> attributes,
      Map<String, String> tags, Map<String, String> ipamPools, Map<String, Integer> minimumCapacity) {
    this(groupId, RESOURCE_ID, name, type, scheme, ipAddressType, subnets, null, securityGroups,
        customerOwnedIpv4Pool, attributes, tags, ipamPools, minimumCapacity);
  }

  /** A load balancer of the group by ResourceId (the frontend NLB), without IPAM pool or capacity reservation. */
  public LoadBalancerIntent(String groupId, String id, String name, String type, String scheme, String ipAddressType,
      List<String> subnets, List<Map<String, String>> subnetMappings, List<Object> securityGroups,
      String customerOwnedIpv4Pool, Map<String, String> attributes, Map<String, String> tags) {
    this(groupId, id, name, type, scheme, ipAddressType, subnets, subnetMappings, securityGroups,
        customerOwnedIpv4Pool, attributes, tags, null, null);
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
    return id;
  }

  /** The ALB first, then the frontend NLB. */
  @Override
  public String orderKey() {
    return RESOURCE_ID.equals(id) ? "0" : "1" + id;
  }

  /** The subnet ids, from {@code Subnets} or {@code SubnetMappings}. */
  @JsonIgnore
  public List<String> subnetIds() {
    if (subnetMappings == null) {
      return subnets == null ? List.of() : subnets;
    }
    return subnetMappings.stream().map(m -> m.get("SubnetId")).toList();
  }

  @Override
  public String kind() {
    return KIND;
  }
}
