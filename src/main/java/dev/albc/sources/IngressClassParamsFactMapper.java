package dev.albc.sources;

import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.LabelSelectorFact;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.factory.Mappers;

/**
 * elbv2.k8s.aws/v1beta1 IngressClassParams (metadata from the client model, spec read with Jackson)
 * → {@link IngressClassParamsFact}. Fields left out stay null; lists and maps are immutable.
 */
@Mapper
public interface IngressClassParamsFactMapper {
  IngressClassParamsFactMapper INSTANCE = Mappers.getMapper(IngressClassParamsFactMapper.class);

  @Mapping(target = "name", source = "metadata.name")
  @Mapping(target = "namespaceSelector", source = "spec.namespaceSelector")
  @Mapping(target = "groupName", source = "spec.group.name")
  @Mapping(target = "scheme", source = "spec.scheme")
  @Mapping(target = "ipAddressType", source = "spec.ipAddressType")
  @Mapping(target = "loadBalancerName", source = "spec.loadBalancerName")
  @Mapping(target = "subnetIds", source = "spec.subnets.ids")
  @Mapping(target = "subnetTags", source = "spec.subnets.tags", qualifiedByName = "subnetTags")
  @Mapping(target = "certificateArn", source = "spec.certificateArn")
  @Mapping(target = "sslPolicy", source = "spec.sslPolicy")
  @Mapping(target = "sslRedirectPort", source = "spec.sslRedirectPort")
  @Mapping(target = "inboundCIDRs", source = "spec.inboundCIDRs")
  @Mapping(target = "prefixListsIDs", source = "spec", qualifiedByName = "prefixLists")
  @Mapping(target = "tags", source = "spec.tags", qualifiedByName = "keyValues")
  @Mapping(target = "targetType", source = "spec.targetType")
  @Mapping(
      target = "loadBalancerAttributes",
      source = "spec.loadBalancerAttributes",
      qualifiedByName = "keyValues")
  @Mapping(target = "wafv2AclArn", source = "spec.wafv2AclArn")
  @Mapping(target = "wafv2AclName", source = "spec.wafv2AclName")
  @Mapping(target = "listenerAttributes", source = "spec.listeners", qualifiedByName = "listenerAttributes")
  @Mapping(target = "minimumCapacityUnits", source = "spec.minimumLoadBalancerCapacity.capacityUnits")
  @Mapping(target = "ipv4IpamPoolId", source = "spec.ipamConfiguration.ipv4IPAMPoolId")
  IngressClassParamsFact toFact(V1ObjectMeta metadata, IngressClassParamsSpec spec);

  @Mapping(target = "matchLabels", source = "matchLabels")
  @Mapping(target = "matchExpressions", source = "matchExpressions")
  LabelSelectorFact toSelector(IngressClassParamsSpec.LabelSelector selector);

  @Mapping(target = "key", source = "key")
  @Mapping(target = "operator", source = "operator")
  @Mapping(target = "values", source = "values")
  LabelSelectorFact.Requirement toRequirement(IngressClassParamsSpec.Requirement requirement);

  /** An immutable copy; null stays null (not set). */
  default List<String> strings(List<String> values) {
    return values == null ? null : List.copyOf(values);
  }

  /** {@code prefixListsIDs}, or the legacy {@code PrefixListsIDs} (the CRD allows only one). */
  @Named("prefixLists")
  default List<String> prefixLists(IngressClassParamsSpec spec) {
    if (spec == null) {
      return null;
    }
    return strings(
        spec.prefixListsIDs() != null ? spec.prefixListsIDs() : spec.legacyPrefixListsIDs());
  }

  /** {@code [{key, value}]} → a map in list order (a later duplicate key wins, as the reference). */
  @Named("keyValues")
  default Map<String, String> keyValues(List<IngressClassParamsSpec.KeyValue> pairs) {
    if (pairs == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (IngressClassParamsSpec.KeyValue kv : pairs) {
      out.put(kv.key(), kv.value());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@code listeners[].listenerAttributes} by {@code <Protocol>-<Port>} (as the annotation
   * {@code listener-attributes.<Protocol>-<Port>} names a listener); null when no listener sets any.
   */
  @Named("listenerAttributes")
  default Map<String, Map<String, String>> listenerAttributes(List<IngressClassParamsSpec.Listener> listeners) {
    if (listeners == null) {
      return null;
    }
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (IngressClassParamsSpec.Listener l : listeners) {
      if (l.listenerAttributes() != null && l.protocol() != null && l.port() != null) {
        out.merge(l.protocol() + "-" + l.port(), keyValues(l.listenerAttributes()), (a, b) -> {
          Map<String, String> m = new LinkedHashMap<>(a);
          m.putAll(b);
          return Collections.unmodifiableMap(m);
        });
      }
    }
    return out.isEmpty() ? null : Collections.unmodifiableMap(out);
  }

  /** Subnet tag selector, sorted by key, immutable. */
  @Named("subnetTags")
  default Map<String, List<String>> subnetTags(Map<String, List<String>> tags) {
    if (tags == null) {
      return null;
    }
    Map<String, List<String>> out = new TreeMap<>();
    tags.forEach((k, v) -> out.put(k, v == null ? List.of() : List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }
}
