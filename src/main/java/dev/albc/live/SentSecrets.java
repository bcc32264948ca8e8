package dev.albc.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.executor.SecretValues;
import dev.albc.executor.SentSecret;
import dev.albc.facts.IngressFact;
import dev.albc.intents.Action;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.SecretRef;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS never returns an OIDC client secret, so albc keeps what it last sent to each rule or listener
 * (docs/apply.md#client-secrets): in memory ({@link SecretValues}) and, across runs and restarts, as
 * a {@link SentSecret} (the Secret, the key, a salted hash of the value) by ARN in the
 * {@value #ANNOTATION} annotation of the member Ingress the rule (or default action) comes from.
 *
 * <p>Before planning, {@link #annotate} writes into each observed {@code AuthenticateOidcConfig}
 * {@code "ClientSecret": {"Hash": …}}: the plan hash this process sent or found kept and still
 * matching the Secret, or {@value #ROTATED} when the value kept is not the Secret's now. The planner
 * then sees a rotated Secret as a change and sends {@code ModifyRule} with the new secret. Where
 * nothing is kept (a stack made by the reference, the annotation removed) the secret is not
 * compared: nothing is written for it. After a run, {@link #annotations} says which members'
 * annotations must change; {@link Store} writes them.
 */
public final class SentSecrets {
  /** The member Ingress's annotation: a JSON object, ARN → {@link SentSecret}. */
  public static final String ANNOTATION = "albc.dev/sent-client-secrets";
  /** The observed hash of a secret whose kept hash does not match the Secret's value now. */
  static final String ROTATED = "(not the value last sent: the Secret changed since)";

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SentSecrets() {}

  /**
   * Where a live run keeps the annotation: sets ({@code value}) or removes (null) {@value #ANNOTATION}
   * on member Ingress {@code ingressKey} (ns/name). A failure is the store's to report; the hashes stay
   * in memory and the next run writes them again.
   */
  @FunctionalInterface
  public interface Store {
    void write(String ingressKey, String value);
  }

  /** Writes the hash each observed OIDC action holds, as far as it is known (see the class comment). */
  static void annotate(ObservedStack observed, SecretValues secrets, Collection<?> kubeFacts) {
    Map<String, SentSecret> stored = null;
    for (ObservedResource r : observed.rules()) {
      stored = annotate(r, "Actions", secrets, stored, kubeFacts);
    }
    for (ObservedResource l : observed.listeners()) {
      stored = annotate(l, "DefaultActions", secrets, stored, kubeFacts);
    }
  }

  private static Map<String, SentSecret> annotate(ObservedResource r, String member, SecretValues secrets,
      Map<String, SentSecret> stored, Collection<?> kubeFacts) {
    if (r.body() == null) {
      return stored;
    }
    for (JsonNode a : r.body().path(member)) {
      JsonNode cfg = a.get("AuthenticateOidcConfig");
      if (!(cfg instanceof ObjectNode o) || o.hasNonNull("ClientSecret")) {
        continue;
      }
      String hash = secrets.lastSent(r.id());
      if (hash == null) {
        stored = stored == null ? stored(kubeFacts) : stored;
        SentSecret kept = stored.get(r.id());
        if (kept == null) {
          continue; // nothing known: not compared
        }
        String verified = secrets.verified(r.id(), kept);
        hash = verified == null ? ROTATED : verified;
      }
      if (!hash.contains(",")) {
        o.putObject("ClientSecret").put("Hash", hash);
      }
    }
    return stored;
  }

  /**
   * What the member Ingresses' annotations must become after a run, for those that differ: member
   * key → the new value, or null to remove it. Each rule's entry goes to the Ingress it comes from, a
   * listener default action's to the member of the Secret's namespace with a default backend; the
   * entry is what this process sent or verified, else the one kept so far (nothing when neither).
   *
   * @param refs ARN of each resource after the run, by ResourceId
   */
  static Map<String, String> annotations(DesiredGroup g, Map<String, String> refs, Collection<?> kubeFacts,
      SecretValues secrets) {
    Map<String, IngressFact> members = new LinkedHashMap<>();
    for (String key : g.members()) {
      for (Object o : kubeFacts) {
        if (o instanceof IngressFact i && i.key().equals(key)) {
          members.put(key, i);
        }
      }
    }
    Map<String, SentSecret> stored = stored(kubeFacts);
    Map<String, Map<String, SentSecret>> byMember = new LinkedHashMap<>();
    members.keySet().forEach(k -> byMember.put(k, new TreeMap<>()));
    for (Intent r : g.resources()) {
      SecretRef ref = null;
      String owner = null;
      if (r instanceof ListenerRuleIntent lr) {
        ref = secretOf(lr.actions());
        owner = lr.ingressKey();
      } else if (r instanceof ListenerIntent l) {
        ref = secretOf(l.defaultActions());
        owner = ref == null ? null : defaultBackendOwner(members.values(), ref.secret());
      }
      String arn = refs.get(r.resourceId());
      if (ref == null || arn == null || !byMember.containsKey(owner)) {
        continue;
      }
      SentSecret s = secrets.kept(arn);
      s = s == null ? stored.get(arn) : s;
      if (s != null) {
        byMember.get(owner).put(arn, s);
      }
    }
    Map<String, String> out = new TreeMap<>();
    byMember.forEach((key, entries) -> {
      String want = entries.isEmpty() ? null : encode(entries);
      String have = members.get(key).annotation(ANNOTATION);
      if (!Objects.equals(want, have == null || have.isBlank() ? null : have)) {
        out.put(key, want);
      }
    });
    return out;
  }

  /** The secret placeholder of an authenticate-oidc action among {@code actions}, or null. */
  private static SecretRef secretOf(List<Action> actions) {
    if (actions == null) {
      return null;
    }
    for (Action a : actions) {
      if (a.authenticateOidcConfig() != null && a.authenticateOidcConfig().clientSecret() != null) {
        return a.authenticateOidcConfig().clientSecret();
      }
    }
    return null;
  }

  /** The member (group order) of the Secret's namespace with a default backend, else the first of that namespace. */
  private static String defaultBackendOwner(Collection<IngressFact> members, String secret) {
    String ns = secret.substring(0, Math.max(0, secret.indexOf('/')));
    String first = null;
    for (IngressFact i : members) {
      if (i.namespace().equals(ns)) {
        if (i.defaultBackend() != null) {
          return i.key();
        }
        first = first == null ? i.key() : first;
      }
    }
    return first;
  }

  /**
   * Every entry the Ingresses among {@code kubeFacts} keep, by ARN; an ARN two Ingresses keep with
   * different entries is left out (not compared), as is an unreadable annotation.
   */
  static Map<String, SentSecret> stored(Collection<?> kubeFacts) {
    Map<String, SentSecret> out = new TreeMap<>();
    Set<String> conflicting = new HashSet<>();
    for (Object o : kubeFacts) {
      if (o instanceof IngressFact i) {
        decode(i.annotation(ANNOTATION)).forEach((arn, s) -> {
          SentSecret before = out.putIfAbsent(arn, s);
          if (before != null && !before.equals(s)) {
            conflicting.add(arn);
          }
        });
      }
    }
    conflicting.forEach(out::remove);
    return out;
  }

  /** The annotation's value: a JSON object by ARN, sorted. */
  static String encode(Map<String, SentSecret> byArn) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(byArn));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sent client secrets not writable as JSON", e);
    }
  }

  /** The entries of an annotation's value; none when absent or unreadable, and only complete ones. */
  public static Map<String, SentSecret> decode(String value) {
    if (value == null || value.isBlank()) {
      return Map.of();
    }
    Map<String, SentSecret> out = new TreeMap<>();
    try {
      Map<String, SentSecret> read = JSON.readValue(value, new TypeReference<Map<String, SentSecret>>() {});
      read.forEach((arn, s) -> {
        if (arn != null && s != null && s.complete()) {
          out.put(arn, s);
        }
      });
      return out;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Map.of();
    }
  }
}
