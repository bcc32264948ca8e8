package dev.albc.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.albc.aws.AwsCallException;
import dev.albc.facts.CertificateFact;
import dev.albc.facts.LookupMiss;
import dev.albc.facts.TargetGroupFact;
import dev.albc.facts.WebAclFact;
import dev.albc.controller.CachedAccountFactsTest.MovingClock;
import dev.albc.rules.api.Lookup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

class AccountLookupsTest {
  final AccountLookups.Reads reads = mock(AccountLookups.Reads.class);
  final MovingClock clock = new MovingClock();
  final AccountLookups lookups = new AccountLookups(reads, clock);

  static Lookup lookup(String kind, String name) {
    return new Lookup(kind, name, "demo/shop", "Ingress demo/shop", "alb.ingress.kubernetes.io/x");
  }

  static AwsServiceException error(String code) {
    return AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
  }

  @Test
  void aTargetGroupNameIsReadOnceAndKeptTwentyMinutes() {
    when(reads.targetGroupsNamed("blue")).thenReturn(List.of(
        TargetGroup.builder().targetGroupName("blue").targetGroupArn("arn:tg/blue").build()));
    assertThat(lookups.resolve(List.of(lookup(Lookup.TARGET_GROUP, "blue"), lookup(Lookup.TARGET_GROUP, "blue"))))
        .isEmpty();
    assertThat(lookups.with(List.of())).containsExactly(new TargetGroupFact("blue", "arn:tg/blue"));
    lookups.resolve(List.of(lookup(Lookup.TARGET_GROUP, "blue")));
    verify(reads, times(1)).targetGroupsNamed("blue");
    clock.now = clock.now.plus(Duration.ofMinutes(20));
    assertThat(lookups.with(List.of())).isEmpty();
    lookups.resolve(List.of(lookup(Lookup.TARGET_GROUP, "blue")));
    verify(reads, times(2)).targetGroupsNamed("blue");
  }

  @Test
  void aNameTheAccountLacksIsAMissForThisRunOnly() {
    when(reads.targetGroupsNamed("gone")).thenThrow(error("TargetGroupNotFound"));
    assertThat(lookups.resolve(List.of(lookup(Lookup.TARGET_GROUP, "gone"))))
        .containsExactly(new LookupMiss(Lookup.TARGET_GROUP, "gone"));
    assertThat(lookups.with(List.of())).isEmpty();
    lookups.resolve(List.of(lookup(Lookup.TARGET_GROUP, "gone")));
    verify(reads, times(2)).targetGroupsNamed("gone"); // asked again: a miss is not kept
  }

  @Test
  void webAclsAreListedOnceForEveryNameAskedAndKeptAnHour() {
    when(reads.regionalWebAcls()).thenReturn(List.of(
        WebACLSummary.builder().name("house").id("1").arn("arn:waf/house").build(),
        WebACLSummary.builder().name("other").id("2").arn("arn:waf/other").build()));
    assertThat(lookups.resolve(List.of(lookup(Lookup.WEB_ACL, "house"), lookup(Lookup.WEB_ACL, "nope"))))
        .containsExactly(new LookupMiss(Lookup.WEB_ACL, "nope"));
    verify(reads, times(1)).regionalWebAcls();
    assertThat(lookups.with(List.of())).containsExactly(new WebAclFact("house", "1", "arn:waf/house"));
    clock.now = clock.now.plus(Duration.ofMinutes(59));
    assertThat(lookups.with(List.of())).hasSize(1);
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(lookups.with(List.of())).isEmpty();
  }

  @Test
  void aDescribedCertificateReplacesItsSummaryWithItsIssuingCa() {
    String arn = "arn:aws:acm:eu-west-1:1:certificate/p";
    when(reads.certificate(arn)).thenReturn(CertificateDetail.builder().certificateArn(arn).domainName("a.example.com")
        .subjectAlternativeNames("a.example.com").status("ISSUED").type("PRIVATE")
        .certificateAuthorityArn("arn:ca/1").build());
    CertificateFact summary = new CertificateFact(arn, "a.example.com", List.of("a.example.com"), "ISSUED", "PRIVATE");
    Object other = new Object();
    assertThat(lookups.resolve(List.of(lookup(Lookup.CERTIFICATE, arn)))).isEmpty();
    assertThat(lookups.with(List.of(other, summary))).containsExactly(other,
        new CertificateFact(arn, "a.example.com", List.of("a.example.com"), "ISSUED", "PRIVATE", "arn:ca/1"));
  }

  @Test
  void anAwsErrorNamesTheCall() {
    when(reads.regionalWebAcls()).thenThrow(error("AccessDeniedException"));
    assertThatThrownBy(() -> lookups.resolve(List.of(lookup(Lookup.WEB_ACL, "house"))))
        .isInstanceOf(AwsCallException.class).hasMessageContaining("ListWebACLs");
  }
}
