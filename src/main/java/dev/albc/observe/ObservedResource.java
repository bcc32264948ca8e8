package dev.albc.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One existing resource of a stack, as AWS (or the cluster) describes it.
 *
 * @param kind the plan's Kind ({@code AWS::ElasticLoadBalancingV2::TargetGroup}, …)
 * @param id the ARN (ELBv2), the group id (EC2 security group) or {@code namespace/name} (a
 *     TargetGroupBinding)
 * @param name the resource's name (load balancer, target group, security group, binding), or null
 * @param tags its tags (labels for a binding)
 * @param body the describe call's object with the API's member names (for a binding: the object)
 * @param attributes its attributes when they were read, else null
 * @param parent the ARN of the load balancer (listener) or listener (rule), else null
 */
public record ObservedResource(
    String kind,
    String id,
    String name,
    Map<String, String> tags,
    ObjectNode body,
    Map<String, String> attributes,
    String parent) {

  public static final String RESOURCE_TAG = "ingress.k8s.aws/resource";
  public static final String STACK_TAG = "ingress.k8s.aws/stack";
  public static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";

  public ObservedResource {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    attributes = attributes == null ? null : Map.copyOf(attributes);
  }

  /** The {@code ingress.k8s.aws/resource} tag, or null. */
  public String resourceTag() {
    return tags.get(RESOURCE_TAG);
  }

  /** A text member of the body, or null. */
  public String text(String member) {
    var n = body == null ? null : body.get(member);
    return n == null || n.isNull() ? null : n.asText();
  }

  public ObservedResource withTags(Map<String, String> t) {
    return new ObservedResource(kind, id, name, t, body, attributes, parent);
  }

  public ObservedResource withAttributes(Map<String, String> a) {
    return new ObservedResource(kind, id, name, tags, body, a, parent);
  }

  public ObservedResource withBody(ObjectNode b) {
    return new ObservedResource(kind, id, name, tags, b, attributes, parent);
  }
}
