package dev.albc.targets;

import java.util.Optional;
import java.util.Set;

/**
 * What the targets reconciler writes to the cluster ({@link KubeBindingWrites} is client-java's):
 * an interface, so the reconciler is tested without an API server.
 */
public interface BindingWrites {
  void addFinalizer(Binding b);

  void removeFinalizer(Binding b);

  /** Sets the checkpoint annotation (and its timestamp). */
  void checkpoint(Binding b, String checkpoint);

  /** Patches {@code status.observedGeneration}, and a {@code Ready} condition when reason is not null. */
  void status(Binding b, long observedGeneration, String readyStatus, String reason, String message);

  /** Sets a pod's readiness-gate condition. */
  void podCondition(String namespace, String pod, ReadinessGates.Wanted condition);

  /** The targets this cluster registered for a multi-cluster binding; empty when never recorded. */
  Optional<Set<String>> trackedTargets(Binding b);

  void trackTargets(Binding b, Set<String> identifiers);

  void untrackTargets(Binding b);
}
