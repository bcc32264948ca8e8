package dev.albc.facts;

import java.util.List;
import java.util.Map;

/**
 * A load balancer of the account ({@code aws elbv2 describe-load-balancers}, its tags from
 * {@code aws elbv2 describe-tags}): the subnets of a group's existing ALB are kept while its scheme is
 * unchanged (docs/annotations.md "subnets"). {@code subnetIds} (of its availability zones) are sorted;
 * {@code tags} is null when no tags were given for it.
 */
public record LoadBalancerFact(
    String arn, String name, String type, String scheme, String vpcId, List<String> subnetIds,
    Map<String, String> tags) {

  public static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";
  public static final String STACK_TAG = "ingress.k8s.aws/stack";

  public LoadBalancerFact {
    subnetIds = subnetIds == null ? List.of() : subnetIds.stream().sorted().distinct().toList();
    tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
  }

  /** The same load balancer with these tags. */
  public LoadBalancerFact withTags(Map<String, String> t) {
    return new LoadBalancerFact(arn, name, type, scheme, vpcId, subnetIds, t);
  }

  /**
   * True when it carries the stack tags of this cluster's IngressGroup (the reference finds a
   * group's load balancer by {@code elbv2.k8s.aws/cluster} and {@code ingress.k8s.aws/stack}).
   */
  public boolean ofStack(String clusterName, String groupId) {
    return tags != null && clusterName.equals(tags.get(CLUSTER_TAG)) && groupId.equals(tags.get(STACK_TAG));
  }
}
