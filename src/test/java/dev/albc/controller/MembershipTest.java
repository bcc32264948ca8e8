package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTest {
  static IngressFact ing(String ns, String name, String cls, Map<String, String> ann, List<String> finalizers,
      boolean deleting) {
    return new IngressFact(ns, name, "uid", cls, ann, Map.of(), null, List.of(), List.of(), finalizers, deleting);
  }

  static final IngressClassFact ALB = new IngressClassFact("alb", IngressClassFact.ALB_CONTROLLER, false, null, null, null);
  static final IngressClassFact NGINX = new IngressClassFact("nginx", "k8s.io/ingress-nginx", false, null, null, null);
  static final IngressClassFact WITH_PARAMS = new IngressClassFact("shared", IngressClassFact.ALB_CONTROLLER, false,
      "elbv2.k8s.aws", "IngressClassParams", "p");

  final Membership m = new Membership("alb", Map.of("alb", ALB, "nginx", NGINX, "shared", WITH_PARAMS),
      Map.of("p", params("p", "team")));

  static IngressClassParamsFact params(String name, String group) {
    return new IngressClassParamsFact(name, null, group, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  @Test
  void implicitExplicitAndParamsGroups() {
    assertThat(m.groupOf(ing("a", "shop", "alb", Map.of(), List.of(), false))).isEqualTo("a/shop");
    assertThat(m.groupOf(ing("a", "shop", "alb", Map.of("alb.ingress.kubernetes.io/group.name", "web"), List.of(),
        false))).isEqualTo("web");
    assertThat(m.groupOf(ing("a", "shop", "shared", Map.of("alb.ingress.kubernetes.io/group.name", "web"),
        List.of(), false))).as("IngressClassParams group.name wins").isEqualTo("team");
  }

  @Test
  void otherControllersDeletedAndBadNamesAreNoMember() {
    assertThat(m.groupOf(ing("a", "shop", "nginx", Map.of(), List.of(), false))).isNull();
    assertThat(m.groupOf(ing("a", "shop", "alb", Map.of(), List.of(), true))).isNull();
    assertThat(m.groupOf(ing("a", "shop", "alb", Map.of("alb.ingress.kubernetes.io/group.name", "Bad_Name"),
        List.of(), false))).isNull();
    assertThat(m.groupOf(ing("a", "shop", null, Map.of("kubernetes.io/ingress.class", "nginx"), List.of(), false)))
        .isNull();
    assertThat(m.groupOf(ing("a", "shop", null, Map.of("kubernetes.io/ingress.class", "alb"), List.of(), false)))
        .isEqualTo("a/shop");
    assertThat(m.groupOf(ing("a", "shop", null, Map.of(), List.of(), false))).as("no class, no default").isNull();
    assertThat(m.groupOf(ing("a", "shop", "missing", Map.of(), List.of(), false)))
        .as("a missing class and no finalizer: no member (reference: ErrInvalidIngressClass tolerated)").isNull();
  }

  @Test
  void anInvalidClassHoldsAFormerMemberInItsGroupAndIsReportedOtherwise() {
    // reference group_loader.go checkGroupMembershipType: ErrInvalidIngressClass is an error for an
    // Ingress holding the group's finalizer (issue #2731), ignored for one that holds none
    var badKind = new IngressClassFact("odd", IngressClassFact.ALB_CONTROLLER, false, "example.com", "Thing", "t");
    var noParams = new IngressClassFact("gone", IngressClassFact.ALB_CONTROLLER, false, "elbv2.k8s.aws",
        "IngressClassParams", "nope");
    Membership mm = new Membership("alb", Map.of("odd", badKind, "gone", noParams, "nginx", NGINX), Map.of());
    Map<String, String> web = Map.of("alb.ingress.kubernetes.io/group.name", "web");
    for (String cls : List.of("missing", "odd", "gone")) {
      assertThat(mm.groupOf(ing("a", "shop", cls, web, List.of("group.ingress.k8s.aws/web"), false)))
          .as(cls + ": held in its group").isEqualTo("web");
      assertThat(mm.groupOf(ing("a", "shop", cls, Map.of(), List.of("ingress.k8s.aws/resources"), false)))
          .as(cls + ": implicit group").isEqualTo("a/shop");
      assertThat(mm.groupOf(ing("a", "shop", cls, Map.of(), List.of("group.ingress.k8s.aws/team"), false)))
          .as(cls + ": the group of its finalizer (its IngressClassParams named it)").isEqualTo("team");
      assertThat(mm.groupOf(ing("a", "shop", cls, web, List.of(), false))).as(cls + ": never a member").isNull();
      assertThat(mm.invalidClass(ing("a", "shop", cls, web, List.of("group.ingress.k8s.aws/web"), false)))
          .as("a member is told by its group's reconcile, not here").isNull();
    }
    assertThat(mm.invalidClass(ing("a", "shop", "missing", Map.of(), List.of(), false))).isEqualTo(
        "failed load groupID due to invalid ingress class: ingressclasses.networking.k8s.io \"missing\" not found");
    assertThat(mm.invalidClass(ing("a", "shop", "odd", Map.of(), List.of(), false)))
        .isEqualTo("failed load groupID due to invalid ingress class: IngressClass odd references unknown parameters");
    assertThat(mm.invalidClass(ing("a", "shop", "gone", Map.of(), List.of(), false))).isEqualTo(
        "failed load groupID due to invalid ingress class: ingressclassparams.elbv2.k8s.aws \"nope\" not found");
    assertThat(mm.invalidClass(ing("a", "shop", "nginx", Map.of(), List.of(), false))).as("another controller's").isNull();
    assertThat(mm.invalidClass(ing("a", "shop", "missing", Map.of(), List.of(), true))).as("being deleted").isNull();
  }

  @Test
  void theDefaultClassAdoptsClasslessIngresses() {
    var def = new IngressClassFact("d", IngressClassFact.ALB_CONTROLLER, true, null, null, null);
    Membership withDefault = new Membership("alb", Map.of("d", def), Map.of());
    assertThat(withDefault.groupOf(ing("a", "shop", null, Map.of(), List.of(), false))).isEqualTo("a/shop");
  }

  @Test
  void finalizersNameTheGroupsLeftBehind() {
    IngressFact moved = ing("a", "shop", "alb", Map.of("alb.ingress.kubernetes.io/group.name", "new"),
        List.of("group.ingress.k8s.aws/old", "ingress.k8s.aws/resources", "other/finalizer"), false);
    assertThat(m.groupsNamedBy(moved)).containsExactly("new", "old", "a/shop");
    assertThat(Membership.finalizerOf("a/shop")).isEqualTo("ingress.k8s.aws/resources");
    assertThat(Membership.finalizerOf("web")).isEqualTo("group.ingress.k8s.aws/web");
  }

  @Test
  void serviceReferencesIncludeActionAnnotations() {
    IngressFact i = new IngressFact("a", "shop", "u", "alb", Map.of("alb.ingress.kubernetes.io/actions.blue",
        "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"blue\",\"servicePort\":80}]}}"),
        Map.of(), new IngressFact.BackendFact("web", null, 80, null), List.of(), List.of(), List.of(), false);
    assertThat(Membership.refersTo(i, "web")).isTrue();
    assertThat(Membership.refersTo(i, "blue")).isTrue();
    assertThat(Membership.refersTo(i, "red")).isFalse();
  }
}
