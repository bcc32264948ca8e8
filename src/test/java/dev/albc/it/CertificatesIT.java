package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.executor.LiveFixture;
import dev.albc.live.LiveRun;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Certificates albc requests (create-acm-cert, acm-pca-arn; gate EnableCertificateManagement) against
 * moto: requested with the stack's tags, DNS-validated in the Route 53 hosted zone of their domain,
 * put on the HTTPS listener, found again (no change on a re-apply), replaced when the hosts change,
 * deleted with their validation records when the group goes. moto serves ACM and Route 53, not ACM
 * Private CA: a private certificate is requested with the CA's ARN (moto issues it without a CA),
 * so only the request's shape and the absence of DNS validation are checked here.
 */
@IntegrationTest
class CertificatesIT {
  static final String ZONE = "acm-it.example.org";
  static final String WEB = "amazon_issued/web.acm-it.example.org-cc6e9287";
  static final String INTERNAL = "private/internal.acm-it.example.org-f60b14ae";
  static final String CA = "arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6";
  /** moto's validation record name for a domain (its fixed token), as AWS gives one per domain. */
  static final String RECORD = "_d930b28be6c5927595552b219965053e.";

  static String yaml(String webHosts, String internalAnnotations) {
    StringBuilder rules = new StringBuilder();
    for (String h : webHosts.split(",")) {
      rules.append("    - host: ").append(h).append("\n")
          .append("      http:\n")
          .append("        paths:\n")
          .append("          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}\n");
    }
    return String.join("\n",
        "apiVersion: networking.k8s.io/v1",
        "kind: IngressClass",
        "metadata: {name: alb}",
        "spec: {controller: ingress.k8s.aws/alb}",
        "---",
        "apiVersion: v1",
        "kind: Service",
        "metadata: {name: web, namespace: certs, uid: 1c2d3e4f-0000-4000-8000-0000000000c1}",
        "spec:",
        "  type: NodePort",
        "  ports: [{name: http, port: 80, targetPort: 8080, nodePort: 31443}]",
        "---",
        "apiVersion: networking.k8s.io/v1",
        "kind: Ingress",
        "metadata:",
        "  name: web",
        "  namespace: certs",
        "  annotations:",
        "    alb.ingress.kubernetes.io/create-acm-cert: \"true\"",
        "    alb.ingress.kubernetes.io/tags: team=web",
        "spec:",
        "  ingressClassName: alb",
        "  tls:",
        "    - hosts: [www.acm-it.example.org]",
        "  rules:",
        rules.toString().stripTrailing(),
        "---",
        "apiVersion: networking.k8s.io/v1",
        "kind: Ingress",
        "metadata:",
        "  name: internal",
        "  namespace: certs",
        "  annotations:",
        internalAnnotations,
        "spec:",
        "  ingressClassName: alb",
        "  rules:",
        "    - host: internal.acm-it.example.org",
        "      http:",
        "        paths:",
        "          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}",
        "");
  }

  static final String PRIVATE = "    alb.ingress.kubernetes.io/create-acm-cert: \"true\"\n"
      + "    alb.ingress.kubernetes.io/acm-pca-arn: " + CA;

