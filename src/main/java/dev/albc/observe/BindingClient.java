package dev.albc.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** TargetGroupBinding objects (elbv2.k8s.aws/v1beta1) in a cluster. */
public interface BindingClient {
  /** Bindings in every namespace whose labels include all of {@code labels}. */
  List<ObservedResource> list(Map<String, String> labels);

  /** Creates the object (apiVersion, kind, metadata, spec); an existing one of that name is replaced. */
  void create(ObjectNode object);

  /** Replaces the object (metadata.resourceVersion set from the cluster's copy). */
  void replace(ObjectNode object);

  /** Deletes it; a missing object is not an error. Waits (bounded) until it is gone. */
  void delete(String namespace, String name);
}
