package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * ACM RequestCertificate: a certificate albc requests and manages for one Ingress
 * ({@code create-acm-cert}, behind the feature gate {@code EnableCertificateManagement};
 * certificates.drl). ResourceId {@code amazon_issued/<domain>-<hash>} or {@code private/<domain>-<hash>}
 * (the reference's), the hash naming the Ingress. Amazon-issued certificates are validated by DNS
 * (records in the Route 53 hosted zone of each domain); private ones are issued by
 * {@code CertificateAuthorityArn} (ACM Private CA), without validation.
 */
@JsonPropertyOrder({"ResourceId", "Kind"})
public record CertificateIntent(
    @JsonIgnore String groupId,
    @JsonIgnore String id,
    @JsonIgnore String ingressKey,
    @JsonProperty("DomainName") String domainName,
    @JsonProperty("SubjectAlternativeNames") List<String> subjectAlternativeNames,
    @JsonProperty("ValidationMethod") String validationMethod,
    @JsonProperty("CertificateAuthorityArn") String certificateAuthorityArn,
    @JsonProperty("Tags") Map<String, String> tags)
    implements Intent {

  public static final String KIND = "AWS::CertificateManager::Certificate";
  public static final String AMAZON_ISSUED = "AMAZON_ISSUED";
  public static final String PRIVATE = "PRIVATE";

  public CertificateIntent {
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** {@code AMAZON_ISSUED} (DNS validation), or {@code PRIVATE} with a CA. */
  @JsonIgnore
  public String type() {
    return certificateAuthorityArn == null ? AMAZON_ISSUED : PRIVATE;
  }

  @Override
  public String resourceId() {
    return id;
  }

  @Override
  public String kind() {
    return KIND;
  }
}
