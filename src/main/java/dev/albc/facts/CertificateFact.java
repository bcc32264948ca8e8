package dev.albc.facts;

import java.util.List;

/**
 * An ACM certificate: ARN, names (domain + SANs), status (ISSUED …), type, and the private CA that
 * issued it — {@code certificateAuthorityArn} is "" when known to have none (an Amazon-issued or
 * imported certificate, or {@code describe-certificate} says none) and null when unknown (a
 * {@code PRIVATE} certificate known only from {@code list-certificates}).
 */
public record CertificateFact(
    String arn, String domainName, List<String> subjectAlternativeNames, String status, String type,
    String certificateAuthorityArn) {
  public CertificateFact {
    subjectAlternativeNames =
        subjectAlternativeNames == null ? List.of() : List.copyOf(subjectAlternativeNames);
  }

  /** A certificate whose issuing CA is not known. */
  public CertificateFact(
      String arn, String domainName, List<String> subjectAlternativeNames, String status, String type) {
    this(arn, domainName, subjectAlternativeNames, status, type, null);
  }

  /** Every name the certificate covers: the domain name and the SANs, without duplicates. */
  public List<String> names() {
    var out = new java.util.LinkedHashSet<String>();
    if (domainName != null) {
      out.add(domainName);
    }
    out.addAll(subjectAlternativeNames);
    return List.copyOf(out);
  }
}
