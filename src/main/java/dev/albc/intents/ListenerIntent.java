package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * ELBv2 CreateListener. {@code Certificates} holds the default certificate only (as the API takes
 * it); {@code SniCertificates} the others (AddListenerCertificates, which also gets the default one,
 * as the reference sends it). {@code MutualAuthentication} is left out, as the reference's
 * CreateListener leaves it out without the annotation (mTLS itself is not supported yet). Default
 * actions carry {@code Order} as the reference's do (docs/differences.md).
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record ListenerIntent(
    @JsonIgnore String groupId,
    @JsonProperty("LoadBalancerArn") Ref loadBalancerArn,
    @JsonProperty("Port") int port,
    @JsonProperty("Protocol") String protocol,
    @JsonProperty("SslPolicy") String sslPolicy,
    @JsonProperty("Certificates") List<Map<String, String>> certificates,
    @JsonProperty("SniCertificates") List<Map<String, String>> sniCertificates,
    @JsonProperty("DefaultActions") List<Action> defaultActions,
    @JsonProperty("MutualAuthentication") Map<String, Object> mutualAuthentication,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String KIND = "AWS::ElasticLoadBalancingV2::Listener";

  @Override
  public String resourceId() {
    return String.valueOf(port);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Listeners sort by port number. */
  @Override
  public String orderKey() {
    return String.format("%05d", port);
  }
}
