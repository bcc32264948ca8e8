package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.executor.LiveFixture;
import dev.albc.changes.LiveChanges;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.Scope;

/** WAFv2 web ACL association and Shield Advanced protection of the load balancer. */
@IntegrationTest
class AddonsIT {
  static final String QUICKSTART = LiveFixture.example("quickstart");

  static String annotate(String yaml, String waf, String shield) {
    return yaml.replace("  annotations:\n    alb.ingress.kubernetes.io/scheme",
        "  annotations:\n    alb.ingress.kubernetes.io/wafv2-acl-arn: " + waf
            + "\n    alb.ingress.kubernetes.io/shield-advanced-protection: \"" + shield + "\""
            + "\n    alb.ingress.kubernetes.io/scheme");
  }

  @Test
  void webAclAndShieldProtectionAreAssociatedAndRemoved(ItContext it) {
    String acl = it.aws().wafv2().createWebACL(r -> r.name("albc-it").scope(Scope.REGIONAL)
        .defaultAction(a -> a.allow(x -> { }))
        .visibilityConfig(v -> v.sampledRequestsEnabled(false).cloudWatchMetricsEnabled(false).metricName("albc")))
        .summary().arn();
    try (LiveFixture f = new LiveFixture(it)) {
      String on = annotate(QUICKSTART, acl, "true");

      // no Shield Advanced subscription: the protection is left out, and said so
      LiveChanges first = f.apply(on).changes();
      assertThat(ApplyIT.summary(first)).contains("create WebACLAssociation WebACLAssociation")
          .noneMatch(s -> s.contains("Protection ShieldProtection"));
      assertThat(first.groups().get(0).notes()).anyMatch(n -> n.contains("no active Shield Advanced subscription"));
      String lbArn = f.loadBalancers().get(0).loadBalancerArn();
      assertThat(it.aws().wafv2().getWebACLForResource(r -> r.resourceArn(lbArn)).webACL().arn()).isEqualTo(acl);
      ApplyIT.assertNoChange(f, on);

      it.aws().shield().createSubscription(r -> { });
      LiveChanges subscribed = f.apply(on).changes();
      assertThat(ApplyIT.summary(subscribed)).containsExactly("create Protection ShieldProtection");
      assertThat(it.aws().shield().describeProtection(r -> r.resourceArn(lbArn)).protection().name())
          .isEqualTo("managed by aws-load-balancer-controller");
      ApplyIT.assertNoChange(f, on);

      String off = annotate(QUICKSTART, "none", "false");
      LiveChanges removed = f.apply(off).changes();
      assertThat(LiveFixture.calls(removed)).containsExactly("wafv2:DisassociateWebACL", "shield:DeleteProtection");
      assertThat(it.aws().wafv2().getWebACLForResource(r -> r.resourceArn(lbArn)).webACL()).isNull();
      ApplyIT.assertNoChange(f, off);
    }
  }
}
