package dev.albc.sources;

import dev.albc.facts.NamespaceFact;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Map;
import java.util.TreeMap;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.factory.Mappers;

/** v1 Namespace (official client model) → {@link NamespaceFact}. */
@Mapper
public interface NamespaceFactMapper {
  NamespaceFactMapper INSTANCE = Mappers.getMapper(NamespaceFactMapper.class);

  /** The label the API server puts on every Namespace, with the namespace's name as its value. */
  String NAME_LABEL = "kubernetes.io/metadata.name";

  @Mapping(target = "name", source = "metadata.name")
  @Mapping(target = "labels", source = "metadata", qualifiedByName = "namespaceLabels")
  NamespaceFact toFact(V1Namespace namespace);

  /** The labels plus {@code kubernetes.io/metadata.name: <name>}, as the API server sets it. */
  @Named("namespaceLabels")
  default Map<String, String> namespaceLabels(V1ObjectMeta metadata) {
    Map<String, String> labels = new TreeMap<>();
    if (metadata == null) {
      return labels;
    }
    if (metadata.getLabels() != null) {
      labels.putAll(metadata.getLabels());
    }
    if (metadata.getName() != null) {
      labels.put(NAME_LABEL, metadata.getName());
    }
    return labels;
  }

  /** A namespace no manifest declares: only the name label. */
  static NamespaceFact undeclared(String name) {
    return new NamespaceFact(name, Map.of(NAME_LABEL, name));
  }
}
