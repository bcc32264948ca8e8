package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An ELBv2 Action: forward, redirect or fixed-response, with the API's member names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Type", "Order"})
public record Action(
    @JsonProperty("Type") String type,
    @JsonProperty("Order") Integer order,
    @JsonProperty("TargetGroupArn") Object targetGroupArn,
    @JsonProperty("ForwardConfig") ForwardConfig forwardConfig,
    @JsonProperty("RedirectConfig") RedirectConfig redirectConfig,
    @JsonProperty("FixedResponseConfig") FixedResponseConfig fixedResponseConfig) {

  public static Action forward(List<TargetGroupTuple> groups, StickinessConfig stickiness) {
    return new Action("forward", null, null, new ForwardConfig(groups, stickiness), null, null);
  }

  public static Action redirect(RedirectConfig config) {
    return new Action("redirect", null, null, null, config, null);
  }

  public static Action fixedResponse(String contentType, String statusCode, String body) {
    return new Action(
        "fixed-response", null, null, null, null, new FixedResponseConfig(body, statusCode, contentType));
  }

  /** This action with its Order set (the SDK's Order is index + 1). */
  public Action withOrder(int o) {
    return new Action(type, o, targetGroupArn, forwardConfig, redirectConfig, fixedResponseConfig);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ForwardConfig(
      @JsonProperty("TargetGroups") List<TargetGroupTuple> targetGroups,
      @JsonProperty("TargetGroupStickinessConfig") StickinessConfig targetGroupStickinessConfig) {}

  /** {@code TargetGroupArn} is a literal ARN or a {@link Ref} to a target group of the plan. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TargetGroupTuple(
      @JsonProperty("TargetGroupArn") Object targetGroupArn,
      @JsonProperty("Weight") Integer weight) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StickinessConfig(
      @JsonProperty("Enabled") Boolean enabled,
      @JsonProperty("DurationSeconds") Integer durationSeconds) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"Protocol", "Port", "Host", "Path", "Query", "StatusCode"})
  public record RedirectConfig(
      @JsonProperty("Protocol") String protocol,
      @JsonProperty("Port") String port,
      @JsonProperty("Host") String host,
      @JsonProperty("Path") String path,
      @JsonProperty("Query") String query,
      @JsonProperty("StatusCode") String statusCode) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"MessageBody", "StatusCode", "ContentType"})
  public record FixedResponseConfig(
      @JsonProperty("MessageBody") String messageBody,
      @JsonProperty("StatusCode") String statusCode,
      @JsonProperty("ContentType") String contentType) {}
}
