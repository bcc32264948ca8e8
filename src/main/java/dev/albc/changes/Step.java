package dev.albc.changes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API call of a change: {@code service:Operation} and its request with the API's member
 * names; a value another step produces is a {@code {"$ref": ResourceId}} the executor resolves.
 *
 * @param call {@code elbv2:CreateTargetGroup}, {@code ec2:AuthorizeSecurityGroupIngress},
 *     {@code k8s:CreateTargetGroupBinding}, …
 * @param produces the ResourceId whose ARN (or id) the response gives, else null
 * @param post true for a step that runs after every other change of the group (deleting what the
 *     new resources replace), bindings first, then target groups, then security groups
 */
@JsonPropertyOrder({"call", "request", "produces"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Step(String call, ObjectNode request, String produces, @JsonIgnore boolean post) {

  public static Step of(String call, ObjectNode request) {
    return new Step(call, request, null, false);
  }

  public static Step producing(String call, ObjectNode request, String resourceId) {
    return new Step(call, request, resourceId, false);
  }

  public static Step post(String call, ObjectNode request) {
    return new Step(call, request, null, true);
  }

  @JsonIgnore
  public String service() {
    return call.substring(0, call.indexOf(':'));
  }

  @JsonIgnore
  public String operation() {
    return call.substring(call.indexOf(':') + 1);
  }
}
