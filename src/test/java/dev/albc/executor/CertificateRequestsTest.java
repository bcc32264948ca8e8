package dev.albc.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.RequestCertificateResponse;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.paginators.ListCertificatesIterable;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.paginators.ListHostedZonesIterable;

/**
 * The calls around a requested certificate (CertificateRequests) with mocked ACM and Route 53 clients and
 * a recording sleeper: no wall clock.
 */
class CertificateRequestsTest {
  static final String ARN = "arn:aws:acm:us-west-2:111122223333:certificate/new";
  static final ObjectMapper M = new ObjectMapper();

  final AcmClient acm = mock(AcmClient.class);
  final Route53Client route53 = mock(Route53Client.class);
  final List<Duration> waits = new ArrayList<>();
  final CertificateRequests requests = new CertificateRequests(() -> acm, () -> route53, waits::add,
      Duration.ofMinutes(1));

  static HostedZone zone(String id, String name) {
    return HostedZone.builder().id(id).name(name).callerReference(id).build();
  }

  /** Ported from the reference's pkg/aws/services/route53_test.go TestGetHostedZoneID (v3.5.0), plus no zone. */
  @Test
  void theHostedZoneIsTheLongestSuffixOfTheDomain() {
    assertThat(CertificateRequests.bestZone(List.of(zone("Z_EXAMPLE", "example.com.")), "example.com"))
        .isEqualTo("Z_EXAMPLE");
    assertThat(CertificateRequests.bestZone(List.of(zone("Z_SUB", "sub.example.com.")), "*.app.sub.example.com"))
        .isEqualTo("Z_SUB");
    assertThat(CertificateRequests.bestZone(List.of(zone("Z_PARENT", "example.com."), zone("Z_SUB", "sub.example.com.")),
        "*.app.sub.example.com")).isEqualTo("Z_SUB");
    assertThat(CertificateRequests.bestZone(List.of(zone("Z_OTHER", "ample.com.")), "example.com")).isNull();
    assertThat(CertificateRequests.bestZone(List.of(zone("Z_DEEP", "a.example.com.")), "example.com")).isNull();
  }

  void zones(HostedZone... zs) {
    ListHostedZonesIterable pages = mock(ListHostedZonesIterable.class);
    when(pages.hostedZones()).thenReturn(() -> List.of(zs).iterator());
    when(route53.listHostedZonesPaginator(any(Consumer.class))).thenReturn(pages);
    when(route53.listHostedZonesPaginator(any(ListHostedZonesRequest.class))).thenReturn(pages);
  }

  void requestGivesArn() {
    when(acm.requestCertificate(any(RequestCertificateRequest.class)))
        .thenReturn(RequestCertificateResponse.builder().certificateArn(ARN).build());
  }

  static DescribeCertificateResponse described(String status, DomainValidation... options) {
    return DescribeCertificateResponse.builder().certificate(CertificateDetail.builder().certificateArn(ARN)
        .status(status).domainValidationOptions(options).build()).build();
  }

  static DomainValidation dns(String domain, boolean withRecord) {
    DomainValidation.Builder b = DomainValidation.builder().domainName(domain).validationMethod("DNS");
    if (withRecord) {
      b.resourceRecord(ResourceRecord.builder().name("_x." + domain + ".").type("CNAME")
          .value("_y.acm-validations.aws.").build());
    }
    return b.build();
  }

  static ObjectNode request(String json) throws Exception {
    return (ObjectNode) M.readTree(json);
  }

