package dev.albc.executor;

import dev.albc.facts.SecretFact;
import dev.albc.intents.SecretRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the executor finds the values behind the plan's secret placeholders (docs/plan-format.md#secrets),
 * and the hash albc keeps of each client secret it sent, by the ARN of the rule or listener it went
 * to (docs/apply.md#client-secrets). The hashes live as long as this object: one per CLI run, one
 * per controller process.
 */
public final class SecretValues {
  private final Supplier<Collection<?>> facts;
  private final Map<String, String> sent = new ConcurrentHashMap<>();

  /** @param facts the Kubernetes facts, read when a placeholder is resolved (their SecretFacts count) */
  public SecretValues(Supplier<Collection<?>> facts) {
    this.facts = facts;
  }

  /** The value behind a placeholder; an error when the Secret or key is gone or its value changed since the plan. */
  public String value(String secret, String key, String hash) {
    for (Object o : facts.get()) {
      if (o instanceof SecretFact s && s.key().equals(secret)) {
        String v = s.value(key);
        if (v == null) {
          break;
        }
        // the rules trim trailing control characters (as the reference does) before hashing
        String trimmed = v.replaceAll("\\p{Cntrl}+$", "");
        if (!SecretRef.hash(secret, key, trimmed).equals(hash)) {
          throw new IllegalStateException("Secret " + secret + " key " + key + " changed since the plan ("
              + hash + "); plan again");
        }
        return trimmed;
      }
    }
    throw new IllegalStateException("Secret " + secret + " has no key " + key + " (or is gone) since the plan");
  }

  /** Records the hash of a client secret sent to a rule or listener. */
  public void sent(String arn, String hash) {
    sent.put(arn, hash);
  }

  /** The hash last sent to a rule or listener, or null when this process sent none. */
  public String lastSent(String arn) {
    return sent.get(arn);
  }

  /**
   * The request with every secret placeholder replaced by its value (docs/plan-format.md#secrets);
   * the hashes sent are added to {@code hashes}.
   */
  static JsonNode substitute(SecretValues secrets, JsonNode n, String call, List<String> hashes) {
    if (n == null) {
      return null;
    }
    if (n.isObject() && n.has("$secret")) {
      if (secrets == null) {
        throw new IllegalStateException(call + " needs the value of Secret " + n.get("$secret").asText()
            + ", and this run has no Secrets");
      }
      hashes.add(n.path("Hash").asText());
      return new TextNode(secrets.value(n.get("$secret").asText(), n.path("Key").asText(), n.path("Hash").asText()));
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), substitute(secrets, e.getValue(), call, hashes)));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> a.add(substitute(secrets, x, call, hashes)));
      return a;
    }
    return n;
  }
}
