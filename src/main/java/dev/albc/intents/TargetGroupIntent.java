package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * ELBv2 CreateTargetGroup plus attributes and tags; ResourceId {@code ns/ing-svc:port}. A frontend
 * NLB's target group (TargetType {@code alb}, ResourceId {@code FrontendNlb-tg-TCP-<port>}) also
 * lists its {@code Targets}: the ALB ({@code {"$ref": "LoadBalancer"}}) on its listener port
 * (RegisterTargets, once that listener exists).
 */
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
    @JsonProperty("Tags") Map<String, String> tags,
    @JsonProperty("Targets") List<Target> targets)
    implements Intent {

  /** A target to register: {@code Id} an ARN or a {@link Ref} to one, on {@code Port}. */
  public record Target(@JsonProperty("Id") Object id, @JsonProperty("Port") int port) {}

  /** A target group whose targets the TargetGroupBinding registers (none listed here), no target control port. */
  public TargetGroupIntent(String groupId, String id, String serviceNamespace, String serviceName, String servicePort,
      String name, String protocol, String protocolVersion, int port, String targetType, String ipAddressType,
      String vpcId, String healthCheckProtocol, String healthCheckPort, String healthCheckPath,
      int healthCheckIntervalSeconds, int healthCheckTimeoutSeconds, int healthyThresholdCount,
      int unhealthyThresholdCount, Map<String, String> matcher, Map<String, String> attributes,
      Map<String, String> tags) {
    this(groupId, id, serviceNamespace, serviceName, servicePort, name, protocol, protocolVersion, port, targetType,
        ipAddressType, vpcId, healthCheckProtocol, healthCheckPort, healthCheckPath, healthCheckIntervalSeconds,
        healthCheckTimeoutSeconds, healthyThresholdCount, unhealthyThresholdCount, matcher, null, attributes, tags,
        null);
  }

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
