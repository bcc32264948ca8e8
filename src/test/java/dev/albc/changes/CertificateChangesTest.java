package dev.albc.changes;

import static dev.albc.changes.ChangePlannerTest.GROUP;
import static dev.albc.changes.ChangePlannerTest.INGRESS;
import static dev.albc.changes.ChangePlannerTest.NO_CLUSTER;
import static dev.albc.changes.ChangePlannerTest.SERVICES;
import static dev.albc.changes.ChangePlannerTest.SUBNETS;
import static dev.albc.changes.ChangePlannerTest.calls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.changes.Change.Action;
import dev.albc.desired.DesiredState;
import dev.albc.intents.CertificateIntent;
import dev.albc.intents.Intent;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Certificates albc requests (create-acm-cert) on the change side: CertificateChanges, the listener
 * naming the certificate, deletion only of the stack's certificates no Ingress wants.
 */
class CertificateChangesTest {
  static final Map<String, Boolean> GATE_ON = Map.of("EnableCertificateManagement", true);
  /** sha256("demo/shop")[:8]: the quickstart Ingress's certificate. */
  static final String CERT = "amazon_issued/shop.example.com-4a8aa0d0";
  static final String PCA = "arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555";

  static DesiredState.DesiredGroup quickstart(String annotations, Map<String, Boolean> gates) {
    String ingress = INGRESS.replace("alb.ingress.kubernetes.io/scheme: internet-facing",
        "alb.ingress.kubernetes.io/scheme: internet-facing" + annotations);
    return Simulated.group(Simulated.plan(ingress + "\n---\n" + SERVICES, List.of(SUBNETS), gates), GROUP);
  }

  static DesiredState.DesiredGroup withCert() {
    return quickstart("\n    alb.ingress.kubernetes.io/create-acm-cert: \"true\"", GATE_ON);
  }

  static ObservedResource certificate(String arn, String resourceId, String stack, List<String> names) {
    ObjectNode body = Requests.obj();
    body.put("CertificateArn", arn);
    body.put("Status", "ISSUED");
    body.put("Type", "AMAZON_ISSUED");
    names.forEach(body.withArray("SubjectAlternativeNameSummaries")::add);
    Map<String, String> tags = resourceId == null
        ? Map.of(ObservedResource.CLUSTER_TAG, "demo", ObservedResource.STACK_TAG, stack)
        : Map.of(ObservedResource.CLUSTER_TAG, "demo", ObservedResource.STACK_TAG, stack,
            ObservedResource.RESOURCE_TAG, resourceId);
    return new ObservedResource(CertificateIntent.KIND, arn, names.isEmpty() ? null : names.get(0), tags, body, null,
        null);
  }

  /** What applying {@code g} left, plus the stack's certificate {@code CERT} with these names and ARN. */
  static ObservedStack appliedWith(DesiredState.DesiredGroup g, String arn, String... names) {
    return Simulated.applied(g, false).withCertificates(List.of(certificate(arn, CERT, GROUP, List.of(names))));
  }

  /** The ARN the simulated stack gives the group's certificate. */
  static String arnOf(DesiredState.DesiredGroup g) {
    return Simulated.id(intent(g, CERT));
  }

  static Intent intent(DesiredState.DesiredGroup g, String id) {
    return g.resources().stream().filter(i -> i.resourceId().equals(id)).findFirst().orElseThrow();
  }

  static Change change(GroupChanges gc, String id) {
    return gc.changes().stream().filter(c -> id.equals(c.resourceId())).findFirst().orElseThrow();
  }

  @Test
  void aNewGroupRequestsTheCertificateBeforeTheListenerThatNamesIt() {
    GroupChanges gc = ChangePlanner.plan(withCert(), ObservedStack.empty(GROUP).withCertificates(List.of()),
        NO_CLUSTER);
    assertThat(calls(gc)).containsSubsequence("acm:RequestCertificate", "elbv2:CreateLoadBalancer",
        "elbv2:CreateListener");
    Step request = change(gc, CERT).steps().get(0);
    assertThat(request.produces()).isEqualTo(CERT);
    assertThat(request.request().toString()).isEqualTo("{\"DomainName\":\"shop.example.com\","
        + "\"SubjectAlternativeNames\":[\"shop.example.com\"],\"ValidationMethod\":\"DNS\",\"Tags\":["
        + "{\"Key\":\"elbv2.k8s.aws/cluster\",\"Value\":\"demo\"},{\"Key\":\"env\",\"Value\":\"demo\"},"
        + "{\"Key\":\"ingress.k8s.aws/resource\",\"Value\":\"" + CERT + "\"},"
        + "{\"Key\":\"ingress.k8s.aws/stack\",\"Value\":\"demo/shop\"},{\"Key\":\"team\",\"Value\":\"storefront\"}]}");
    // without listen-ports the Ingress listens on HTTPS:443, with the certificate by reference
    Step listener = change(gc, "443").steps().get(0);
    assertThat(listener.request().path("Protocol").asText()).isEqualTo("HTTPS");
    assertThat(listener.request().path("Certificates").toString())
        .isEqualTo("[{\"CertificateArn\":{\"$ref\":\"" + CERT + "\"}}]");
  }

