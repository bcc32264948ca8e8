package dev.albc.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.aws.AwsErrors;
import dev.albc.aws.SdkJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * The calls around the two steps of a certificate albc requests (docs/annotations.md "Certificates
 * albc requests"), as the reference's certificate manager makes them:
 *
 * <ul>
 *   <li>{@code acm:RequestCertificate} of an Amazon-issued certificate: the Route 53 hosted zone of
 *       every domain first (none: an error before anything is requested), the request, then
 *       {@code DescribeCertificate} until ACM lists the DNS validation records (every 5 s, 30 s at
 *       most), one {@code ChangeResourceRecordSets} CREATE (CNAME, TTL 60) per record (one that
 *       exists already is fine: another certificate of the same domain made it), and a wait until
 *       the certificate is ISSUED. A private certificate ({@code CertificateAuthorityArn}) is only
 *       requested and waited for;
 *   <li>{@code acm:DeleteCertificate} of an Amazon-issued certificate: its validation records are
 *       deleted first (a record already gone, or taken over by another certificate, is left). ACM
 *       gives a domain one validation record per account, so the record of a domain another
 *       certificate of the account also names (its replacement, say) stays (ListCertificates); the
 *       reference deletes it (docs/differences.md).
 * </ul>
 */
final class CertificateRequests {
  static final Duration RECORDS_POLL = Duration.ofSeconds(5);
  static final Duration RECORDS_WAIT = Duration.ofSeconds(30);
  static final Duration ISSUED_POLL = Duration.ofSeconds(10);
  /** The reference waits 30 minutes for a certificate to be validated. */
  static final Duration ISSUED_WAIT = Duration.ofMinutes(30);
  static final long VALIDATION_RECORD_TTL = 60;

  private final Supplier<AcmClient> acm;
  private final Supplier<Route53Client> route53;
  private final Executor.Sleeper sleeper;
  private final Duration issuedWait;
  private List<HostedZone> zones;

  /** The clients come from suppliers: the session makes them on first use (Route 53 only for DNS validation). */
  CertificateRequests(Supplier<AcmClient> acm, Supplier<Route53Client> route53, Executor.Sleeper sleeper,
      Duration issuedWait) {
    this.acm = acm;
    this.route53 = route53;
    this.sleeper = sleeper;
    this.issuedWait = issuedWait;
  }

  /** RequestCertificate with what must come before and after it; the response of the request. */
  JsonNode request(ObjectNode request) {
    boolean amazonIssued = !request.hasNonNull("CertificateAuthorityArn");
    Map<String, String> zoneByDomain = new LinkedHashMap<>();
    if (amazonIssued) {
      List<String> names = new ArrayList<>();
      names.add(request.path("DomainName").asText());
      request.path("SubjectAlternativeNames").forEach(n -> names.add(n.asText()));
      for (String n : names) {
        if (!zoneByDomain.containsKey(n)) {
          String zone = hostedZoneId(n);
          if (zone == null) {
            throw new IllegalStateException("no Route 53 hosted zone for " + n + ": its DNS validation record has"
                + " nowhere to go, so the certificate is not requested (create a hosted zone for the domain, or use"
                + " acm-pca-arn or certificate-arn)");
          }
          zoneByDomain.put(n, zone);
        }
      }
    }
    String arn = acm.get().requestCertificate(SdkJson.fromJson(RequestCertificateRequest.class, request))
        .certificateArn();
    if (amazonIssued) {
      for (DomainValidation v : validationRecords(arn)) {
        if (!"DNS".equals(v.validationMethodAsString())) {
          continue;
        }
        createRecord(zoneByDomain.get(v.domainName()), v);
      }
    }
    awaitIssued(arn);
    ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    out.put("CertificateArn", arn);
    return out;
  }

  /** The DNS validation records of an Amazon-issued certificate go before it. */
  void removeValidationRecords(String arn) {
    CertificateDetail c;
    try {
      c = acm.get().describeCertificate(r -> r.certificateArn(arn)).certificate();
    } catch (RuntimeException e) {
      if ("ResourceNotFoundException".equals(AwsErrors.code(e))) {
        return; // already gone: DeleteCertificate finds that too
      }
      throw e;
    }
    java.util.Set<String> shared = domainsOfOtherCertificates(arn);
    for (DomainValidation v : c.domainValidationOptions()) {
      if (!"DNS".equals(v.validationMethodAsString()) || v.resourceRecord() == null) {
        continue;
      }
      if (shared.contains(v.domainName().toLowerCase(Locale.ROOT))) {
        continue; // ACM gives one validation record per domain and account: another certificate needs it
      }
      String zone = hostedZoneId(v.domainName());
      if (zone == null) {
        continue; // no hosted zone for the domain (any more): nothing to clean up
      }
      try {
        change(zone, ChangeAction.DELETE, v);
      } catch (RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("not found") && !m.contains("do not match the current values")) {
          throw e;
        }
      }
    }
  }

  /** The names of the account's other certificates (ListCertificates' summaries), lower case. */
  private java.util.Set<String> domainsOfOtherCertificates(String arn) {
    java.util.Set<String> out = new java.util.HashSet<>();
    acm.get().listCertificatesPaginator(r -> { }).certificateSummaryList().forEach(s -> {
      if (!s.certificateArn().equals(arn)) {
        s.subjectAlternativeNameSummaries().forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        if (s.domainName() != null) {
          out.add(s.domainName().toLowerCase(Locale.ROOT));
        }
      }
    });
    return out;
  }

  private List<DomainValidation> validationRecords(String arn) {
    long tries = Math.max(1, RECORDS_WAIT.toSeconds() / RECORDS_POLL.toSeconds());
    for (long i = 0; ; i++) {
      List<DomainValidation> opts = acm.get().describeCertificate(r -> r.certificateArn(arn)).certificate()
          .domainValidationOptions();
      boolean complete = !opts.isEmpty() && opts.stream()
          .allMatch(o -> !"DNS".equals(o.validationMethodAsString()) || o.resourceRecord() != null);
      if (complete) {
        return opts;
      }
      if (i >= tries) {
        throw new IllegalStateException("ACM listed no DNS validation records for " + arn + " within "
            + RECORDS_WAIT.toSeconds() + " s: the certificate cannot be validated (a later reconcile requests it again"
            + " once this one is deleted)");
      }
      sleep(RECORDS_POLL);
    }
  }

  private void createRecord(String zone, DomainValidation v) {
    try {
      change(zone, ChangeAction.CREATE, v);
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("exist")) {
        throw e;
      }
      // another certificate of the same domain has the same record: it stays
    }
  }

  private void change(String zone, ChangeAction action, DomainValidation v) {
    route53.get().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
        .action(action)
        .resourceRecordSet(s -> s.name(v.resourceRecord().name()).type(v.resourceRecord().typeAsString())
            .ttl(VALIDATION_RECORD_TTL).resourceRecords(rr -> rr.value(v.resourceRecord().value()))))));
  }

  private void awaitIssued(String arn) {
    long tries = Math.max(1, issuedWait.toSeconds() / ISSUED_POLL.toSeconds());
    for (long i = 0; ; i++) {
      CertificateDetail c = acm.get().describeCertificate(r -> r.certificateArn(arn)).certificate();
      String status = c.statusAsString();
      if ("ISSUED".equals(status)) {
        return;
      }
      if (!"PENDING_VALIDATION".equals(status) || i >= tries) {
        throw new IllegalStateException("certificate " + arn + " is " + status
            + ("PENDING_VALIDATION".equals(status) ? " after " + issuedWait.toMinutes() + " minutes" : "")
            + ": the listeners keep their certificates until it is ISSUED"
            + (c.failureReasonAsString() == null ? "" : " (" + c.failureReasonAsString() + ")"));
      }
      sleep(ISSUED_POLL);
    }
  }

  /**
   * The hosted zone of a domain: the one whose name is the longest suffix of it in labels (a
   * wildcard's {@code *} is a label like any), as the reference's GetHostedZoneID; null when none.
   */
  String hostedZoneId(String domain) {
    return bestZone(hostedZones(), domain);
  }

  static String bestZone(List<HostedZone> zones, String domain) {
    String[] labels = domain.toLowerCase(Locale.ROOT).split("\\.");
    String best = null;
    int bestLen = -1;
    for (HostedZone z : zones) {
      String name = z.name().toLowerCase(Locale.ROOT);
      String[] zl = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).split("\\.");
      if (zl.length > labels.length || zl.length <= bestLen) {
        continue;
      }
      boolean suffix = true;
      for (int i = 0; i < zl.length; i++) {
        suffix &= zl[i].equals(labels[labels.length - zl.length + i]);
      }
      if (suffix) {
        best = z.id();
        bestLen = zl.length;
      }
    }
    return best;
  }

  private List<HostedZone> hostedZones() {
    if (zones == null) {
      List<HostedZone> all = new ArrayList<>();
      route53.get().listHostedZonesPaginator(r -> { }).hostedZones().forEach(all::add);
      zones = all;
    }
    return zones;
  }

  private void sleep(Duration d) {
    Executor.sleep(sleeper, d);
  }
}
