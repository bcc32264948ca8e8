package dev.albc.targets;

import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.Collection;
import java.util.List;

/**
 * What the targets reconciler reads from the cluster, from informer caches ({@link TargetsController})
 * or a test's lists. Never calls the API server.
 */
public interface ClusterView {
  /** The Service, or null. */
  V1Service service(String namespace, String name);

  Collection<V1Node> nodes();

  /** The node, or null. */
  V1Node node(String name);

  /** The EndpointSlices labelled {@code kubernetes.io/service-name=<service>} in the namespace. */
  List<V1EndpointSlice> endpointSlices(String namespace, String service);

  /** The pod, or null. */
  V1Pod pod(String namespace, String name);

  /** Every TargetGroupBinding. */
  List<Binding> bindings();
}
