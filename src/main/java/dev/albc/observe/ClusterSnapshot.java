package dev.albc.observe;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Every load balancer, target group and security group tagged for the cluster, read in a few
 * paginated calls when the controller's workers start (docs/controller.md "AWS reads after a
 * start"): one {@code GetResources} on the cluster tag (with the tags), the ARNs described 20 a
 * call, and one {@code DescribeSecurityGroups} on the VPC and the cluster tag. A group's first
 * observation after the start reads its part from here instead of making those calls itself;
 * {@link SharedObservations#snapshotFor} says when that is allowed.
 *
 * <p>Only complete reads make a snapshot: any call that fails (a page included) throws, and then
 * there is no snapshot and each group reads for itself. What the snapshot lacks is never taken as
 * absent: a wanted name it does not hold, a group with no security group in it, a resource without
 * tags are read by the observer as without a snapshot.
 *
 * @param takenAt when the first of its calls was made (its content is at least that recent)
 * @param tags tags by ARN of the cluster's load balancers and target groups
 * @param loadBalancers by ARN (those {@code tags} lists and AWS still describes)
 * @param targetGroups by ARN
 * @param securityGroups the VPC's security groups tagged for the cluster, the backend one included
 */
public record ClusterSnapshot(Instant takenAt, Map<String, Map<String, String>> tags,
    Map<String, LoadBalancer> loadBalancers, Map<String, TargetGroup> targetGroups,
    List<ObservedResource> securityGroups) {

  public ClusterSnapshot {
    tags = Map.copyOf(tags);
    loadBalancers = Map.copyOf(loadBalancers);
    targetGroups = Map.copyOf(targetGroups);
    securityGroups = List.copyOf(securityGroups);
  }

  /** The ARNs tagged for the stack, with their tags (what {@code GetResources} on its tags returns). */
  Map<String, Map<String, String>> tagged(Map<String, String> stackTags) {
    Map<String, Map<String, String>> out = new HashMap<>();
    tags.forEach((arn, t) -> {
      if (carries(t, stackTags)) {
        out.put(arn, t);
      }
    });
    return out;
  }

  /** Whether {@code tags} include every tag of {@code filters} with its value. */
  static boolean carries(Map<String, String> tags, Map<String, String> filters) {
    return filters.entrySet().stream().allMatch(f -> f.getValue().equals(tags.get(f.getKey())));
  }

  /** The load balancer of this name, if the snapshot holds it (null: unknown here, not absent). */
  LoadBalancer loadBalancerNamed(String name) {
    return loadBalancers.values().stream().filter(lb -> name.equals(lb.loadBalancerName())).findFirst()
        .orElse(null);
  }

  /** The target group of this name, if the snapshot holds it (null: unknown here). */
  TargetGroup targetGroupNamed(String name) {
    return targetGroups.values().stream().filter(tg -> name.equals(tg.targetGroupName())).findFirst()
        .orElse(null);
  }

  /** The security groups tagged for the stack. */
  List<ObservedResource> securityGroups(String groupId) {
    return securityGroups.stream().filter(g -> groupId.equals(g.tags().get(ObservedResource.STACK_TAG))).toList();
  }

  /** The cluster's backend security group, if the snapshot holds it. */
  ObservedResource backendSecurityGroup() {
    return securityGroups.stream().filter(g -> "backend-sg".equals(g.tags().get(Observer.BACKEND_SG_TAG)))
        .findFirst().orElse(null);
  }

  /** The stacks (stack tag values) the snapshot holds something of. */
  java.util.Set<String> stacks() {
    java.util.Set<String> out = new java.util.HashSet<>();
    tags.values().forEach(t -> {
      if (t.containsKey(ObservedResource.STACK_TAG)) {
        out.add(t.get(ObservedResource.STACK_TAG));
      }
    });
    securityGroups.forEach(g -> {
      if (g.tags().containsKey(ObservedResource.STACK_TAG)) {
        out.add(g.tags().get(ObservedResource.STACK_TAG));
      }
    });
    return out;
  }
}
