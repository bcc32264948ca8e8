package dev.albc.targets;

import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One TargetGroupBinding reconciled (docs/targets.md, "The reconcile"): the steps, in order, are
 * finalizer → desired targets → checkpoint → DescribeTargetHealth → deregister and register →
 * security-group rules ({@link BindingNetworking}) → readiness-gate conditions → checkpoint and
 * status. A deleted binding has its targets deregistered (only its own, for a multi-cluster one) and
 * its security-group rules revoked before its finalizer goes. Reads the cluster from a
 * {@link ClusterView} only; writes through {@link BindingWrites} and {@link TargetGroups}.
 */
public final class BindingReconciler {

  /** What a reconcile did; requeueAfter non-null: look again after it (a gated pod is not ready). */
  public record Outcome(Duration requeueAfter, int registered, int deregistered, boolean skipped) {}

  /** The targets a binding wants and the pods behind them (ip mode). */
  record Desired(List<Target> targets, Map<Target, String> podOf) {}

  private final ClusterView cluster;
  private final TargetGroups aws;
  private final BindingWrites writes;
  private final TargetsSettings settings;
  private final TargetsMetrics metrics;
  private final BindingNetworking networking;
  private final Clock clock;
  private final Map<String, Instant> registeredAt = new ConcurrentHashMap<>();

  public BindingReconciler(ClusterView cluster, TargetGroups aws, BindingWrites writes, TargetsSettings settings,
                           TargetsMetrics metrics, BindingNetworking networking, Clock clock) {
    this.cluster = cluster;
    this.aws = aws;
    this.writes = writes;
    this.settings = settings;
    this.metrics = metrics;
    this.networking = networking;
    this.clock = clock;
  }

  public Outcome reconcile(Binding b) {
    if (b.deleting()) {
      return cleanup(b);
    }
    if (b.targetGroupArn().isBlank()) {
      throw new BindingException("spec.targetGroupARN is empty (the mutating webhook fills it from targetGroupName)");
    }
    if (!b.hasFinalizer()) {
      writes.addFinalizer(b);
    }
    Desired desired = desired(b);
    String checkpoint = Checkpoint.of(b, desired.targets());
    List<V1Pod> gated = gatedPods(b, desired);
    if (checkpoint.equals(b.checkpoint()) && gated.stream().allMatch(p -> "True".equals(
        PodEndpoints.condition(p, b.readinessGate())))) {
      if (b.networking() != null && !networking.knows(b)) {
        networking(b, desired); // first look since the controller started: its rules count for the others
      }
      metrics.skipped();
      status(b);
      return new Outcome(null, 0, 0, true);
    }
    List<TargetHealth> observed = aws.health(b.targetGroupArn()).orElseThrow(() ->
        new BindingException("target group " + b.targetGroupArn() + " does not exist"));
    TargetDiff diff = TargetDiff.of(desired.targets(), observed);
    List<Target> deregister = ownTargets(b, diff.deregister());
    if (!deregister.isEmpty()) {
      aws.deregister(b.targetGroupArn(), deregister);
      metrics.deregistered(deregister.size());
      deregister.forEach(t -> registeredAt.remove(b.key() + "|" + t.identifier()));
    }
    if (b.multiCluster()) {
      Set<String> ids = new TreeSet<>();
      desired.targets().forEach(t -> ids.add(t.identifier()));
      writes.trackTargets(b, ids);
    }
    if (!diff.register().isEmpty()) {
      aws.register(b.targetGroupArn(), diff.register());
      metrics.registered(diff.register().size());
      Instant now = clock.instant();
      diff.register().forEach(t -> registeredAt.put(b.key() + "|" + t.identifier(), now));
    }
    if (b.networking() != null || networking.knows(b)) {
      networking(b, desired);
    }
    boolean pending = false;
    if (!gated.isEmpty()) {
      List<TargetHealth> health = diff.isEmpty() ? observed : aws.health(b.targetGroupArn()).orElse(List.of());
      pending = updateGates(b, desired, gated, health);
    }
    writes.checkpoint(b, checkpoint);
    status(b);
    return new Outcome(pending ? settings.requeue() : null, diff.register().size(), deregister.size(), false);
  }

