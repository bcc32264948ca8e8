package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** ELBv2 CreateLoadBalancer, plus the attributes and tags to set. */
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
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String RESOURCE_ID = "LoadBalancer";
  public static final String KIND = "AWS::ElasticLoadBalancingV2::LoadBalancer";

  @Override
  public String resourceId() {
    return RESOURCE_ID;
  }

  @Override
  public String kind() {
    return KIND;
  }
}
