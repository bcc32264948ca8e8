package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * ELBv2 CreateListener. {@code Certificates} holds the default certificate only (as the API takes
 * it); {@code SniCertificates} the others (AddListenerCertificates, which also gets the default one,
 * as the reference sends it). {@code MutualAuthentication} (the API's MutualAuthenticationAttributes)
 * only with the {@code mutual-authentication} annotation, as the reference's CreateListener leaves
 * it out otherwise. {@code Attributes} are the listener attributes (ModifyListenerAttributes), only
 * when some are set. Default actions carry {@code Order} as the reference's do (docs/differences.md).
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record ListenerIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonProperty("LoadBalancerArn") Ref loadBalancerArn,
    @JsonProperty("Port") int port,
    @JsonProperty("Protocol") String protocol,
    @JsonProperty("SslPolicy") String sslPolicy,
    @JsonProperty("Certificates") List<Map<String, Object>> certificates,
    @JsonProperty("SniCertificates") List<Map<String, Object>> sniCertificates,
    @JsonProperty("DefaultActions") List<Action> defaultActions,
    @JsonProperty("MutualAuthentication") Map<String, Object> mutualAuthentication,
    @JsonProperty("Attributes") Map<String, String> attributes,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  /** A listener without listener attributes. */
  public ListenerIntent(String groupId, Ref loadBalancerArn, int port, String protocol, String sslPolicy,
      List<Map<String, Object>> certificates, List<Map<String, Object>> sniCertificates, List<Action> defaultActions,
      Map<String, Object> mutualAuthentication, Map<String, String> tags) {
    this(groupId, loadBalancerArn, port, protocol, sslPolicy, certificates, sniCertificates, defaultActions,
        mutualAuthentication, null, tags);
  }

  /** A listener of the group's ALB: its ResourceId is its port. */
  public ListenerIntent(String groupId, Ref loadBalancerArn, int port, String protocol, String sslPolicy,
      List<Map<String, Object>> certificates, List<Map<String, Object>> sniCertificates, List<Action> defaultActions,
      Map<String, Object> mutualAuthentication, Map<String, String> attributes, Map<String, String> tags) {
    this(groupId, String.valueOf(port), loadBalancerArn, port, protocol, sslPolicy, certificates, sniCertificates,
        defaultActions, mutualAuthentication, attributes, tags);
  }

  /** True for a listener of the group's ALB (not of the frontend NLB); one naming no load balancer is the ALB's. */
  @JsonIgnore
  public boolean onAlb() {
    return loadBalancerArn == null || LoadBalancerIntent.RESOURCE_ID.equals(loadBalancerArn.ref());
  }

  public static final String KIND = "AWS::ElasticLoadBalancingV2::Listener";

  @Override
  public String resourceId() {
    return id;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Listeners sort by port number, the ALB's before the frontend NLB's. */
  @Override
  public String orderKey() {
    return (onAlb() ? "" : loadBalancerArn.ref() + "-") + String.format("%05d", port);
  }
}
