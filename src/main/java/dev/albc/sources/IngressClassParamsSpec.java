package dev.albc.sources;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of an {@code elbv2.k8s.aws/v1beta1} IngressClassParams, as the CRD defines it
 * (the Kubernetes client has no model for this CRD). Read with Jackson: unknown fields and values of
 * the wrong type are rejected; a field left out is null. Fields the facts do not carry yet
 * (none today) would be read and checked all the same, since they are valid in the CRD.
 */
public record IngressClassParamsSpec(
    @JsonProperty("namespaceSelector") LabelSelector namespaceSelector,
    @JsonProperty("group") Group group,
    @JsonProperty("scheme") String scheme,
    @JsonProperty("ipAddressType") String ipAddressType,
    @JsonProperty("loadBalancerName") String loadBalancerName,
    @JsonProperty("subnets") Subnets subnets,
    @JsonProperty("certificateArn") List<String> certificateArn,
    @JsonProperty("sslPolicy") String sslPolicy,
    @JsonProperty("sslRedirectPort") String sslRedirectPort,
    @JsonProperty("inboundCIDRs") List<String> inboundCIDRs,
    @JsonProperty("prefixListsIDs") List<String> prefixListsIDs,
    @JsonProperty("PrefixListsIDs") List<String> legacyPrefixListsIDs,
    @JsonProperty("tags") List<KeyValue> tags,
    @JsonProperty("targetType") String targetType,
    @JsonProperty("loadBalancerAttributes") List<KeyValue> loadBalancerAttributes,
    @JsonProperty("listeners") List<Listener> listeners,
    @JsonProperty("minimumLoadBalancerCapacity") Capacity minimumLoadBalancerCapacity,
    @JsonProperty("ipamConfiguration") IpamConfiguration ipamConfiguration,
    @JsonProperty("wafv2AclArn") String wafv2AclArn,
    @JsonProperty("wafv2AclName") String wafv2AclName) {

  /** A metav1.LabelSelector. */
  public record LabelSelector(
      @JsonProperty("matchLabels") Map<String, String> matchLabels,
      @JsonProperty("matchExpressions") List<Requirement> matchExpressions) {}

  /** One label selector requirement; key and operator are required. */
  public record Requirement(
      @JsonProperty("key") String key,
      @JsonProperty("operator") String operator,
      @JsonProperty("values") List<String> values) {}

  /** {@code group}; name is required. */
  public record Group(@JsonProperty("name") String name) {}

  /** {@code subnets}: ids or tags (the rules check that exactly one is set). */
  public record Subnets(
      @JsonProperty("ids") List<String> ids,
      @JsonProperty("tags") Map<String, List<String>> tags) {}

  /** A {@code {key, value}} pair (tags, attributes); both are required. */
  public record KeyValue(@JsonProperty("key") String key, @JsonProperty("value") String value) {}

  /** One {@code listeners[]} entry. */
  public record Listener(
      @JsonProperty("protocol") String protocol,
      @JsonProperty("port") Integer port,
      @JsonProperty("listenerAttributes") List<KeyValue> listenerAttributes) {}

  /** {@code minimumLoadBalancerCapacity}; capacityUnits is required. */
  public record Capacity(@JsonProperty("capacityUnits") Integer capacityUnits) {}

  /** {@code ipamConfiguration}. */
  public record IpamConfiguration(@JsonProperty("ipv4IPAMPoolId") String ipv4IPAMPoolId) {}
}
