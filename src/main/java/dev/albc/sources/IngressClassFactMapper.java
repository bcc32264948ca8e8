package dev.albc.sources;

import dev.albc.facts.IngressClassFact;
import io.kubernetes.client.openapi.models.V1IngressClass;
import java.util.Map;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.factory.Mappers;

/** networking.k8s.io/v1 IngressClass (official client model) → {@link IngressClassFact}. */
@Mapper
public interface IngressClassFactMapper {
  IngressClassFactMapper INSTANCE = Mappers.getMapper(IngressClassFactMapper.class);

  /** The annotation that makes an IngressClass the cluster's default. */
  String IS_DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";

  @Mapping(target = "name", source = "metadata.name")
  @Mapping(target = "controller", source = "spec.controller")
  @Mapping(target = "isDefault", source = "metadata.annotations", qualifiedByName = "isDefault")
  @Mapping(target = "paramsApiGroup", source = "spec.parameters.apiGroup")
  @Mapping(target = "paramsKind", source = "spec.parameters.kind")
  @Mapping(target = "paramsName", source = "spec.parameters.name")
  IngressClassFact toFact(V1IngressClass ingressClass);

  /** {@code ingressclass.kubernetes.io/is-default-class: "true"} (exactly "true", as Kubernetes). */
  @Named("isDefault")
  default boolean isDefault(Map<String, String> annotations) {
    return annotations != null && "true".equals(annotations.get(IS_DEFAULT_CLASS));
  }
}
