package dev.albc.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.executor.SecretValues;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;

/**
 * AWS never returns an OIDC client secret, so albc keeps the hash of the one it last sent to each
 * rule or listener (dev.albc.executor.SecretValues) and writes it into the observed
 * {@code AuthenticateOidcConfig} as {@code "ClientSecret": {"Hash": …}} before planning: the
 * planner then sees a rotated Secret (another hash) as a change and sends {@code ModifyRule} with
 * the new secret; where no hash is kept the secret is not compared (docs/apply.md#client-secrets).
 */
final class SentSecrets {
  private SentSecrets() {}

  static void annotate(ObservedStack observed, SecretValues secrets) {
    for (ObservedResource r : observed.rules()) {
      annotate(r, "Actions", secrets.lastSent(r.id()));
    }
    for (ObservedResource l : observed.listeners()) {
      annotate(l, "DefaultActions", secrets.lastSent(l.id()));
    }
  }

  private static void annotate(ObservedResource r, String member, String hash) {
    if (hash == null || r.body() == null || hash.contains(",")) {
      return;
    }
    for (JsonNode a : r.body().path(member)) {
      JsonNode cfg = a.get("AuthenticateOidcConfig");
      if (cfg instanceof ObjectNode o && !o.hasNonNull("ClientSecret")) {
        o.putObject("ClientSecret").put("Hash", hash);
      }
    }
  }
}
