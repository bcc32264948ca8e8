package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.sources.InputException;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 2: manifest objects that look like Kubernetes but that albc would skip without a
 * word — a misspelt kind, an Ingress in the core API group — are input errors naming what was meant;
 * other kinds are still skipped.
 */
class ManifestMistakesTest {
  @Test
  void aKindOneEditAwayFromIngressIsAnErrorNamingIngress() {
    assertThatThrownBy(() -> LimitPlans.plan(
        "---\napiVersion: networking.k8s.io/v1\nkind: Ingres\nmetadata: {name: shop, namespace: demo}\nspec: {}\n"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown kind Ingres in networking.k8s.io/v1 (did you mean Ingress?)");
  }

  @Test
  void aMisspeltServiceIsAnErrorToo() {
    assertThatThrownBy(() -> LimitPlans.plan(
        "---\napiVersion: v1\nkind: Servce\nmetadata: {name: web2, namespace: demo}\nspec: {}\n"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("did you mean Service?");
  }

  @Test
  void anIngressWithApiVersionV1IsAnErrorLikeExtensionsV1beta1() {
    assertThatThrownBy(() -> LimitPlans.plan(
        "---\napiVersion: v1\nkind: Ingress\nmetadata: {name: shop, namespace: demo}\nspec: {}\n"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("apiVersion v1 is not supported for Ingress; expected networking.k8s.io/v1");
  }

  @Test
  void otherKindsAndOtherGroupsAreStillSkipped() {
    var plan = LimitPlans.plan("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: demo}\n"
        + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: demo}\n"
        + "---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k, namespace: demo}\n"
        + "---\napiVersion: example.com/v1\nkind: Ingres\nmetadata: {name: x, namespace: demo}\n");
    assertThat(plan.hasErrors()).isFalse();
  }
}
