package dev.albc.sources;

import dev.albc.facts.ServiceFact;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.factory.Mappers;

/** v1 Service (official client model) → {@link ServiceFact}. */
@Mapper
public interface ServiceFactMapper {
  ServiceFactMapper INSTANCE = Mappers.getMapper(ServiceFactMapper.class);

  @Mapping(target = "namespace", source = "metadata.namespace")
  @Mapping(target = "name", source = "metadata.name")
  @Mapping(target = "uid", source = "metadata.uid")
  @Mapping(target = "type", source = "spec.type")
  @Mapping(target = "annotations", source = "metadata.annotations")
  @Mapping(target = "ports", source = "spec.ports")
  @Mapping(target = "ipFamilies", source = "spec.ipFamilies")
  @Mapping(target = "selector", source = "spec.selector")
  ServiceFact toFact(V1Service service);

  @Mapping(target = "name", source = "name")
  @Mapping(target = "port", source = "port")
  @Mapping(target = "protocol", source = "protocol", qualifiedByName = "protocol")
  @Mapping(target = "targetPort", source = "targetPort")
  @Mapping(target = "nodePort", source = "nodePort")
  ServiceFact.PortFact toPort(V1ServicePort port);

  /** An IntOrString as written: "8080" or "http"; null stays null. */
  default String intOrString(IntOrString value) {
    if (value == null) {
      return null;
    }
    return value.isInteger() ? String.valueOf(value.getIntValue()) : value.getStrValue();
  }

  /** The port protocol, TCP when not set (as the API server defaults it). */
  @Named("protocol")
  default String protocol(String protocol) {
    return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
  }
}
