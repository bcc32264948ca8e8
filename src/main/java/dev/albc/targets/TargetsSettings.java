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
 * @param clusterName {@code --cluster-name}: the tag {@code kubernetes.io/cluster/<name>} picks a
 *     node's or pod's security group for spec.networking
 * @param vpcId {@code --aws-vpc-id}: where pod ENIs and cluster security groups are looked up
 *     (a binding's own {@code vpcID} wins)
 * @param restrictedSgRules not {@code --disable-restricted-sg-rules}: the rules from one security
 *     group and protocol collapse into one port range (docs/targets.md, "Networking")
 */
public record TargetsSettings(boolean failOpen, Duration requeue, int workers, Duration maxBackoff,
                              boolean readinessGateInject, String clusterName, String vpcId,
                              boolean restrictedSgRules) {

  /** Restricted security group rules (the default). */
  public TargetsSettings(boolean failOpen, Duration requeue, int workers, Duration maxBackoff,
                         boolean readinessGateInject, String clusterName, String vpcId) {
    this(failOpen, requeue, workers, maxBackoff, readinessGateInject, clusterName, vpcId, true);
  }

  /** The reference's defaults, for a cluster and VPC. */
  public static TargetsSettings defaults(String clusterName, String vpcId) {
    return new TargetsSettings(true, Duration.ofSeconds(15), 3, Duration.ofSeconds(1000), true, clusterName, vpcId);
  }

  /** The defaults, with the gate, the security group rule mode, cluster and VPC from the controller's settings. */
  public static TargetsSettings of(ControllerSettings s) {
    TargetsSettings d = defaults(s.clusterName(), s.vpcId());
    return new TargetsSettings(s.gate("EndpointsFailOpen"), d.requeue(), d.workers(), d.maxBackoff(),
        d.readinessGateInject(), d.clusterName(), d.vpcId(), !s.disableRestrictedSgRules());
  }

  /** {@code --targetgroupbinding-requeue-duration}. */
  public TargetsSettings withRequeue(Duration d) {
    return new TargetsSettings(failOpen, d, workers, maxBackoff, readinessGateInject, clusterName, vpcId,
        restrictedSgRules);
  }

  /** {@code --targetgroupbinding-max-concurrent-reconciles}. */
  public TargetsSettings withWorkers(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("--targetgroupbinding-max-concurrent-reconciles must be at least 1");
    }
    return new TargetsSettings(failOpen, requeue, n, maxBackoff, readinessGateInject, clusterName, vpcId,
        restrictedSgRules);
  }

  /** {@code --targetgroupbinding-max-exponential-backoff-delay}. */
  public TargetsSettings withMaxBackoff(Duration d) {
    return new TargetsSettings(failOpen, requeue, workers, d, readinessGateInject, clusterName, vpcId,
        restrictedSgRules);
  }
}
