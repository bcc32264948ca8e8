package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A value that another resource of the plan produces: its ARN or id, named by its ResourceId. */
public record Ref(@JsonProperty("$ref") String ref) {
  public static Ref to(String resourceId) {
    return new Ref(resourceId);
  }
}
