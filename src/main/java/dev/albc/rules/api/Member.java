package dev.albc.rules.api;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;

/**
 * An Ingress that albc manages, with its IngressGroup, IngressClass (null for the legacy annotation
 * or no class) and IngressClassParams (null when none).
 */
public record Member(
    String groupId, IngressFact ingress, IngressClassFact ingressClass, IngressClassParamsFact params)
    implements Described {

  public String key() {
    return ingress.key();
  }

  public String namespace() {
    return ingress.namespace();
  }

  public String name() {
    return ingress.name();
  }

  /** This Ingress's setting scope, {@code ingress:<ns>/<name>} (bind it so joins on it are indexed). */
  public String scope() {
    return Scopes.ingress(ingress.key());
  }

  /** The group's setting scope, {@code group:<id>}. */
  public String groupScope() {
    return Scopes.group(groupId);
  }

  /** {@code Ingress ns/name}, the object name diagnostics use. */
  public String object() {
    return "Ingress " + ingress.key();
  }

  @Override
  public String description() {
    return "Ingress " + ingress.key() + " (group " + groupId + ")";
  }
}