  /** The binding's targets now: the eligible nodes on the NodePort, or the pod endpoints. */
  Desired desired(Binding b) {
    V1Service svc = cluster.service(b.namespace(), b.serviceName());
    if (svc == null) {
      throw new BindingException("Service " + b.namespace() + "/" + b.serviceName() + " not found");
    }
    V1ServicePort port = servicePort(svc, b.servicePort());
    if (b.instanceMode()) {
      String type = svc.getSpec().getType();
      if (!"NodePort".equals(type) && !"LoadBalancer".equals(type) || port.getNodePort() == null
          || port.getNodePort() == 0) {
        throw new BindingException("Service " + b.namespace() + "/" + b.serviceName()
            + " has no NodePort: your service must be of type NodePort or LoadBalancer for targetType instance");
      }
      return new Desired(NodeEligibility.targets(cluster.nodes(), b.nodeSelector(), settings.failOpen(),
          port.getNodePort()), Map.of());
    }
    Predicate<String> inVpc = inVpc(b);
    var endpoints = PodEndpoints.endpoints(cluster.endpointSlices(b.namespace(), b.serviceName()),
        port.getName() == null ? "" : port.getName(), p -> cluster.pod(b.namespace(), p), cluster::node,
        List.of(b.readinessGate()), inVpc);
    List<Target> targets = new ArrayList<>();
    Map<Target, String> podOf = new HashMap<>();
    for (var e : endpoints) {
      targets.add(e.target());
      if (e.podName() != null) {
        podOf.put(e.target().key(), e.podName());
      }
    }
    return new Desired(targets, podOf);
  }

  /** The security-group rules of spec.networking for these targets (docs/targets.md, "Networking"). */
  private void networking(Binding b, Desired d) {
    networking.reconcile(b, d.targets(), name -> {
      if (b.instanceMode()) {
        throw new BindingException("spec.networking: named port " + name + " can only be used with ip targets");
      }
      Set<Integer> ports = new TreeSet<>();
      for (String podName : new TreeSet<>(d.podOf().values())) {
        V1Pod p = cluster.pod(b.namespace(), podName);
        Integer port = p == null ? null : containerPort(p, name);
        if (port == null) {
          throw new BindingException("spec.networking: pod " + b.namespace() + "/" + podName + " has no container port "
              + name);
        }
        ports.add(port);
      }
      return ports;
    }, cluster.bindings());
  }

  static Integer containerPort(V1Pod p, String name) {
    if (p.getSpec() == null) {
      return null;
    }
    for (var c : p.getSpec().getContainers()) {
      for (var port : c.getPorts() == null ? List.<io.kubernetes.client.openapi.models.V1ContainerPort>of() : c.getPorts()) {
        if (name.equals(port.getName())) {
          return port.getContainerPort();
        }
      }
    }
    return null;
  }

  static V1ServicePort servicePort(V1Service svc, String ref) {
    List<V1ServicePort> ports = svc.getSpec() == null || svc.getSpec().getPorts() == null
        ? List.of() : svc.getSpec().getPorts();
    for (V1ServicePort p : ports) {
      if (ref.equals(String.valueOf(p.getPort())) || ref.equals(p.getName())) {
        return p;
      }
    }
    throw new BindingException("Service " + svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName()
        + " has no port " + ref);
  }

  private Predicate<String> inVpc(Binding b) {
    String vpc = b.vpcId();
    if (vpc.isBlank()) {
      vpc = aws.byArn(b.targetGroupArn()).map(TargetGroups.Info::vpcId).orElse("");
    }
    List<Cidr> cidrs = vpc.isBlank() ? List.of() : aws.vpcCidrs(vpc).stream().map(Cidr::parse).toList();
    return ip -> cidrs.isEmpty() || cidrs.stream().anyMatch(c -> c.contains(ip));
  }

  private List<V1Pod> gatedPods(Binding b, Desired d) {
    List<V1Pod> out = new ArrayList<>();
    for (String name : new TreeSet<>(d.podOf().values())) {
      V1Pod p = cluster.pod(b.namespace(), name);
      if (p != null && ReadinessGates.hasGate(p, b.readinessGate())) {
        out.add(p);
      }
    }
    return out;
  }

