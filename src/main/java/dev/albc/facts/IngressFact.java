package dev.albc.facts;

import java.util.List;
import java.util.Map;

/**
 * A networking.k8s.io/v1 Ingress.
 *
 * @param ingressClassName {@code spec.ingressClassName}, or null
 * @param defaultBackend {@code spec.defaultBackend}, or null
 * @param deleting true when {@code metadata.deletionTimestamp} is set
 */
public record IngressFact(
    String namespace,
    String name,
    String uid,
    String ingressClassName,
    Map<String, String> annotations,
    Map<String, String> labels,
    BackendFact defaultBackend,
    List<RuleFact> rules,
    List<TlsFact> tls,
    List<String> finalizers,
    boolean deleting) {

  public IngressFact {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    rules = rules == null ? List.of() : List.copyOf(rules);
    tls = tls == null ? List.of() : List.copyOf(tls);
    finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
    uid = uid == null ? "" : uid;
  }

  /** {@code namespace/name}, the Ingress's key in diagnostics and explanations. */
  public String key() {
    return namespace + "/" + name;
  }

  /** The annotation value, or null when absent. */
  public String annotation(String key) {
    return annotations.get(key);
  }

  /** One {@code spec.rules[]} entry. {@code host} is null when not set. */
  public record RuleFact(String host, List<PathFact> paths) {
    public RuleFact {
      paths = paths == null ? List.of() : List.copyOf(paths);
    }
  }

  /** One HTTP path. {@code pathType} is Exact, Prefix, ImplementationSpecific or null. */
  public record PathFact(String path, String pathType, BackendFact backend) {}

  /**
   * A backend: a Service and its port (by name or number), or a {@code resource} backend (kind set,
   * unsupported).
   */
  public record BackendFact(
      String serviceName, String portName, Integer portNumber, String resourceKind) {
    /** The port as the reference writes it: the name, else the number. */
    public String portKey() {
      return portName != null && !portName.isEmpty()
          ? portName
          : portNumber == null ? "" : String.valueOf(portNumber);
    }
  }

  /** One {@code spec.tls[]} entry. */
  public record TlsFact(List<String> hosts, String secretName) {
    public TlsFact {
      hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
  }
}
