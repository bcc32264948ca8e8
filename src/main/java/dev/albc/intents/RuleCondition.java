package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** An ELBv2 RuleCondition with the API's member names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Field"})
public record RuleCondition(
    @JsonProperty("Field") String field,
    @JsonProperty("HostHeaderConfig") ValuesConfig hostHeaderConfig,
    @JsonProperty("PathPatternConfig") ValuesConfig pathPatternConfig,
    @JsonProperty("HttpHeaderConfig") HttpHeaderConfig httpHeaderConfig,
    @JsonProperty("HttpRequestMethodConfig") ValuesConfig httpRequestMethodConfig,
    @JsonProperty("QueryStringConfig") QueryStringConfig queryStringConfig,
    @JsonProperty("SourceIpConfig") ValuesConfig sourceIpConfig) {

  public static RuleCondition hostHeader(List<String> values, List<String> regexValues) {
    return new RuleCondition(
        "host-header", ValuesConfig.of(values, regexValues), null, null, null, null, null);
  }

  public static RuleCondition pathPattern(List<String> values, List<String> regexValues) {
    return new RuleCondition(
        "path-pattern", null, ValuesConfig.of(values, regexValues), null, null, null, null);
  }

  public static RuleCondition httpHeader(String name, List<String> values, List<String> regex) {
    return new RuleCondition(
        "http-header", null, null, new HttpHeaderConfig(name, nullIfEmpty(values), nullIfEmpty(regex)),
        null, null, null);
  }

  public static RuleCondition httpRequestMethod(List<String> values) {
    return new RuleCondition(
        "http-request-method", null, null, null, ValuesConfig.of(values, null), null, null);
  }

  public static RuleCondition queryString(List<Map<String, String>> values) {
    return new RuleCondition(
        "query-string", null, null, null, null, new QueryStringConfig(values), null);
  }

  public static RuleCondition sourceIp(List<String> values) {
    return new RuleCondition(
        "source-ip", null, null, null, null, null, ValuesConfig.of(values, null));
  }

  private static List<String> nullIfEmpty(List<String> l) {
    return l == null || l.isEmpty() ? null : List.copyOf(l);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ValuesConfig(
      @JsonProperty("Values") List<String> values,
      @JsonProperty("RegexValues") List<String> regexValues) {
    static ValuesConfig of(List<String> values, List<String> regexValues) {
      return new ValuesConfig(nullIfEmpty(values), nullIfEmpty(regexValues));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HttpHeaderConfig(
      @JsonProperty("HttpHeaderName") String httpHeaderName,
      @JsonProperty("Values") List<String> values,
      @JsonProperty("RegexValues") List<String> regexValues) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record QueryStringConfig(@JsonProperty("Values") List<Map<String, String>> values) {}
}