  @Test
  void aPrivateCaIssuesTheCertificateWithoutDnsValidation() {
    DesiredState.DesiredGroup g = quickstart("\n    alb.ingress.kubernetes.io/create-acm-cert: \"true\""
        + "\n    alb.ingress.kubernetes.io/acm-pca-arn: " + PCA, GATE_ON);
    GroupChanges gc = ChangePlanner.plan(g, ObservedStack.empty(GROUP).withCertificates(List.of()), NO_CLUSTER);
    Step request = change(gc, "private/shop.example.com-4a8aa0d0").steps().get(0);
    assertThat(request.call()).isEqualTo("acm:RequestCertificate");
    assertThat(request.request().path("CertificateAuthorityArn").asText()).isEqualTo(PCA);
  }

  @Test
  void theStacksCertificateWithTheSameNamesIsKept() {
    DesiredState.DesiredGroup g = withCert();
    String arn = arnOf(g);
    ObservedStack s = appliedWith(g, arn, "shop.example.com");
    assertThat(ChangePlanner.plan(g, s, NO_CLUSTER).changes()).isEmpty();
  }

  @Test
  void otherNamesReplaceTheCertificateAndTheOldOneGoesAfterTheListenerMoved() {
    DesiredState.DesiredGroup g = withCert();
    String arn = arnOf(g);
    ObservedStack s = appliedWith(g, arn, "old.example.com");
    GroupChanges gc = ChangePlanner.plan(g, s, NO_CLUSTER);
    Change replace = change(gc, CERT);
    assertThat(replace.action()).isEqualTo(Action.REPLACE);
    assertThat(replace.calls()).containsExactly("acm:RequestCertificate", "acm:DeleteCertificate");
    assertThat(replace.steps().get(1).post()).as("deleted after the listener moved").isTrue();
    assertThat(replace.steps().get(1).request().toString()).isEqualTo("{\"CertificateArn\":\"" + arn + "\"}");
    Step modify = change(gc, "443").steps().get(0);
    assertThat(modify.call()).isEqualTo("elbv2:ModifyListener");
    assertThat(modify.request().path("Certificates").toString())
        .isEqualTo("[{\"CertificateArn\":{\"$ref\":\"" + CERT + "\"}}]");
  }

  @Test
  void aCertificateNoIngressWantsIsDeletedLast() {
    DesiredState.DesiredGroup g = quickstart("", GATE_ON);
    String arn = "arn:aws:acm:us-west-2:111122223333:certificate/old";
    ObservedStack s = appliedWith(g, arn, "shop.example.com");
    GroupChanges gc = ChangePlanner.plan(g, s, NO_CLUSTER);
    assertThat(gc.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.resourceId()).isEqualTo(CERT);
      assertThat(c.steps()).singleElement().satisfies(st -> {
        assertThat(st.call()).isEqualTo("acm:DeleteCertificate");
        assertThat(st.post()).isTrue();
      });
    });
  }

  @Test
  void certificatesNotReadAreNeverDeletedAndNeverRequested() {
    DesiredState.DesiredGroup plain = quickstart("", GATE_ON);
    // not read (the gate is off where AWS is read): nothing to delete, whatever the stack holds
    assertThat(ChangePlanner.plan(plain, Simulated.applied(plain, false), NO_CLUSTER).changes()).isEmpty();
    // a certificate wanted but the stack's certificates unknown: blocked, rather than a second one
    DesiredState.DesiredGroup g = withCert();
    GroupChanges gc = ChangePlanner.plan(g, ObservedStack.empty(GROUP), NO_CLUSTER);
    assertThat(gc.blocked()).isTrue();
    assertThat(gc.errors()).singleElement().asString().contains("were not read");
  }

  @Test
  void aCertificateAListenerNamesInCertificateArnIsNotDeleted() {
    String arn = "arn:aws:acm:us-west-2:111122223333:certificate/pinned";
    DesiredState.DesiredGroup g = quickstart("\n    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'"
        + "\n    alb.ingress.kubernetes.io/certificate-arn: " + arn, GATE_ON);
    ObservedStack s = appliedWith(g, arn, "shop.example.com");
    GroupChanges gc = ChangePlanner.plan(g, s, NO_CLUSTER);
    assertThat(gc.changes()).isEmpty();
    assertThat(gc.notes()).anyMatch(n -> n.contains(arn) && n.contains("not deleted"));
  }

  @Test
  void aCertificateOfTheStackWithoutResourceTagBlocksTheGroup() {
    DesiredState.DesiredGroup g = quickstart("", GATE_ON);
    ObservedStack s = Simulated.applied(g, false).withCertificates(List.of(
        certificate("arn:aws:acm:us-west-2:111122223333:certificate/untagged", null, GROUP, List.of("x.example.com"))));
    GroupChanges gc = ChangePlanner.plan(g, s, NO_CLUSTER);
    assertThat(gc.blocked()).isTrue();
    assertThat(gc.errors()).singleElement().asString().contains("no ingress.k8s.aws/resource tag");
  }

  @Test
  void deletingTheGroupDeletesItsCertificatesAfterItsLoadBalancer() {
    DesiredState.DesiredGroup g = withCert();
    String arn = arnOf(g);
    ObservedStack s = appliedWith(g, arn, "shop.example.com");
    GroupChanges gc = ChangePlanner.planDeletion(GROUP, s, NO_CLUSTER);
    assertThat(calls(gc)).contains("elbv2:DeleteLoadBalancer", "acm:DeleteCertificate");
    assertThat(change(gc, CERT).steps().get(0).post()).isTrue();
  }
}
