package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.AddonIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.observe.ObservedResource;
import java.util.List;

/**
 * The load balancer's add-ons: the WAFv2 web ACL association and the Shield Advanced protection,
 * compared with what the observer read for the kept load balancer (nothing for a new one, which is
 * then named by reference). Shield is left alone without an active subscription (a note says so).
 */
final class AddonChanges {
  private final ChangeContext ctx;

  AddonChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /** @param keptLb the load balancer that is kept, or null (a new one) */
  void plan(List<AddonIntent> addons, ObservedResource keptLb) {
    JsonNode lbArn = keptLb != null ? Requests.obj().textNode(keptLb.id()) : Requests.ref(LoadBalancerIntent.RESOURCE_ID);
    for (AddonIntent a : addons) {
      if (AddonIntent.WAFV2.equals(a.kind())) {
        webAcl(a, keptLb, lbArn);
      } else if (AddonIntent.SHIELD.equals(a.kind())) {
        shield(a, keptLb, lbArn);
      }
    }
  }

  private void webAcl(AddonIntent a, ObservedResource keptLb, JsonNode lbArn) {
    String want = a.webAclArn() == null ? "" : a.webAclArn();
    String have = keptLb == null ? "" : ctx.observed.webAcls().getOrDefault(keptLb.id(), "");
    if (want.equals(have)) {
      return;
    }
    if (want.isEmpty()) {
      ObjectNode req = Requests.obj();
      req.set("ResourceArn", lbArn);
      ctx.add(Change.delete(a.kind(), a.resourceId(), have, "wafv2-acl-arn is none: the web ACL is disassociated",
              List.of(Step.of("wafv2:DisassociateWebACL", req)))
          .withRiskNote("the load balancer is no longer protected by the web ACL"));
      return;
    }
    ObjectNode req = Requests.obj();
    req.put("WebACLArn", want);
    req.set("ResourceArn", lbArn);
    List<Step> steps = List.of(Step.of("wafv2:AssociateWebACL", req));
    ctx.add(have.isEmpty()
        ? Change.create(a.kind(), a.resourceId(), want, "not associated", steps)
        : Change.modify(a.kind(), a.resourceId(), want, List.of(new FieldDiff("WebACLArn", have, want)), steps)
            .withReason("associated with " + have));
  }

  private void shield(AddonIntent a, ObservedResource keptLb, JsonNode lbArn) {
    if (!Boolean.TRUE.equals(ctx.observed.shieldActive())) {
      ctx.note("Shield Advanced protection not managed: the account has no active Shield Advanced subscription");
      return;
    }
    boolean want = Boolean.TRUE.equals(a.enabled());
    String have = keptLb == null ? "" : ctx.observed.shieldProtections().getOrDefault(keptLb.id(), "");
    if (want && have.isEmpty()) {
      ObjectNode req = Requests.obj();
      req.put("Name", ChangePlanner.SHIELD_PROTECTION_NAME);
      req.set("ResourceArn", lbArn);
      ctx.add(Change.create(a.kind(), a.resourceId(), ChangePlanner.SHIELD_PROTECTION_NAME,
          "shield-advanced-protection is true", List.of(Step.of("shield:CreateProtection", req))));
    } else if (!want && !have.isEmpty()) {
      ctx.add(protectionDeletion(a.kind(), a.resourceId(), have, "shield-advanced-protection is false")
          .withRiskNote("the load balancer loses Shield Advanced protection"));
    }
  }

  /** Deletes a Shield protection by its id. */
  static Change protectionDeletion(String kind, String resourceId, String protectionId, String reason) {
    ObjectNode req = Requests.obj();
    req.put("ProtectionId", protectionId);
    return Change.delete(kind, resourceId, protectionId, reason, List.of(Step.of("shield:DeleteProtection", req)));
  }
}
