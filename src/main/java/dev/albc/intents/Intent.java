package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A resource one IngressGroup wants. */
public interface Intent {
  /** The IngressGroup id. */
  @JsonIgnore
  String groupId();

  /** The value of the {@code ingress.k8s.aws/resource} tag, unique in its group. */
  @JsonProperty("ResourceId")
  String resourceId();

  /** The resource type, as the reference controller's stack names it. */
  @JsonProperty("Kind")
  String kind();
}
