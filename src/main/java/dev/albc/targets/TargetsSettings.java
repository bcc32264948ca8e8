package dev.albc.targets;

import dev.albc.facts.ControllerSettings;
import java.time.Duration;

/**
 * The targets reconciler's flags, with the reference's names and defaults (docs/targets.md, "Flags").
 *
 * @param failOpen feature gate {@code EndpointsFailOpen}: nodes and endpoints with Ready=Unknown serve
 *     when none is Ready
 * @param requeue {@code --targetgroupbinding-requeue-duration}: re-check while a gated pod is not ready
 * @param workers {@code --targetgroupbinding-max-concurrent-reconciles}
 * @param maxBackoff {@code --targetgroupbinding-max-exponential-backoff-delay}
 * @param readinessGateInject {@code --enable-pod-readiness-gate-inject}
 */
public record TargetsSettings(boolean failOpen, Duration requeue, int workers, Duration maxBackoff,
                              boolean readinessGateInject) {

  public static TargetsSettings defaults() {
    return new TargetsSettings(true, Duration.ofSeconds(15), 3, Duration.ofSeconds(1000), true);
  }

  /** The defaults, with the gate from the controller's settings. */
  public static TargetsSettings of(ControllerSettings s) {
    TargetsSettings d = defaults();
    return new TargetsSettings(s.gate("EndpointsFailOpen"), d.requeue(), d.workers(), d.maxBackoff(),
        d.readinessGateInject());
  }

  public TargetsSettings withRequeue(Duration d) {
    return new TargetsSettings(failOpen, d, workers, maxBackoff, readinessGateInject);
  }
}
