package dev.albc.rules.api;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;

/**
 * An Ingress that albc manages, before its group is known: its IngressClass (null for the legacy
 * annotation or no class) and, once attached, its IngressClassParams.
 */
public record ClassifiedIngress(
    IngressFact ingress, IngressClassFact ingressClass, String how) {

  public String key() {
    return ingress.key();
  }
}
