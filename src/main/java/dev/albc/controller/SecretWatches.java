package dev.albc.controller;

import dev.albc.facts.SecretFact;
import dev.albc.sources.SecretFacts;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Secrets the Ingresses and Services name in {@code auth-idp-oidc}, each watched alone (a
 * field selector on its name, as the reference's secrets manager does: albc never lists every
 * Secret), into the {@link FactStore}; a change of a Secret's data re-plans the groups that use it, so
 * a rotated client secret reaches AWS (docs/controller.md "Secrets"). A Secret newly referenced is
 * read once at once (so the reconcile the reference triggers finds it), then watched; one no longer
 * referenced is forgotten. Needs get, list and watch on those Secrets (docs/installation.md).
 */
final class SecretWatches {
  private final ApiClient client;
  private final FactStore store;
  private final Consumer<Collection<String>> enqueue;
  private final JsonLog log;
  private final Map<String, SharedInformerFactory> watches = new HashMap<>();

  SecretWatches(ApiClient client, FactStore store, Consumer<Collection<String>> enqueue, JsonLog log) {
    this.client = client;
    this.store = store;
    this.enqueue = enqueue;
    this.log = log;
  }

  /** Watches exactly the Secrets the store's Ingresses and Services name now. */
  synchronized void sync() {
    Set<String> wanted = SecretFacts.referenced(store.ingresses(), store.services());
    for (var it = watches.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.contains(e.getKey())) {
        e.getValue().stopAllRegisteredInformers(false);
        store.removeSecret(e.getKey());
        it.remove();
      }
    }
    for (String key : wanted) {
      if (!watches.containsKey(key)) {
        watches.put(key, watch(key));
      }
    }
  }

  synchronized void stop() {
    watches.values().forEach(f -> f.stopAllRegisteredInformers(true));
    watches.clear();
  }

  private SharedInformerFactory watch(String key) {
    String ns = key.substring(0, key.indexOf('/'));
    String name = key.substring(key.indexOf('/') + 1);
    try {
      store.putSecret(SecretFacts.toFact(ns, new CoreV1Api(client).readNamespacedSecret(name, ns).execute()));
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        log.warn("informer", "Secret " + key + " cannot be read: " + e.getCode() + " " + e.getMessage()
            + " (albc needs get, list and watch on it)", null, null);
      }
    }
    SharedInformerFactory factory = new SharedInformerFactory(client);
    SharedIndexInformer<V1Secret> i = factory.sharedIndexInformerFor(byName(ns, name), V1Secret.class, 0,
        (k, t) -> log.warn("informer", "watching Secret " + key + " failed: " + t.getMessage(), null, null));
    i.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Secret s) {
        changed(ns, s);
      }

      @Override
      public void onUpdate(V1Secret before, V1Secret after) {
        changed(ns, after);
      }

      @Override
      public void onDelete(V1Secret s, boolean unknownFinalState) {
        store.removeSecret(key);
        enqueue.accept(store.groupsUsingSecret(key));
      }
    });
    factory.startAllRegisteredInformers();
    return factory;
  }

  private void changed(String ns, V1Secret s) {
    SecretFact f = SecretFacts.toFact(ns, s);
    SecretFact before = store.secret(f.key());
    store.putSecret(f);
    if (before == null || !Objects.equals(before.data(), f.data())) {
      enqueue.accept(store.groupsUsingSecret(f.key()));
    }
  }

  private ListerWatcher<V1Secret, V1SecretList> byName(String ns, String name) {
    var api = new GenericKubernetesApi<>(V1Secret.class, V1SecretList.class, "", "v1", "secrets", client);
    return Informers.selected(api, ns, null, "metadata.name=" + name);
  }
}
