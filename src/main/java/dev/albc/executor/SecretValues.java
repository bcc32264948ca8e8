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
 * and what albc knows of the client secret each rule or listener (by ARN) has in AWS
 * (docs/apply.md#client-secrets): the plan hash of the value it holds, and the {@link SentSecret}
 * to keep in the member Ingress's annotation. Both are known when this process sent the secret, or
 * when a kept {@link SentSecret} was found to match the Secret's value ({@link #verified}); they
 * live as long as this object (one CLI run, one controller process), the annotation across them.
 */
public final class SecretValues {
  private final Supplier<Collection<?>> facts;
  private final Map<String, String> sent = new ConcurrentHashMap<>();
  private final Map<String, SentSecret> kept = new ConcurrentHashMap<>();

  /**
   * One secret placeholder replaced in a request.
   *
   * @param hash the placeholder's (plan) hash
   * @param value the value sent (kept only until the call is made)
   */
  public record Sending(String secret, String key, String hash, String value) {
    @Override
    public String toString() {
      return "Sending[" + secret + " " + key + " " + hash + "]";
    }
  }

  /** @param facts the Kubernetes facts, read when a placeholder is resolved (their SecretFacts count) */
  public SecretValues(Supplier<Collection<?>> facts) {
    this.facts = facts;
  }

  /** The value behind a placeholder; an error when the Secret or key is gone or its value changed since the plan. */
  public String value(String secret, String key, String hash) {
    String v = current(secret, key);
    if (v == null) {
      throw new IllegalStateException("Secret " + secret + " has no key " + key + " (or is gone) since the plan");
    }
    if (!SecretRef.hash(secret, key, v).equals(hash)) {
      throw new IllegalStateException("Secret " + secret + " key " + key + " changed since the plan ("
          + hash + "); plan again");
    }
    return v;
  }

  /**
   * The Secret's value under {@code key} now, as the rules take it (trailing control characters
   * trimmed, as the reference does); null when the Secret or key is missing.
   */
  public String current(String secret, String key) {
    for (Object o : facts.get()) {
      if (o instanceof SecretFact s && s.key().equals(secret)) {
        String v = s.value(key);
        return v == null ? null : v.replaceAll("\\p{Cntrl}+$", "");
      }
    }
    return null;
  }

  /** Records the hash of a client secret sent to a rule or listener. */
  public void sent(String arn, String hash) {
    sent.put(arn, hash);
  }

  /**
   * Records what a request sent to a rule or listener: the plan hashes, and (one secret per request,
   * as every authenticate-oidc request has) its salted hash to keep.
   */
  public void sent(String arn, List<Sending> sendings) {
    sent.put(arn, String.join(",", sendings.stream().map(Sending::hash).toList()));
    if (sendings.size() == 1) {
      Sending s = sendings.get(0);
      kept.put(arn, SentSecret.of(s.secret(), s.key(), s.value()));
    } else {
      kept.remove(arn);
    }
  }

  /**
   * A kept {@link SentSecret} of the rule or listener (read from its annotation) checked against
   * the Secret's value now: the plan hash of that value when it is the one kept (then remembered, as
   * if this process had sent it), else null — the Secret rotated since, or is gone.
   */
  public String verified(String arn, SentSecret stored) {
    String v = stored.complete() ? current(stored.secret(), stored.key()) : null;
    if (v == null || !stored.matches(v)) {
      return null;
    }
    String hash = SecretRef.hash(stored.secret(), stored.key(), v);
    sent.put(arn, hash);
    kept.put(arn, stored);
    return hash;
  }

  /** The hash last sent to a rule or listener, or null when this process sent none. */
  public String lastSent(String arn) {
    return sent.get(arn);
  }

  /** What to keep of the secret a rule or listener holds, or null when this process knows none. */
  public SentSecret kept(String arn) {
    return kept.get(arn);
  }

  /**
   * The request with every secret placeholder replaced by its value (docs/plan-format.md#secrets);
   * what was sent is added to {@code sendings}.
   */
  static JsonNode substitute(SecretValues secrets, JsonNode n, String call, List<Sending> sendings) {
    if (n == null) {
      return null;
    }
    if (n.isObject() && n.has("$secret")) {
      if (secrets == null) {
        throw new IllegalStateException(call + " needs the value of Secret " + n.get("$secret").asText()
            + ", and this run has no Secrets");
      }
      String secret = n.get("$secret").asText();
      String key = n.path("Key").asText();
      String hash = n.path("Hash").asText();
      String value = secrets.value(secret, key, hash);
      sendings.add(new Sending(secret, key, hash, value));
      return new TextNode(value);
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), substitute(secrets, e.getValue(), call, sendings)));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> a.add(substitute(secrets, x, call, sendings)));
      return a;
    }
    return n;
  }
}
