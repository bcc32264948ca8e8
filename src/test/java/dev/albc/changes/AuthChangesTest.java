package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.intents.SecretRef;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The planner and an OIDC rule's client secret (docs/apply.md#client-secrets): AWS never returns it,
 * so it is not compared; a kept hash that differs (a rotation) is a ModifyRule; the secret is never
 * printed in a diff. And rule transforms: compared, removed with ResetTransforms.
 */
class AuthChangesTest {
  static final String OIDC = "auth-type: oidc\n"
      + "    alb.ingress.kubernetes.io/auth-idp-oidc: '{\"issuer\":\"https://idp.example.com\",\"authorizationEndpoint\":"
      + "\"https://idp.example.com/auth\",\"tokenEndpoint\":\"https://idp.example.com/token\",\"userInfoEndpoint\":"
      + "\"https://idp.example.com/userinfo\",\"secretName\":\"oidc-client\"}'";

  static UnaryOperator<String> withSecret(String value) {
    return s -> annotate(OIDC).apply(s) + "\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: oidc-client,"
        + " namespace: shop}\nstringData: {clientID: my-client, clientSecret: " + value + "}\n";
  }

  /** The Ingress with one more annotation (written literally, unlike ChangesGoldenTest.annotate's regex). */
  static UnaryOperator<String> annotate(String annotation) {
    return s -> s.replaceFirst("  annotations:\n", java.util.regex.Matcher.quoteReplacement(
        "  annotations:\n    alb.ingress.kubernetes.io/" + annotation + "\n"));
  }

  /** The stack with every rule's OIDC action as {@code edit} makes it. */
  static ObservedStack editOidc(ObservedStack s, java.util.function.Consumer<ObjectNode> edit) {
    List<ObservedResource> rules = s.rules().stream().map(r -> {
      ObjectNode b = r.body().deepCopy();
      for (JsonNode a : b.path("Actions")) {
        if (a.get("AuthenticateOidcConfig") instanceof ObjectNode c) {
          edit.accept(c);
        }
      }
      return r.withBody(b);
    }).toList();
    return new ObservedStack(s.groupId(), s.loadBalancers(), s.listeners(), rules, s.targetGroups(), s.securityGroups(),
        s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(), s.bindings(), s.conflicts());
  }

  @Test
  void theRuleCarriesAPlaceholderNeverTheSecret() {
    DesiredGroup g = ChangesGoldenTest.https(withSecret("s3cr3t"));
    assertThat(g.diagnostics()).noneMatch(d -> d.isError());
    GroupChanges created = ChangePlanner.plan(g, ObservedStack.empty(g.id()), ChangePlannerTest.NO_CLUSTER);
    String all = created.changes().toString() + g.resources();
    assertThat(all).doesNotContain("s3cr3t");
    assertThat(created.changes().stream().flatMap(c -> c.steps().stream())
        .filter(s -> s.call().equals("elbv2:CreateRule")).map(s -> s.request().toString()).toList())
        .anySatisfy(r -> assertThat(r).contains("\"$secret\":\"shop/oidc-client\"")
            .contains(SecretRef.hash("shop/oidc-client", "clientSecret", "s3cr3t")));
  }

  @Test
  void aClientSecretAwsDoesNotReturnIsNoDrift() {
    DesiredGroup g = ChangesGoldenTest.https(withSecret("s3cr3t"));
    ObservedStack applied = editOidc(Simulated.applied(g, false), c -> c.remove("ClientSecret"));
    assertThat(applied.rules()).isNotEmpty();
    assertThat(ChangePlanner.plan(g, applied, ChangePlannerTest.NO_CLUSTER).changes()).isEmpty();
  }

  @Test
  void theHashLastSentMatchingIsNoDriftAndAnotherIsARotation() {
    DesiredGroup g = ChangesGoldenTest.https(withSecret("s3cr3t"));
    String sent = SecretRef.hash("shop/oidc-client", "clientSecret", "s3cr3t");
    ObservedStack same = editOidc(Simulated.applied(g, false), c -> c.putObject("ClientSecret").put("Hash", sent));
    assertThat(ChangePlanner.plan(g, same, ChangePlannerTest.NO_CLUSTER).changes()).isEmpty();

    DesiredGroup rotated = ChangesGoldenTest.https(withSecret("n3w-s3cr3t"));
    GroupChanges gc = ChangePlanner.plan(rotated, same, ChangePlannerTest.NO_CLUSTER);
    assertThat(gc.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.calls()).contains("elbv2:ModifyRule"));
    String text = gc.changes().toString();
    assertThat(text).doesNotContain("s3cr3t").contains("secret shop/oidc-client "
        + SecretRef.hash("shop/oidc-client", "clientSecret", "n3w-s3cr3t"));
  }

  @Test
  void aClientSecretAnEmulatorReturnsIsComparedByHashAndNeverShown() {
    DesiredGroup g = ChangesGoldenTest.https(withSecret("s3cr3t"));
    ObservedStack same = editOidc(Simulated.applied(g, false), c -> c.put("ClientSecret", "s3cr3t"));
    assertThat(ChangePlanner.plan(g, same, ChangePlannerTest.NO_CLUSTER).changes()).isEmpty();
    ObservedStack old = editOidc(Simulated.applied(g, false), c -> c.put("ClientSecret", "old-s3cr3t"));
    GroupChanges gc = ChangePlanner.plan(g, old, ChangePlannerTest.NO_CLUSTER);
    assertThat(gc.changes()).isNotEmpty();
    assertThat(gc.changes().toString()).doesNotContain("old-s3cr3t").contains("ClientSecret=(hidden)");
  }

  @Test
  void transformsAreComparedAndRemovedWithResetTransforms() {
    String t = "transforms.storefront: '[{\"type\":\"url-rewrite\",\"urlRewriteConfig\":{\"rewrites\":[{\"regex\":\"^/a/(.*)$\","
        + "\"replace\":\"/$1\"}]}}]'";
    DesiredGroup with = ChangesGoldenTest.https(annotate(t));
    DesiredGroup without = ChangesGoldenTest.https(x -> x);
    assertThat(ChangePlanner.plan(with, Simulated.applied(with, false), ChangePlannerTest.NO_CLUSTER).changes()).isEmpty();
    GroupChanges add = ChangePlanner.plan(with, Simulated.applied(without, false), ChangePlannerTest.NO_CLUSTER);
    assertThat(add.changes()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.calls()).contains("elbv2:ModifyRule");
      assertThat(c.diff()).extracting(FieldDiff::field).contains("Transforms");
    });
    GroupChanges drop = ChangePlanner.plan(without, Simulated.applied(with, false), ChangePlannerTest.NO_CLUSTER);
    assertThat(drop.changes()).isNotEmpty().allSatisfy(c ->
        assertThat(c.steps().get(0).request().path("ResetTransforms").asBoolean()).isTrue());
  }
}