  @Test
  void certificatesAreRequestedValidatedUsedReplacedAndDeleted(ItContext it) {
    String zoneId = it.aws().route53().createHostedZone(r -> r.name(ZONE).callerReference("albc-certs-it"))
        .hostedZone().id();
    try (LiveFixture f = new LiveFixture(it).withFeatureGates(Map.of("EnableCertificateManagement", true))) {
      String first = yaml("web.acm-it.example.org", PRIVATE);
      LiveRun applied = f.apply(first);
      assertThat(ApplyIT.summary(applied.changes()))
          .contains("create Certificate " + WEB, "create Certificate " + INTERNAL);

      // requested with the stack's tags and the Ingress's, every host a name, DNS-validated, ISSUED
      Map<String, String> byResource = stackCertificates(it, f);
      assertThat(byResource).containsOnlyKeys(WEB, INTERNAL);
      CertificateDetail web = describe(it, byResource.get(WEB));
      assertThat(web.domainName()).isEqualTo("web.acm-it.example.org");
      assertThat(web.subjectAlternativeNames()).containsExactlyInAnyOrder("web.acm-it.example.org",
          "www.acm-it.example.org");
      assertThat(web.typeAsString()).isEqualTo("AMAZON_ISSUED");
      assertThat(web.statusAsString()).isEqualTo("ISSUED");
      assertThat(tags(it, web.certificateArn())).containsExactlyInAnyOrderEntriesOf(Map.of(
          "elbv2.k8s.aws/cluster", it.clusterName(), "ingress.k8s.aws/stack", "certs/web",
          "ingress.k8s.aws/resource", WEB, "team", "web"));
      assertThat(records(it, zoneId)).containsEntry(RECORD + "web." + ZONE + ".", 60L)
          .containsEntry(RECORD + "www." + ZONE + ".", 60L)
          .doesNotContainKey(RECORD + "internal." + ZONE + ".");

      // the private certificate: the CA named, no DNS validation
      CertificateDetail internal = describe(it, byResource.get(INTERNAL));
      assertThat(internal.certificateAuthorityArn()).isEqualTo(CA);
      assertThat(internal.typeAsString()).isEqualTo("PRIVATE");

      // each HTTPS listener (listen-ports absent: HTTPS:443) uses its Ingress's certificate
      assertThat(defaultCertificate(f, "certs/web")).isEqualTo(web.certificateArn());
      assertThat(defaultCertificate(f, "certs/internal")).isEqualTo(internal.certificateArn());

      // found again by its tags: nothing to do
      ApplyIT.assertNoChange(f, first);

      // another host (after web in order: the domain name and ResourceId stay): a new certificate, the
      // listener moves to it, the old one is deleted; the shared validation records of web and www stay
      // (the new certificate needs them)
      String second = yaml("web.acm-it.example.org,x.acm-it.example.org", PRIVATE);
      LiveRun replaced = f.apply(second);
      assertThat(ApplyIT.summary(replaced.changes())).contains("replace Certificate " + WEB);
      Map<String, String> after = stackCertificates(it, f);
      assertThat(after.get(WEB)).isNotEqualTo(web.certificateArn());
      assertThatThrownBy(() -> describe(it, web.certificateArn())).isInstanceOf(ResourceNotFoundException.class);
      assertThat(describe(it, after.get(WEB)).subjectAlternativeNames()).containsExactlyInAnyOrder(
          "web.acm-it.example.org", "www.acm-it.example.org", "x.acm-it.example.org");
      assertThat(defaultCertificate(f, "certs/web")).isEqualTo(after.get(WEB));
      assertThat(records(it, zoneId)).containsKeys(RECORD + "web." + ZONE + ".", RECORD + "www." + ZONE + ".",
          RECORD + "x." + ZONE + ".");
      ApplyIT.assertNoChange(f, second);

      // create-acm-cert removed from internal: its certificate goes once the listener let go of it
      String third = yaml("web.acm-it.example.org,x.acm-it.example.org",
          "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}]'");
      LiveRun dropped = f.apply(third);
      assertThat(ApplyIT.summary(dropped.changes())).contains("delete Certificate " + INTERNAL);
      assertThat(stackCertificates(it, f)).containsOnlyKeys(WEB);

      // the group deleted: its certificate and its validation records go with it
      f.delete("certs/web", "certs/internal");
      assertThat(stackCertificates(it, f)).isEmpty();
      assertThat(records(it, zoneId).keySet()).noneMatch(n -> n.startsWith(RECORD));
    }
  }

  @Test
  void aDomainWithoutHostedZoneIsAnErrorBeforeAnythingIsRequested(ItContext it) {
    try (LiveFixture f = new LiveFixture(it).withFeatureGates(Map.of("EnableCertificateManagement", true))) {
      String yaml = yaml("web.no-zone.example.net", "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}]'");
      LiveRun run = f.live(LiveFixture.facts(yaml)).reconcileAll();
      assertThat(run.failures()).hasEntrySatisfying("certs/web", fail -> assertThat(fail)
          .contains("RequestCertificate").contains("no Route 53 hosted zone for web.no-zone.example.net"));
      assertThat(it.aws().acm().listCertificates(r -> { }).certificateSummaryList())
          .noneMatch(c -> c.domainName().endsWith("no-zone.example.net"));
      f.delete("certs/web", "certs/internal");
    }
  }

  /** The certificates tagged for this cluster's certs/* stacks, ResourceId → ARN. */
  static Map<String, String> stackCertificates(ItContext it, LiveFixture f) {
    Map<String, String> out = new TreeMap<>();
    for (var c : it.aws().acm().listCertificates(r -> { }).certificateSummaryList()) {
      Map<String, String> t = tags(it, c.certificateArn());
      if (it.clusterName().equals(t.get("elbv2.k8s.aws/cluster"))
          && t.getOrDefault("ingress.k8s.aws/stack", "").startsWith("certs/")) {
        out.put(t.get("ingress.k8s.aws/resource"), c.certificateArn());
      }
    }
    return out;
  }

  static CertificateDetail describe(ItContext it, String arn) {
    return it.aws().acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
  }

  static Map<String, String> tags(ItContext it, String arn) {
    Map<String, String> out = new TreeMap<>();
    it.aws().acm().listTagsForCertificate(r -> r.certificateArn(arn)).tags().forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  /** The zone's CNAME records: name → TTL. */
  static Map<String, Long> records(ItContext it, String zoneId) {
    Map<String, Long> out = new TreeMap<>();
    for (ResourceRecordSet s : it.aws().route53().listResourceRecordSets(r -> r.hostedZoneId(zoneId))
        .resourceRecordSets()) {
      if ("CNAME".equals(s.typeAsString())) {
        out.put(s.name(), s.ttl());
      }
    }
    return out;
  }

  /**
   * The certificate of the group's port-443 listener (moto lists it twice: as the default and as
   * added by AddListenerCertificates, which also gets the default one, as the reference sends it).
   */
  static String defaultCertificate(LiveFixture f, String stack) {
    for (LoadBalancer lb : f.loadBalancers()) {
      if (stack.equals(f.tags(lb.loadBalancerArn()).get("ingress.k8s.aws/stack"))) {
        List<String> certs = f.listeners(lb).stream().filter(l -> l.port() == 443)
            .flatMap(l -> l.certificates().stream()).map(c -> c.certificateArn()).distinct().toList();
        assertThat(certs).as("certificates of the 443 listener of " + stack).hasSize(1);
        return certs.get(0);
      }
    }
    throw new AssertionError("no load balancer of stack " + stack);
  }
}
