package dev.albc.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A v1 Service: its type, ports (with NodePorts), UID, annotations and IP families. */
public record ServiceFact(
    String namespace,
    String name,
    String uid,
    String type,
    Map<String, String> annotations,
    List<PortFact> ports,
    List<String> ipFamilies,
    Map<String, String> selector) {

  public ServiceFact {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    ports = ports == null ? List.of() : List.copyOf(ports);
    ipFamilies = ipFamilies == null ? List.of() : List.copyOf(ipFamilies);
    selector = selector == null ? Map.of() : Map.copyOf(selector);
    uid = uid == null ? "" : uid;
    type = type == null || type.isEmpty() ? "ClusterIP" : type;
  }

  public String key() {
    return namespace + "/" + name;
  }

  /** The port an Ingress backend names: by port name, or by port number. */
  public Optional<PortFact> port(String nameOrNumber) {
    if (nameOrNumber == null) {
      return Optional.empty();
    }
    for (PortFact p : ports) {
      if (nameOrNumber.equals(p.name()) || nameOrNumber.equals(String.valueOf(p.port()))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * One Service port. {@code targetPort} is the IntOrString as written ("8080" or "http"); null when
   * not set (Kubernetes defaults it to the port). {@code nodePort} is null when the manifest does not
   * carry one.
   */
  public record PortFact(
      String name, int port, String protocol, String targetPort, Integer nodePort) {}
}
