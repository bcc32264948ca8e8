package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** ELBv2 CreateRule, ResourceId {@code <port>:<priority>}. */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record ListenerRuleIntent(
    @JsonIgnore String groupId,
    @JsonIgnore int port,
    @JsonIgnore String ingressKey,
    @JsonProperty("ListenerArn") Ref listenerArn,
    @JsonProperty("Priority") int priority,
    @JsonProperty("Conditions") List<RuleCondition> conditions,
    @JsonProperty("Actions") List<Action> actions,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String KIND = "AWS::ElasticLoadBalancingV2::ListenerRule";

  @Override
  public String resourceId() {
    return port + ":" + priority;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Listener rules sort by port, then priority. */
  @Override
  public String orderKey() {
    return String.format("%05d:%05d", port, priority);
  }
}
