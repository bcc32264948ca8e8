package dev.albc.facts;

import java.util.Map;
import java.util.TreeMap;

/**
 * A v1 Secret an Ingress's {@code auth-idp-oidc} names (its {@code data}, decoded, and its
 * {@code stringData}). Only the Secrets the annotations reference are read from a cluster
 * (docs/annotations.md, authentication). Its values never leave albc in text: {@link #toString}
 * names the keys only, the plan shows a placeholder (docs/plan-format.md, "Secrets").
 */
public record SecretFact(String namespace, String name, Map<String, String> data) {

  public SecretFact {
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  public String key() {
    return namespace + "/" + name;
  }

  /** The value of a key, or null. */
  public String value(String k) {
    return data.get(k);
  }

  /** Names the Secret and its keys, never a value. */
  @Override
  public String toString() {
    return "Secret " + key() + " keys " + new TreeMap<>(data).keySet();
  }
}
