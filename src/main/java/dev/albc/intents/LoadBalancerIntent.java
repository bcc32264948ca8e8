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
 * when it has Elastic IPs.
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
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String RESOURCE_ID = "LoadBalancer";
  public static final String KIND = "AWS::ElasticLoadBalancingV2::LoadBalancer";

  /** The group's ALB (ResourceId {@code LoadBalancer}, subnets by id). */
  public LoadBalancerIntent(String groupId, String name, String type, String scheme, String ipAddressType,
      List<String> subnets, List<Object> securityGroups, String customerOwnedIpv4Pool, Map<String, String> attributes,
      Map<String, String> tags) {
    this(groupId, RESOURCE_ID, name, type, scheme, ipAddressType, subnets, null, securityGroups,
        customerOwnedIpv4Pool, attributes, tags);
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