  @SuppressWarnings("unchecked")
  @Test
  void anAmazonIssuedCertificateGetsItsValidationRecordsAndIsWaitedFor() throws Exception {
    zones(zone("/hostedzone/Z1", "example.com."));
    requestGivesArn();
    when(acm.describeCertificate(any(Consumer.class))).thenReturn(
        described("PENDING_VALIDATION", dns("a.example.com", false), dns("b.example.com", false)),
        described("PENDING_VALIDATION", dns("a.example.com", true), dns("b.example.com", true)),
        described("PENDING_VALIDATION", dns("a.example.com", true), dns("b.example.com", true)),
        described("ISSUED", dns("a.example.com", true), dns("b.example.com", true)));
    // b's record exists already (another certificate of the domain made it): fine
    when(route53.changeResourceRecordSets(any(Consumer.class)))
        .thenReturn(ChangeResourceRecordSetsResponse.builder().build())
        .thenThrow(AwsServiceException.builder().message("Tried to create resource record set but it already exists")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidChangeBatch").build()).build());

    var out = requests.request(request("{\"DomainName\":\"a.example.com\","
        + "\"SubjectAlternativeNames\":[\"a.example.com\",\"b.example.com\"],\"ValidationMethod\":\"DNS\","
        + "\"Tags\":[{\"Key\":\"elbv2.k8s.aws/cluster\",\"Value\":\"c\"}]}"));

    assertThat(out.path("CertificateArn").asText()).isEqualTo(ARN);
    ArgumentCaptor<RequestCertificateRequest> sent = ArgumentCaptor.forClass(RequestCertificateRequest.class);
    verify(acm).requestCertificate(sent.capture());
    assertThat(sent.getValue().domainName()).isEqualTo("a.example.com");
    assertThat(sent.getValue().subjectAlternativeNames()).containsExactly("a.example.com", "b.example.com");
    assertThat(sent.getValue().validationMethodAsString()).isEqualTo("DNS");
    assertThat(sent.getValue().tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("elbv2.k8s.aws/cluster"));
    ArgumentCaptor<Consumer<ChangeResourceRecordSetsRequest.Builder>> changes = ArgumentCaptor.forClass(Consumer.class);
    verify(route53, org.mockito.Mockito.times(2)).changeResourceRecordSets(changes.capture());
    ChangeResourceRecordSetsRequest.Builder first = ChangeResourceRecordSetsRequest.builder();
    changes.getAllValues().get(0).accept(first);
    ChangeResourceRecordSetsRequest r = first.build();
    assertThat(r.hostedZoneId()).isEqualTo("/hostedzone/Z1");
    assertThat(r.changeBatch().changes()).singleElement().satisfies(c -> {
      assertThat(c.actionAsString()).isEqualTo("CREATE");
      assertThat(c.resourceRecordSet().name()).isEqualTo("_x.a.example.com.");
      assertThat(c.resourceRecordSet().typeAsString()).isEqualTo("CNAME");
      assertThat(c.resourceRecordSet().ttl()).isEqualTo(60L);
      assertThat(c.resourceRecordSet().resourceRecords()).singleElement()
          .satisfies(v -> assertThat(v.value()).isEqualTo("_y.acm-validations.aws."));
    });
    // records listed on the 2nd describe: one 5 s wait; the 3rd is PENDING_VALIDATION: one 10 s wait; the 4th ISSUED
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    verify(acm, org.mockito.Mockito.times(4)).describeCertificate(any(Consumer.class));
  }

  @SuppressWarnings("unchecked")
  @Test
  void aDomainWithoutHostedZoneIsRefusedBeforeTheRequest() throws Exception {
    zones(zone("/hostedzone/Z1", "example.com."));
    assertThatThrownBy(() -> requests.request(request("{\"DomainName\":\"a.example.org\","
        + "\"SubjectAlternativeNames\":[\"a.example.org\"],\"ValidationMethod\":\"DNS\"}")))
        .hasMessageContaining("no Route 53 hosted zone for a.example.org");
    verify(acm, never()).requestCertificate(any(RequestCertificateRequest.class));
  }

  @SuppressWarnings("unchecked")
  @Test
  void aPrivateCertificateIsOnlyRequestedAndWaitedFor() throws Exception {
    requestGivesArn();
    when(acm.describeCertificate(any(Consumer.class))).thenReturn(described("ISSUED"));
    requests.request(request("{\"DomainName\":\"a.internal\",\"SubjectAlternativeNames\":[\"a.internal\"],"
        + "\"ValidationMethod\":\"DNS\",\"CertificateAuthorityArn\":\"arn:aws:acm-pca:us-west-2:1:certificate-authority/x\"}"));
    ArgumentCaptor<RequestCertificateRequest> sent = ArgumentCaptor.forClass(RequestCertificateRequest.class);
    verify(acm).requestCertificate(sent.capture());
    assertThat(sent.getValue().certificateAuthorityArn()).isEqualTo("arn:aws:acm-pca:us-west-2:1:certificate-authority/x");
    org.mockito.Mockito.verifyNoInteractions(route53);
    assertThat(waits).isEmpty();
  }

  @SuppressWarnings("unchecked")
  @Test
  void aCertificateNotIssuedWithinTheWaitFailsTheApply() throws Exception {
    requestGivesArn();
    when(acm.describeCertificate(any(Consumer.class))).thenReturn(described("PENDING_VALIDATION"));
    assertThatThrownBy(() -> requests.request(request("{\"DomainName\":\"a.internal\","
        + "\"CertificateAuthorityArn\":\"arn:aws:acm-pca:us-west-2:1:certificate-authority/x\"}")))
        .hasMessageContaining("is PENDING_VALIDATION after 1 minutes");
    // one minute in 10 s polls
    assertThat(waits).hasSize(6).containsOnly(Duration.ofSeconds(10));
  }

  @SuppressWarnings("unchecked")
  @Test
  void deletingKeepsTheRecordOfADomainAnotherCertificateNames() {
    zones(zone("/hostedzone/Z1", "example.com."));
    when(acm.describeCertificate(any(Consumer.class)))
        .thenReturn(described("ISSUED", dns("a.example.com", true), dns("b.example.com", true)));
    ListCertificatesIterable pages = mock(ListCertificatesIterable.class);
    when(pages.certificateSummaryList()).thenReturn(() -> List.of(
        CertificateSummary.builder().certificateArn(ARN).domainName("a.example.com")
            .subjectAlternativeNameSummaries("a.example.com", "b.example.com").build(),
        CertificateSummary.builder().certificateArn(ARN + "-replacement").domainName("a.example.com")
            .subjectAlternativeNameSummaries("a.example.com").build()).iterator());
    when(acm.listCertificatesPaginator(any(Consumer.class))).thenReturn(pages);
    when(acm.listCertificatesPaginator(any(ListCertificatesRequest.class))).thenReturn(pages);
    // b's record is gone already: fine
    when(route53.changeResourceRecordSets(any(Consumer.class))).thenThrow(AwsServiceException.builder()
        .message("Tried to delete resource record set but it was not found")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidChangeBatch").build()).build());

    requests.removeValidationRecords(ARN);

    ArgumentCaptor<Consumer<ChangeResourceRecordSetsRequest.Builder>> changes = ArgumentCaptor.forClass(Consumer.class);
    verify(route53).changeResourceRecordSets(changes.capture());
    ChangeResourceRecordSetsRequest.Builder b = ChangeResourceRecordSetsRequest.builder();
    changes.getValue().accept(b);
    assertThat(b.build().changeBatch().changes()).singleElement().satisfies(c -> {
      assertThat(c.actionAsString()).isEqualTo("DELETE");
      assertThat(c.resourceRecordSet().name()).isEqualTo("_x.b.example.com.");
    });
  }

  @SuppressWarnings("unchecked")
  @Test
  void aCertificateAlreadyGoneHasNoRecordsToRemove() {
    when(acm.describeCertificate(any(Consumer.class))).thenThrow(
        software.amazon.awssdk.services.acm.model.ResourceNotFoundException.builder().message("gone")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build());
    requests.removeValidationRecords(ARN);
    org.mockito.Mockito.verifyNoInteractions(route53);
  }
}