  /** Patches the gated pods' conditions from the targets' health; true while any is not True. */
  private boolean updateGates(Binding b, Desired d, List<V1Pod> gated, List<TargetHealth> health) {
    Map<String, TargetHealth> byPod = new HashMap<>();
    for (TargetHealth h : health) {
      String pod = d.podOf().get(h.target().key());
      if (pod != null) {
        byPod.put(pod, h);
      }
    }
    boolean pending = false;
    for (V1Pod p : gated) {
      String name = p.getMetadata().getName();
      TargetHealth h = byPod.get(name);
      ReadinessGates.Wanted w = ReadinessGates.wanted(b.readinessGate(), h);
      if (!ReadinessGates.shows(p, w)) {
        writes.podCondition(b.namespace(), name, w);
        if ("True".equals(w.status()) && h != null) {
          Instant at = registeredAt.remove(b.key() + "|" + h.target().identifier());
          if (at != null) {
            metrics.readyAfterRegistration(Duration.between(at, clock.instant()));
          }
        }
      }
      pending |= !"True".equals(w.status());
    }
    return pending;
  }

  /** Deletion: deregister (own targets only for multi-cluster), release gated pods, drop the finalizer. */
  private Outcome cleanup(Binding b) {
    if (!b.hasFinalizer()) {
      return new Outcome(null, 0, 0, true);
    }
    int deregistered = 0;
    if (!b.targetGroupArn().isBlank()) {
      Optional<List<TargetHealth>> observed = aws.health(b.targetGroupArn());
      if (observed.isPresent()) {
        List<Target> present = new ArrayList<>();
        observed.get().stream().filter(h -> !h.draining() && !h.notRegistered())
            .forEach(h -> present.add(h.target().key()));
        List<Target> own = ownTargets(b, present);
        if (!own.isEmpty()) {
          aws.deregister(b.targetGroupArn(), own);
          metrics.deregistered(own.size());
        }
        deregistered = own.size();
      }
    }
    if (!b.instanceMode()) {
      releaseGates(b);
    }
    if (b.multiCluster()) {
      writes.untrackTargets(b);
    }
    networking.cleanup(b, cluster.bindings());
    registeredAt.keySet().removeIf(k -> k.startsWith(b.key() + "|"));
    writes.removeFinalizer(b);
    return new Outcome(null, 0, deregistered, false);
  }

  /** A deleted binding no longer holds its pods back: their gate turns True (as the reference). */
  private void releaseGates(Binding b) {
    for (var slice : cluster.endpointSlices(b.namespace(), b.serviceName())) {
      if (slice.getEndpoints() == null) {
        continue;
      }
      for (var e : slice.getEndpoints()) {
        if (e.getTargetRef() == null || !"Pod".equals(e.getTargetRef().getKind())) {
          continue;
        }
        V1Pod p = cluster.pod(b.namespace(), e.getTargetRef().getName());
        ReadinessGates.Wanted w = new ReadinessGates.Wanted(b.readinessGate(), "True", "Elb.BindingDeleted",
            "the TargetGroupBinding was deleted");
        if (p != null && ReadinessGates.hasGate(p, b.readinessGate())
            && !"True".equals(PodEndpoints.condition(p, b.readinessGate()))) {
          writes.podCondition(b.namespace(), p.getMetadata().getName(), w);
        }
      }
    }
  }

  /**
   * The targets this cluster may deregister: all of them, or for a multi-cluster binding only the
   * ones it recorded (none while nothing is recorded yet, as the reference).
   */
  private List<Target> ownTargets(Binding b, List<Target> candidates) {
    if (!b.multiCluster() || candidates.isEmpty()) {
      return candidates;
    }
    Optional<Set<String>> tracked = writes.trackedTargets(b);
    if (tracked.isEmpty()) {
      return List.of();
    }
    return candidates.stream().filter(t -> tracked.get().contains(t.identifier())).toList();
  }

  private void status(Binding b) {
    if (b.observedGeneration() != b.generation()) {
      writes.status(b, b.generation(), null, null, null);
    }
  }
}
