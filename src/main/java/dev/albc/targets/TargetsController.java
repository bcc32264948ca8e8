package dev.albc.targets;

import dev.albc.aws.AwsSession;
import dev.albc.controller.CrdObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1EndpointSliceList;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1PodReadinessGate;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TargetGroupBinding controller (docs/targets.md): its own informers on TargetGroupBindings,
 * Services, Nodes, EndpointSlices and Pods, a {@link WorkQueue} keyed by binding
 * ({@code namespace/name}) and worker threads that run the {@link BindingReconciler} — only while
 * {@code isLeader} says so (the informers run on every replica, so the webhooks can read them).
 *
 * <p>The caller gives an {@link ApiClient} whose read timeout is 0 (watches wait for events).
 */
public final class TargetsController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TargetsController.class);
  static final String BY_SERVICE = "byService";
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private final SharedInformerFactory factory;
  private final SharedIndexInformer<CrdObject> bindings;
  private final SharedIndexInformer<V1Service> services;
  private final SharedIndexInformer<V1Node> nodes;
  private final SharedIndexInformer<V1EndpointSlice> slices;
  private final SharedIndexInformer<V1Pod> pods;
  private final WorkQueue queue;
  private final BindingReconciler reconciler;
  private final TargetsSettings settings;
  private final BooleanSupplier isLeader;
  private final TargetsMetrics metrics = new TargetsMetrics();
  private final InformerView view;
  private ExecutorService workers;
  private volatile boolean stopped;

  /** The controller with the SDK's target groups and security groups, watching every namespace. */
  public TargetsController(ApiClient client, AwsSession aws, TargetsSettings settings, BooleanSupplier isLeader) {
    this(client, "", aws, settings, isLeader);
  }

  /** The controller with the SDK's target groups and security groups; {@code namespace} "" = all. */
  public TargetsController(ApiClient client, String namespace, AwsSession aws, TargetsSettings settings,
                           BooleanSupplier isLeader) {
    this(client, namespace, new SdkTargetGroups(aws), new SdkSecurityGroupRules(aws), settings, isLeader,
        Clock.systemUTC());
  }

  public TargetsController(ApiClient client, String namespace, TargetGroups aws, SecurityGroupRules securityGroups,
                           TargetsSettings settings, BooleanSupplier isLeader, Clock clock) {
    this.settings = settings;
    this.isLeader = isLeader;
    this.factory = new SharedInformerFactory(client);
    this.bindings = informer(new GenericKubernetesApi<>(CrdObject.class, CrdObject.CrdList.class,
        KubeBindingWrites.GROUP, KubeBindingWrites.VERSION, KubeBindingWrites.PLURAL, client), CrdObject.class,
        namespace);
    this.services = informer(new GenericKubernetesApi<>(V1Service.class, V1ServiceList.class,
        "", "v1", "services", client), V1Service.class, namespace);
    this.nodes = informer(new GenericKubernetesApi<>(V1Node.class, V1NodeList.class,
        "", "v1", "nodes", client), V1Node.class, "");
    this.slices = informer(new GenericKubernetesApi<>(V1EndpointSlice.class,
        V1EndpointSliceList.class, "discovery.k8s.io", "v1", "endpointslices", client), V1EndpointSlice.class,
        namespace);
    this.pods = informer(new GenericKubernetesApi<>(V1Pod.class, V1PodList.class,
        "", "v1", "pods", client), V1Pod.class, namespace);
    bindings.addIndexers(Map.of(BY_SERVICE, o -> {
      Binding b = InformerView.binding(o);
      return List.of(b.namespace() + "/" + b.serviceName());
    }));
    slices.addIndexers(Map.of(BY_SERVICE, s -> {
      String svc = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
      return svc == null ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + svc);
    }));
    this.view = new InformerView(bindings, services, nodes, slices, pods);
    this.queue = new WorkQueue(settings.maxBackoff());
    this.reconciler = new BindingReconciler(view, aws, new KubeBindingWrites(client, clock), settings, metrics,
        new BindingNetworking(securityGroups, settings.clusterName(), settings.vpcId(), clock,
            settings.restrictedSgRules()), clock);
    registerHandlers();
  }

  private <T extends KubernetesObject, L extends io.kubernetes.client.common.KubernetesListObject>
      SharedIndexInformer<T> informer(GenericKubernetesApi<T, L> api, Class<T> kind, String namespace) {
    return factory.sharedIndexInformerFor(api, kind, 0, namespace == null ? "" : namespace,
        (k, t) -> LOG.warn("watching {} failed: {}", k.getSimpleName(), t.toString()));
  }

  /** Whether the API server serves TargetGroupBindings (their CRD is installed) in the namespace ("" = all). */
  public static boolean served(ApiClient client, String namespace) {
    var api = new GenericKubernetesApi<>(CrdObject.class, CrdObject.CrdList.class, KubeBindingWrites.GROUP,
        KubeBindingWrites.VERSION, KubeBindingWrites.PLURAL, client);
    io.kubernetes.client.util.generic.options.ListOptions one = new io.kubernetes.client.util.generic.options.ListOptions();
    one.setLimit(1);
    var r = namespace == null || namespace.isEmpty() ? api.list(one) : api.list(namespace, one);
    return r.getHttpStatusCode() != 404;
  }

  /** The informer-fed view (the pod mutator reads bindings and Services from it). */
  public ClusterView view() {
    return view;
  }

  public TargetsMetrics metrics() {
    return metrics;
  }

  public boolean hasSynced() {
    return bindings.hasSynced() && services.hasSynced() && nodes.hasSynced() && slices.hasSynced()
        && pods.hasSynced();
  }

  /** Starts the informers, waits (bounded) for their first list, then the workers. */
  public void start(Duration syncTimeout) throws InterruptedException {
    startInformers();
    long deadline = System.nanoTime() + syncTimeout.toNanos();
    while (!hasSynced()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("TargetGroupBinding informers not synced after " + syncTimeout.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
    startWorkers();
  }

  /** Starts the informers only (every replica: the webhooks read them); {@link #hasSynced()} tells when. */
  public void startInformers() {
    factory.startAllRegisteredInformers();
  }

  /**
   * Starts the {@code --targetgroupbinding-max-concurrent-reconciles} workers (the leader, once the
   * informers have synced); queues every binding.
   */
  public synchronized void startWorkers() {
    if (workers != null) {
      return;
    }
    workers = Executors.newFixedThreadPool(settings.workers(), r -> {
      Thread t = new Thread(r, "albc-targets-worker");
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < settings.workers(); i++) {
      workers.submit(this::work);
    }
    enqueueAll();
  }

  /**
   * Starts the workers once the informers have synced, on a thread of its own (the caller, the
   * Ingress side of {@code albc controller}, does not wait); logs while it waits.
   */
  public void startWorkersWhenSynced() {
    Thread t = new Thread(() -> {
      long since = System.nanoTime();
      while (!hasSynced() && !stopped) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
        if (System.nanoTime() - since > Duration.ofSeconds(30).toNanos()) {
          LOG.warn("TargetGroupBinding informers not synced yet; workers wait for them");
          since = System.nanoTime();
        }
      }
      if (!stopped) {
        startWorkers();
        LOG.info("TargetGroupBinding informers synced: {} worker(s) started", settings.workers());
      }
    }, "albc-targets-start");
    t.setDaemon(true);
    t.start();
  }

  /** Queues every binding (e.g. when this replica starts leading). */
  public void enqueueAll() {
    view.bindings().forEach(b -> queue.add(b.key()));
  }

  private void work() {
    while (!stopped) {
      String key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (!isLeader.getAsBoolean()) {
          queue.addAfter(key, Duration.ofSeconds(2));
          continue;
        }
        process(key);
      } finally {
        queue.done(key);
      }
    }
  }

  private void process(String key) {
    CrdObject o = bindings.getIndexer().getByKey(key);
    if (o == null) {
      queue.forget(key);
      return;
    }
    Binding b = InformerView.binding(o);
    try {
      BindingReconciler.Outcome out = reconciler.reconcile(b);
      queue.forget(key);
      if (!out.skipped()) {
        LOG.info("TargetGroupBinding {}: registered {}, deregistered {}", key, out.registered(), out.deregistered());
      }
      if (out.requeueAfter() != null) {
        queue.addAfter(key, out.requeueAfter());
      }
    } catch (BindingException e) {
      LOG.warn("TargetGroupBinding {}: {}", key, e.getMessage());
      queue.retry(key);
    } catch (RuntimeException e) {
      LOG.warn("TargetGroupBinding {} failed: {}", key, e.toString());
      queue.retry(key);
    }
  }

  private void registerHandlers() {
    bindings.addEventHandler(handler(o -> queue.add(InformerView.binding(o).key()), (a, b) ->
        queue.add(InformerView.binding(b).key())));
    services.addEventHandler(handler(s -> bindingsOf(s.getMetadata().getNamespace(), s.getMetadata().getName())
        .forEach(queue::add), (a, b) -> {
          if (!Objects.equals(a.getSpec() == null ? null : a.getSpec().getPorts(),
              b.getSpec() == null ? null : b.getSpec().getPorts())) {
            bindingsOf(b.getMetadata().getNamespace(), b.getMetadata().getName()).forEach(queue::add);
          }
        }));
    slices.addEventHandler(handler(this::sliceChanged, (a, b) -> sliceChanged(b)));
    nodes.addEventHandler(handler(n -> instanceBindings(), (a, b) -> {
      if (!NodeEligibility.signature(a).equals(NodeEligibility.signature(b))) {
        instanceBindings();
      }
    }));
    pods.addEventHandler(handler(this::podChanged, (a, b) -> podChanged(b)));
  }

  private void sliceChanged(V1EndpointSlice s) {
    String svc = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
    if (svc != null) {
      bindingsOf(s.getMetadata().getNamespace(), svc).forEach(queue::add);
    }
  }

  private void podChanged(V1Pod p) {
    if (p.getSpec() == null || p.getSpec().getReadinessGates() == null) {
      return;
    }
    for (V1PodReadinessGate g : p.getSpec().getReadinessGates()) {
      String type = g.getConditionType();
      if (type != null && type.startsWith(ReadinessGates.PREFIX)) {
        queue.add(p.getMetadata().getNamespace() + "/" + type.substring(ReadinessGates.PREFIX.length()));
      }
    }
  }

  private void instanceBindings() {
    view.bindings().stream().filter(Binding::instanceMode).forEach(b -> queue.add(b.key()));
  }

  private List<String> bindingsOf(String namespace, String service) {
    List<String> out = new ArrayList<>();
    for (CrdObject o : bindings.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service)) {
      out.add(InformerView.binding(o).key());
    }
    return out;
  }

  private static <T extends KubernetesObject> ResourceEventHandler<T> handler(Consumer<T> addOrDelete,
                                                                              BiConsumer<T, T> update) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        addOrDelete.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        update.accept(oldObj, newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        addOrDelete.accept(obj);
      }
    };
  }

  /** Work in the queue (for tests and metrics). */
  public int queued() {
    return queue.size();
  }

  @Override
  public void close() {
    stopped = true;
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    factory.stopAllRegisteredInformers();
  }

  /** The reconciler's view of the informer caches. */
  static final class InformerView implements ClusterView {
    private final SharedIndexInformer<CrdObject> bindings;
    private final SharedIndexInformer<V1Service> services;
    private final SharedIndexInformer<V1Node> nodes;
    private final SharedIndexInformer<V1EndpointSlice> slices;
    private final SharedIndexInformer<V1Pod> pods;

    InformerView(SharedIndexInformer<CrdObject> bindings, SharedIndexInformer<V1Service> services,
                 SharedIndexInformer<V1Node> nodes, SharedIndexInformer<V1EndpointSlice> slices,
                 SharedIndexInformer<V1Pod> pods) {
      this.bindings = bindings;
      this.services = services;
      this.nodes = nodes;
      this.slices = slices;
      this.pods = pods;
    }

    static Binding binding(CrdObject o) {
      return Binding.of(o);
    }

    @Override
    public V1Service service(String namespace, String name) {
      return services.getIndexer().getByKey(namespace + "/" + name);
    }

    @Override
    public Collection<V1Node> nodes() {
      return nodes.getIndexer().list();
    }

    @Override
    public V1Node node(String name) {
      return nodes.getIndexer().getByKey(name);
    }

    @Override
    public List<V1EndpointSlice> endpointSlices(String namespace, String service) {
      return slices.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service);
    }

    @Override
    public V1Pod pod(String namespace, String name) {
      return pods.getIndexer().getByKey(namespace + "/" + name);
    }

    @Override
    public List<Binding> bindings() {
      return bindings.getIndexer().list().stream().map(InformerView::binding).toList();
    }
  }
}
