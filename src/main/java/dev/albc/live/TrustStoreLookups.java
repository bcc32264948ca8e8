package dev.albc.live;

import dev.albc.aws.AwsCallException;
import dev.albc.facts.IngressFact;
import dev.albc.facts.TrustStoreFact;
import dev.albc.observe.AwsReads;
import dev.albc.rules.api.Ann;
import dev.albc.rules.lib.ListenerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust stores the Ingresses' {@code mutual-authentication} give by name, looked up in the account
 ({@code DescribeTrustStores Names=[name]}) as {@link TrustStoreFact}s for the rules, which put the
 * ARN in the listener (listener-settings.drl). A name found is kept for {@link #KEEP} (the controller
 * plans with one long-lived object); a name the account lacks is asked again next time, and is a fact
 * with no ARN, which the rules report as an error. An AWS error throws {@link AwsCallException}.
 */
final class TrustStoreLookups {
  static final Duration KEEP = Duration.ofMinutes(10);
  private final AwsReads reads;
  private final Map<String, Found> found = new ConcurrentHashMap<>();

  private record Found(String arn, long at) {}

  TrustStoreLookups(AwsReads reads) {
    this.reads = reads;
  }

  /** A fact per trust store name the Ingresses among {@code kubeFacts} give. */
  List<Object> facts(Collection<?> kubeFacts) {
    List<Object> out = new ArrayList<>();
    for (String name : names(kubeFacts)) {
      Found f = found.get(name);
      if (f == null || System.nanoTime() - f.at() > KEEP.toNanos()) {
        String arn = lookUp(name);
        f = arn == null ? null : new Found(arn, System.nanoTime());
        if (f == null) {
          found.remove(name);
        } else {
          found.put(name, f);
        }
      }
      out.add(new TrustStoreFact(name, f == null ? null : f.arn()));
    }
    return out;
  }

  private String lookUp(String name) {
    try {
      return reads.trustStoreArn(name);
    } catch (RuntimeException e) {
      throw new AwsCallException("DescribeTrustStores", "trust store " + name, e);
    }
  }

  /** The trust store names (not {@code arn:…}) of the Ingresses' mutual-authentication annotations. */
  static Set<String> names(Collection<?> kubeFacts) {
    Set<String> out = new TreeSet<>();
    for (Object o : kubeFacts) {
      String raw = o instanceof IngressFact i ? i.annotations().get(Ann.alb("mutual-authentication")) : null;
      if (raw != null && ListenerSettings.mutualAuthentication(raw).value() instanceof Map<?, ?> byPort) {
        out.addAll(ListenerSettings.trustStoreNames(byPort));
      }
    }
    return out;
  }
}
