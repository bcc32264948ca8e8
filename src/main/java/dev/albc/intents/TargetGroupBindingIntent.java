package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A TargetGroupBinding (elbv2.k8s.aws/v1beta1) to create in the Service's namespace, named after
 * its target group. {@code Spec} is the CRD's spec; its targetGroupARN is a {@link Ref}.
 */
@JsonPropertyOrder({"ResourceId", "Kind", "Name", "Namespace", "Labels", "Spec"})
public record TargetGroupBindingIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonProperty("Name") String name,
    @JsonProperty("Namespace") String namespace,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Spec") Map<String, Object> spec)
    implements Intent {

  public static final String KIND = "K8S::ElasticLoadBalancingV2::TargetGroupBinding";

  @Override
  public String resourceId() {
    return id;
  }

  @Override
  public String kind() {
    return KIND;
  }
}
