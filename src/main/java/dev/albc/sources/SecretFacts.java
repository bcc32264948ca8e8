package dev.albc.sources;

import dev.albc.facts.IngressFact;
import dev.albc.facts.SecretFact;
import dev.albc.facts.ServiceFact;
import dev.albc.rules.lib.AuthJson;
import dev.albc.rules.api.Ann;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Secrets as facts, for manifests and the cluster alike: {@code data} (decoded) and
 * {@code stringData} (which wins, as the API server merges it), and which Secrets the Ingresses
 * and Services of a cluster reference ({@code auth-idp-oidc}'s {@code secretName}), so that only
 * those are read (docs/annotations.md, authentication).
 */
public final class SecretFacts {
  private SecretFacts() {}

  public static SecretFact toFact(String namespace, V1Secret s) {
    Map<String, String> data = new HashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> data.put(k, v == null ? "" : new String(v, StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) {
      data.putAll(s.getStringData());
    }
    return new SecretFact(namespace, s.getMetadata().getName(), data);
  }

  /** {@code ns/name} of every Secret an {@code auth-idp-oidc} annotation names (Ingresses and Services). */
  public static Set<String> referenced(Collection<IngressFact> ingresses, Collection<ServiceFact> services) {
    Set<String> out = new TreeSet<>();
    for (IngressFact i : ingresses) {
      add(out, i.namespace(), i.annotations().get(Ann.alb("auth-idp-oidc")));
    }
    for (ServiceFact s : services) {
      add(out, s.namespace(), s.annotations().get(Ann.alb("auth-idp-oidc")));
    }
    return out;
  }

  private static void add(Set<String> out, String namespace, String raw) {
    if (raw == null) {
      return;
    }
    var r = AuthJson.oidc(raw);
    if (r.ok() && r.value() instanceof AuthJson.OidcIdp idp && idp.secretName() != null && !idp.secretName().isEmpty()) {
      out.add(namespace + "/" + idp.secretName());
    }
  }
}
