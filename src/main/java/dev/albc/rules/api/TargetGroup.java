package dev.albc.rules.api;

import dev.albc.facts.ServiceFact;

/**
 * A target group of an IngressGroup, as user rules see it (from the {@code parse} phase on): the
 * member Ingress that routes to it, the Service and its port, the port as the Ingress wrote it
 * (name or number), its ResourceId in the plan ({@code <ns>/<ingress>-<service>:<port>}) and the
 * scope of its settings ({@code tg:<group>:<resource id>}: {@code healthcheck-path},
 * {@code target-type}, {@code tag:<key>} …, docs/rules.md#settings-scopes-and-precedence).
 * Several Ingresses of a group routing to the same Service port are several target groups.
 */
public record TargetGroup(
    String groupId,
    Member member,
    ServiceFact service,
    ServiceFact.PortFact servicePort,
    String port,
    String resourceId) implements Described {

  /** {@code tg:<group>:<resource id>}, the scope of its settings (bind it so joins on it are indexed). */
  public String scope() {
    return Scopes.targetGroup(groupId, resourceId);
  }

  /** The member Ingress's key, {@code ns/name}. */
  public String ingressKey() {
    return member.key();
  }

  /** The Service's key, {@code ns/name}. */
  public String serviceKey() {
    return service.key();
  }

  /** {@code Service ns/name}, the object name diagnostics about it use. */
  public String serviceObject() {
    return "Service " + service.key();
  }

  @Override
  public String description() {
    return "target group " + resourceId + " (Service " + service.key() + " port " + port + " of Ingress "
        + member.key() + ")";
  }
}
