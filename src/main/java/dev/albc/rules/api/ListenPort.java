package dev.albc.rules.api;

/**
 * One listener port that one member Ingress asks for (from {@code listen-ports}, or its default),
 * derived in the {@code derive} phase. A group's listeners are the union of its members' ports.
 */
public record ListenPort(String groupId, String ingressKey, String protocol, int port) implements Described {
  /** The group's listener this port becomes: its scope {@code listener:<group>:<port>}. */
  public String listenerScope() {
    return Scopes.listener(groupId, port);
  }

  @Override
  public String description() {
    return "Ingress " + ingressKey + " listens on " + protocol + ":" + port;
  }
}
