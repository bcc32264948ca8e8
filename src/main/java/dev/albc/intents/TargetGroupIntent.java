package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** ELBv2 CreateTargetGroup plus attributes and tags; ResourceId {@code ns/ing-svc:port}. */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record TargetGroupIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonIgnore String serviceNamespace,
    @JsonIgnore String serviceName,
    @JsonIgnore String servicePort,
    @JsonProperty("Name") String name,
    @JsonProperty("Protocol") String protocol,
    @JsonProperty("ProtocolVersion") String protocolVersion,
    @JsonProperty("Port") int port,
    @JsonProperty("TargetType") String targetType,
    @JsonProperty("IpAddressType") String ipAddressType,
    @JsonProperty("VpcId") String vpcId,
    @JsonProperty("HealthCheckProtocol") String healthCheckProtocol,
    @JsonProperty("HealthCheckPort") String healthCheckPort,
    @JsonProperty("HealthCheckPath") String healthCheckPath,
    @JsonProperty("HealthCheckIntervalSeconds") int healthCheckIntervalSeconds,
    @JsonProperty("HealthCheckTimeoutSeconds") int healthCheckTimeoutSeconds,
    @JsonProperty("HealthyThresholdCount") int healthyThresholdCount,
    @JsonProperty("UnhealthyThresholdCount") int unhealthyThresholdCount,
    @JsonProperty("Matcher") Map<String, String> matcher,
    @JsonProperty("TargetControlPort") Integer targetControlPort,
    @JsonProperty("Attributes") Map<String, String> attributes,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String KIND = "AWS::ElasticLoadBalancingV2::TargetGroup";

  @Override
  public String resourceId() {
    return id;
  }

  @Override
  public String kind() {
    return KIND;
  }
}
