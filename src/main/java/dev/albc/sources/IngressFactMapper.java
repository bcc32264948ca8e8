package dev.albc.sources;

import dev.albc.facts.IngressFact;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressTLS;
import java.time.OffsetDateTime;
import java.util.List;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.factory.Mappers;

/** networking.k8s.io/v1 Ingress (official client model) → {@link IngressFact}. */
@Mapper
public interface IngressFactMapper {
  IngressFactMapper INSTANCE = Mappers.getMapper(IngressFactMapper.class);

  @Mapping(target = "namespace", source = "metadata.namespace")
  @Mapping(target = "name", source = "metadata.name")
  @Mapping(target = "uid", source = "metadata.uid")
  @Mapping(target = "ingressClassName", source = "spec.ingressClassName")
  @Mapping(target = "annotations", source = "metadata.annotations")
  @Mapping(target = "labels", source = "metadata.labels")
  @Mapping(target = "defaultBackend", source = "spec.defaultBackend")
  @Mapping(target = "rules", source = "spec.rules")
  @Mapping(target = "tls", source = "spec.tls")
  @Mapping(target = "finalizers", source = "metadata.finalizers")
  @Mapping(
      target = "deleting",
      source = "metadata.deletionTimestamp",
      qualifiedByName = "deletionRequested")
  IngressFact toFact(V1Ingress ingress);

  @Mapping(target = "host", source = "host")
  @Mapping(target = "paths", source = "http.paths")
  IngressFact.RuleFact toRule(V1IngressRule rule);

  @Mapping(target = "path", source = "path")
  @Mapping(target = "pathType", source = "pathType")
  @Mapping(target = "backend", source = "backend")
  IngressFact.PathFact toPath(V1HTTPIngressPath path);

  @Mapping(target = "serviceName", source = "service.name")
  @Mapping(target = "portName", source = "service.port.name")
  @Mapping(target = "portNumber", source = "service.port.number")
  @Mapping(target = "resourceKind", source = "resource.kind")
  IngressFact.BackendFact toBackend(V1IngressBackend backend);

  @Mapping(target = "hosts", source = "hosts")
  @Mapping(target = "secretName", source = "secretName")
  IngressFact.TlsFact toTls(V1IngressTLS tls);

  List<IngressFact.RuleFact> toRules(List<V1IngressRule> rules);

  /** {@code metadata.deletionTimestamp} set: the Ingress is being deleted. */
  @Named("deletionRequested")
  default boolean deletionRequested(OffsetDateTime deletionTimestamp) {
    return deletionTimestamp != null;
  }
}
