package dev.albc.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.sources.ClusterReader;
import dev.albc.sources.IngressClassFactMapper;
import dev.albc.sources.IngressFactMapper;
import dev.albc.sources.NamespaceFactMapper;
import dev.albc.sources.ServiceFactMapper;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassList;
import io.kubernetes.client.openapi.models.V1IngressList;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NamespaceList;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The shared informers — Ingress, Service, IngressClass, IngressClassParams, Namespace and
 * TargetGroupBinding; {@code --watch-namespace} restricts the namespaced ones — and the Secrets their
 * auth-idp-oidc annotations name ({@link SecretWatches}), feeding the
 * {@link FactStore} through the sources' mappers and the work queue through {@link Triggers}; and the
 * rule ConfigMaps of the controller's namespace, feeding {@link ConfigMapRules}.
 * See docs/controller.md "Informers".
 */
public final class Informers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ELBV2 = "elbv2.k8s.aws";

  private final ApiClient client;
  private final String namespace;
  private final long resyncMillis;
  private final FactStore store;
  private final Consumer<Collection<String>> enqueue;
  private final JsonLog log;
  /** One factory per kind: a factory keys its informers by Java type, and two CRDs share CrdObject. */
  private final List<SharedInformerFactory> factories = new ArrayList<>();
  private final List<SharedIndexInformer<?>> started = new ArrayList<>();
  private ConfigMapRules ruleConfigMaps;
  private BiConsumer<V1Ingress, String> invalidClass = (i, m) -> {};
  private final SecretWatches secrets;

  /**
   * @param namespace {@code --watch-namespace} (empty: all)
   * @param syncPeriod {@code --sync-period}: every Ingress is seen again this often (a resync)
   * @param enqueue receives the groups to reconcile
   */
  public Informers(ApiClient client, String namespace, Duration syncPeriod, FactStore store,
      Consumer<Collection<String>> enqueue, JsonLog log) {
    this.client = client;
    this.namespace = namespace == null ? "" : namespace;
    this.resyncMillis = syncPeriod.toMillis();
    this.store = store;
    this.enqueue = enqueue;
    this.log = log;
    this.secrets = new SecretWatches(client, store, enqueue, log);
  }

  /**
   * Receives an Ingress that is no member of any group because its IngressClass is invalid, with
   * the message of the reference's {@code FailedLoadGroupID} event ({@link Membership#invalidClass}).
   */
  public void onInvalidClass(BiConsumer<V1Ingress, String> handler) {
    this.invalidClass = handler;
  }

  /** Registers every informer and starts them; {@link #synced()} tells when the first lists are in. */
  public void start() {
    BiConsumer<Class<?>, Throwable> onError = (k, t) -> log.warn("informer", "watching " + k.getSimpleName()
        + " failed: " + t.getMessage(), null, null);
    ingresses(onError);
    services(onError);
    classes(onError);
    if (crdServed("ingressclassparams")) {
      params(onError);
    } else {
      log.info("informer", "IngressClassParams are not served (CRD missing): none watched", null, null);
    }
    if (crdServed("targetgroupbindings")) {
      bindings(onError);
    }
    namespaces(onError);
    if (ruleConfigMaps != null && !ruleConfigMaps.namespace().isEmpty()) {
      ruleConfigMaps(onError);
    }
    factories.forEach(SharedInformerFactory::startAllRegisteredInformers);
  }

  // ---- ConfigMap rules (docs/controller.md "Rules from ConfigMaps") ---------------------------

  /**
   * Watches the ConfigMaps labelled {@code albc.dev/rules: "true"} in the rules' namespace and hands
   * them to {@code rules}; call before {@link #start()}.
   */
  public void watchRuleConfigMaps(ConfigMapRules rules) {
    this.ruleConfigMaps = rules;
  }

  private void ruleConfigMaps(BiConsumer<Class<?>, Throwable> onError) {
    var labelled = ConfigMapRules.labelled(client, ruleConfigMaps.namespace());
    @SuppressWarnings({"unchecked", "rawtypes"})
    BiConsumer<Class<V1ConfigMap>, Throwable> h = (BiConsumer) onError;
    SharedInformerFactory factory = new SharedInformerFactory(client);
    factories.add(factory);
    SharedIndexInformer<V1ConfigMap> i = factory.sharedIndexInformerFor(labelled, V1ConfigMap.class, 0, h);
    started.add(i);
    i.addEventHandler(new Handler<>() {
      @Override
      void added(V1ConfigMap cm) {
        ruleConfigMaps.put(cm);
      }

      @Override
      void updated(V1ConfigMap before, V1ConfigMap after) {
        ruleConfigMaps.put(after);
      }

      @Override
      void deleted(V1ConfigMap cm) {
        ruleConfigMaps.remove(cm);
      }
    });
  }

  /** Whether every informer has its first list. */
  public boolean synced() {
    return started.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  public void stop() {
    secrets.stop();
    factories.forEach(f -> f.stopAllRegisteredInformers(true));
  }

  private <T extends KubernetesObject, L extends io.kubernetes.client.common.KubernetesListObject>
      SharedIndexInformer<T> informer(GenericKubernetesApi<T, L> api, Class<T> kind, boolean namespaced,
          long resync, BiConsumer<Class<?>, Throwable> onError) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    BiConsumer<Class<T>, Throwable> h = (BiConsumer) onError;
    SharedInformerFactory factory = new SharedInformerFactory(client);
    factories.add(factory);
    SharedIndexInformer<T> i = namespaced && !namespace.isEmpty()
        ? factory.sharedIndexInformerFor(api, kind, resync, namespace, h)
        : factory.sharedIndexInformerFor(api, kind, resync, "", h);
    started.add(i);
    return i;
  }

  private void ingresses(BiConsumer<Class<?>, Throwable> onError) {
    var api = new GenericKubernetesApi<>(V1Ingress.class, V1IngressList.class, "networking.k8s.io", "v1",
        "ingresses", client);
    informer(api, V1Ingress.class, true, resyncMillis, onError).addEventHandler(new Handler<>() {
      @Override
      void added(V1Ingress i) {
        IngressFact f = IngressFactMapper.INSTANCE.toFact(i);
        store.putIngress(i, f);
        watchSecrets(i.getMetadata(), i.getMetadata());
        enqueue.accept(store.membership().groupsNamedBy(f));
        reportInvalidClass(i, f);
      }

      @Override
      void updated(V1Ingress before, V1Ingress after) {
        IngressFact old = store.ingress(IngressFactMapper.INSTANCE.toFact(before).key());
        IngressFact f = IngressFactMapper.INSTANCE.toFact(after);
        store.putIngress(after, f);
        watchSecrets(before.getMetadata(), after.getMetadata());
        if (Triggers.changed(before.getMetadata(), before.getSpec(), after.getMetadata(), after.getSpec())) {
          Set<String> groups = new LinkedHashSet<>(store.membership().groupsNamedBy(f));
          if (old != null) {
            groups.addAll(store.membership().groupsNamedBy(old));
          }
          enqueue.accept(groups);
          reportInvalidClass(after, f);
        }
      }

      @Override
      void deleted(V1Ingress i) {
        IngressFact f = IngressFactMapper.INSTANCE.toFact(i);
        Set<String> groups = store.membership().groupsNamedBy(f);
        store.removeIngress(f.key());
        watchSecrets(i.getMetadata(), i.getMetadata());
        enqueue.accept(groups); // normally gone through its finalizer already; this repairs a forced removal
      }
    });
  }

  private void reportInvalidClass(V1Ingress raw, IngressFact f) {
    String problem = store.membership().invalidClass(f);
    if (problem != null) {
      invalidClass.accept(raw, problem);
    }
  }

  private void services(BiConsumer<Class<?>, Throwable> onError) {
    var api = new GenericKubernetesApi<>(V1Service.class, V1ServiceList.class, "", "v1", "services", client);
    informer(api, V1Service.class, true, 0, onError).addEventHandler(new Handler<>() {
      @Override
      void added(V1Service s) {
        var f = ServiceFactMapper.INSTANCE.toFact(s);
        store.putService(f);
        watchSecrets(s.getMetadata(), s.getMetadata());
        enqueue.accept(store.groupsUsingService(f.namespace(), f.name()));
      }

      @Override
      void updated(V1Service before, V1Service after) {
        var f = ServiceFactMapper.INSTANCE.toFact(after);
        store.putService(f);
        watchSecrets(before.getMetadata(), after.getMetadata());
        if (!Triggers.resync(before.getMetadata(), after.getMetadata())
            && Triggers.changed(before.getMetadata(), before.getSpec(), after.getMetadata(), after.getSpec())) {
          enqueue.accept(store.groupsUsingService(f.namespace(), f.name()));
        }
      }

      @Override
      void deleted(V1Service s) {
        var f = ServiceFactMapper.INSTANCE.toFact(s);
        store.removeService(f.key());
        watchSecrets(s.getMetadata(), s.getMetadata());
        enqueue.accept(store.groupsUsingService(f.namespace(), f.name()));
      }
    });
  }

  private void classes(BiConsumer<Class<?>, Throwable> onError) {
    var api = new GenericKubernetesApi<>(V1IngressClass.class, V1IngressClassList.class, "networking.k8s.io", "v1",
        "ingressclasses", client);
    informer(api, V1IngressClass.class, false, 0, onError).addEventHandler(new Handler<>() {
      @Override
      void added(V1IngressClass c) {
        changedClass(null, IngressClassFactMapper.INSTANCE.toFact(c), false);
      }

      @Override
      void updated(V1IngressClass before, V1IngressClass after) {
        IngressClassFact old = IngressClassFactMapper.INSTANCE.toFact(before);
        if (!Triggers.resync(before.getMetadata(), after.getMetadata())
            && Triggers.changed(before.getMetadata(), before.getSpec(), after.getMetadata(), after.getSpec())) {
          changedClass(old, IngressClassFactMapper.INSTANCE.toFact(after), false);
        } else {
          store.putClass(IngressClassFactMapper.INSTANCE.toFact(after));
        }
      }

      @Override
      void deleted(V1IngressClass c) {
        changedClass(IngressClassFactMapper.INSTANCE.toFact(c), IngressClassFactMapper.INSTANCE.toFact(c), true);
      }
    });
  }

  private void changedClass(IngressClassFact before, IngressClassFact after, boolean gone) {
    Membership was = store.membership();
    if (gone) {
      store.removeClass(after.name());
    } else {
      store.putClass(after);
    }
    enqueue.accept(store.groupsUsingClass(after, before != null && before.isDefault(), was));
  }

  private void params(BiConsumer<Class<?>, Throwable> onError) {
    var api = new GenericKubernetesApi<>(CrdObject.class, CrdObject.CrdList.class, ELBV2,
        "v1beta1", "ingressclassparams", client);
    informer(api, CrdObject.class, false, 0, onError).addEventHandler(new Handler<>() {
      @Override
      void added(CrdObject o) {
        changedParams(o, false);
      }

      @Override
      void updated(CrdObject before, CrdObject after) {
        if (!Triggers.resync(before.getMetadata(), after.getMetadata())
            && Triggers.changed(before.getMetadata(), before.getSpec(), after.getMetadata(),
                after.getSpec())) {
          changedParams(after, false);
        } else {
          IngressClassParamsFact f = paramsFact(after);
          if (f != null) {
            store.putParams(f);
          }
        }
      }

      @Override
      void deleted(CrdObject o) {
        changedParams(o, true);
      }
    });
  }

  private void changedParams(CrdObject o, boolean gone) {
    Membership was = store.membership();
    String name = o.getMetadata().getName();
    IngressClassParamsFact f = gone ? null : paramsFact(o);
    if (f == null) {
      store.removeParams(name);
    } else {
      store.putParams(f);
    }
    enqueue.accept(store.groupsUsingParams(name, was));
  }

  private IngressClassParamsFact paramsFact(CrdObject o) {
    try {
      return ClusterReader.paramsFact(client.getJSON(), JSON.readTree(client.getJSON().serialize(o)));
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("informer", "IngressClassParams " + o.getMetadata().getName() + " cannot be read: " + e.getMessage(),
          null, null);
      return null;
    }
  }

  private void bindings(BiConsumer<Class<?>, Throwable> onError) {
    var api = new GenericKubernetesApi<>(CrdObject.class, CrdObject.CrdList.class, ELBV2,
        "v1beta1", "targetgroupbindings", client);
    informer(api, CrdObject.class, true, 0, onError).addEventHandler(new Handler<>() {
      @Override
      void added(CrdObject o) {
        store.putBinding(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
      }

      @Override
      void updated(CrdObject before, CrdObject after) {
        added(after);
      }

      @Override
      void deleted(CrdObject o) {
        store.removeBinding(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
      }
    });
  }

  private void namespaces(BiConsumer<Class<?>, Throwable> onError) {
    if (!namespace.isEmpty()) {
      // a namespace-restricted controller may not list namespaces: read its own once
      try {
        store.putNamespace(NamespaceFactMapper.INSTANCE.toFact(new CoreV1Api(client).readNamespace(namespace).execute()));
      } catch (ApiException e) {
        store.putNamespace(NamespaceFactMapper.undeclared(namespace));
      }
      return;
    }
    var api = new GenericKubernetesApi<>(V1Namespace.class, V1NamespaceList.class, "", "v1", "namespaces", client);
    informer(api, V1Namespace.class, false, 0, onError).addEventHandler(new Handler<>() {
      @Override
      void added(V1Namespace n) {
        store.putNamespace(NamespaceFactMapper.INSTANCE.toFact(n));
      }

      @Override
      void updated(V1Namespace before, V1Namespace after) {
        store.putNamespace(NamespaceFactMapper.INSTANCE.toFact(after));
        if (!java.util.Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
          enqueue.accept(store.groupsInNamespace(after.getMetadata().getName()));
        }
      }

      @Override
      void deleted(V1Namespace n) {
        store.removeNamespace(n.getMetadata().getName());
      }
    });
  }

  /** The Secrets watched follow the auth-idp-oidc annotations, when an object had or has one. */
  private void watchSecrets(io.kubernetes.client.openapi.models.V1ObjectMeta before,
      io.kubernetes.client.openapi.models.V1ObjectMeta after) {
    String oidc = dev.albc.rules.api.Ann.alb("auth-idp-oidc");
    if (hasAnnotation(before, oidc) || hasAnnotation(after, oidc)) {
      secrets.sync();
    }
  }

  private static boolean hasAnnotation(io.kubernetes.client.openapi.models.V1ObjectMeta m, String key) {
    return m != null && m.getAnnotations() != null && m.getAnnotations().containsKey(key);
  }

  /**
   * List and watch of the objects of one namespace that a label or field selector picks (either may
   * be null), for an informer of only those.
   */
  static <T extends KubernetesObject, L extends io.kubernetes.client.common.KubernetesListObject>
      io.kubernetes.client.informer.ListerWatcher<T, L> selected(GenericKubernetesApi<T, L> api, String namespace,
          String labelSelector, String fieldSelector) {
    return new io.kubernetes.client.informer.ListerWatcher<>() {
      @Override
      public L list(io.kubernetes.client.util.CallGeneratorParams p) throws ApiException {
        return api.list(namespace, options(p)).throwsApiException().getObject();
      }

      @Override
      public io.kubernetes.client.util.Watchable<T> watch(io.kubernetes.client.util.CallGeneratorParams p)
          throws ApiException {
        return api.watch(namespace, options(p));
      }

      private ListOptions options(io.kubernetes.client.util.CallGeneratorParams p) {
        ListOptions o = new ListOptions();
        o.setLabelSelector(labelSelector);
        o.setFieldSelector(fieldSelector);
        o.setResourceVersion(p.resourceVersion);
        o.setTimeoutSeconds(p.timeoutSeconds);
        return o;
      }
    };
  }

  /** Whether the elbv2.k8s.aws resource is served (its CRD installed). */
  private boolean crdServed(String plural) {
    var api = new GenericKubernetesApi<>(CrdObject.class, CrdObject.CrdList.class, ELBV2,
        "v1beta1", plural, client);
    ListOptions one = new ListOptions();
    one.setLimit(1);
    var r = namespace.isEmpty() || plural.equals("ingressclassparams") ? api.list(one) : api.list(namespace, one);
    return r.getHttpStatusCode() != 404;
  }

  /** A handler whose exceptions are logged, not lost in the informer's thread. */
  private abstract class Handler<T extends KubernetesObject> implements ResourceEventHandler<T> {
    abstract void added(T o);

    abstract void updated(T before, T after);

    abstract void deleted(T o);

    @Override
    public void onAdd(T o) {
      guarded(() -> added(o), o);
    }

    @Override
    public void onUpdate(T before, T after) {
      guarded(() -> updated(before, after), after);
    }

    @Override
    public void onDelete(T o, boolean unknownFinalState) {
      guarded(() -> deleted(o), o);
    }

    private void guarded(Runnable r, T o) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("informer", o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()
            + ": " + e, null, null);
      }
    }
  }
}
