package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** ELBv2 CreateRule, ResourceId {@code <port>:<priority>}; {@code Transforms} only when there are some. */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record ListenerRuleIntent(
    @JsonIgnore String groupId,
    @JsonIgnore int port,
    @JsonIgnore String ingressKey,
    @JsonProperty("ListenerArn") Ref listenerArn,
    @JsonProperty("Priority") int priority,
    @JsonProperty("Conditions") List<RuleCondition> conditions,
    @JsonProperty("Actions") List<Action> actions,
    @JsonProperty("Transforms") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RuleTransform> transforms,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  /** A rule without transforms. */
  public ListenerRuleIntent(String groupId, int port, String ingressKey, Ref listenerArn, int priority,
      List<RuleCondition> conditions, List<Action> actions, Map<String, String> tags) {
    this(groupId, port, ingressKey, listenerArn, priority, conditions, actions, List.of(), tags);
  }

  public ListenerRuleIntent {
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
  }

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
