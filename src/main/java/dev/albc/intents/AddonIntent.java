package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A load balancer add-on: a WAFv2 web ACL association ({@code WebACLArn}, empty = disassociate) or a
 * Shield Advanced protection ({@code Enabled}).
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record AddonIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonIgnore String addonKind,
    @JsonProperty("ResourceArn") Ref resourceArn,
    @JsonProperty("WebACLArn") String webAclArn,
    @JsonProperty("Enabled") Boolean enabled)
    implements Intent {

  public static final String WAFV2 = "AWS::WAFv2::WebACLAssociation";
  public static final String SHIELD = "AWS::Shield::Protection";

  public static AddonIntent wafv2(String groupId, String aclArn) {
    return new AddonIntent(groupId, "WebACLAssociation", WAFV2, Ref.to("LoadBalancer"), aclArn, null);
  }

  public static AddonIntent shield(String groupId, boolean enabled) {
    return new AddonIntent(groupId, "ShieldProtection", SHIELD, Ref.to("LoadBalancer"), null, enabled);
  }

  @Override
  public String resourceId() {
    return id;
  }

  @Override
  public String kind() {
    return addonKind;
  }
}
