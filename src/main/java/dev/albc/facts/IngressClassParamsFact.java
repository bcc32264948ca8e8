package dev.albc.facts;

import java.util.List;
import java.util.Map;

/**
 * An elbv2.k8s.aws/v1beta1 IngressClassParams (cluster-scoped). Fields left out of the manifest are
 * null (lists and maps too), so rules can tell "not set" from "set to empty". {@code
 * listenerAttributes} is {@code spec.listeners[].listenerAttributes} by {@code <Protocol>-<Port>}.
 * {@code minimumCapacityUnits} is {@code spec.minimumLoadBalancerCapacity.capacityUnits};
 * {@code ipv4IpamPoolId} is {@code spec.ipamConfiguration.ipv4IPAMPoolId}.
 */
public record IngressClassParamsFact(
    String name,
    LabelSelectorFact namespaceSelector,
    String groupName,
    String scheme,
    String ipAddressType,
    String loadBalancerName,
    List<String> subnetIds,
    Map<String, List<String>> subnetTags,
    List<String> certificateArn,
    String sslPolicy,
    String sslRedirectPort,
    List<String> inboundCIDRs,
    List<String> prefixListsIDs,
    Map<String, String> tags,
    String targetType,
    Map<String, String> loadBalancerAttributes,
    String wafv2AclArn,
    String wafv2AclName,
    Map<String, Map<String, String>> listenerAttributes,
    Integer minimumCapacityUnits,
    String ipv4IpamPoolId) {

  /** Without {@code minimumLoadBalancerCapacity} and {@code ipamConfiguration}. */
  public IngressClassParamsFact(String name, LabelSelectorFact namespaceSelector, String groupName, String scheme,
      String ipAddressType, String loadBalancerName, List<String> subnetIds, Map<String, List<String>> subnetTags,
      List<String> certificateArn, String sslPolicy, String sslRedirectPort, List<String> inboundCIDRs,
      List<String> prefixListsIDs, Map<String, String> tags, String targetType,
      Map<String, String> loadBalancerAttributes, String wafv2AclArn, String wafv2AclName,
      Map<String, Map<String, String>> listenerAttributes) {
    this(name, namespaceSelector, groupName, scheme, ipAddressType, loadBalancerName, subnetIds, subnetTags,
        certificateArn, sslPolicy, sslRedirectPort, inboundCIDRs, prefixListsIDs, tags, targetType,
        loadBalancerAttributes, wafv2AclArn, wafv2AclName, listenerAttributes, null, null);
  }
}
