package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An ELBv2 RuleTransform: {@code host-header-rewrite} or {@code url-rewrite}, with the API's member names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Type", "HostHeaderRewriteConfig", "UrlRewriteConfig"})
public record RuleTransform(
    @JsonProperty("Type") String type,
    @JsonProperty("HostHeaderRewriteConfig") Rewrites hostHeaderRewriteConfig,
    @JsonProperty("UrlRewriteConfig") Rewrites urlRewriteConfig) {

  public static final String HOST_HEADER_REWRITE = "host-header-rewrite";
  public static final String URL_REWRITE = "url-rewrite";

  /** {@code {"Rewrites": [{"Regex", "Replace"}]}}. */
  public record Rewrites(@JsonProperty("Rewrites") List<Rewrite> rewrites) {
    public Rewrites {
      rewrites = List.copyOf(rewrites);
    }
  }

  @JsonPropertyOrder({"Regex", "Replace"})
  public record Rewrite(@JsonProperty("Regex") String regex, @JsonProperty("Replace") String replace) {}
}
