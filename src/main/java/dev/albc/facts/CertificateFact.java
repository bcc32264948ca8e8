package dev.albc.facts;

import java.util.List;

/** An ACM certificate: ARN, names (domain + SANs), status (ISSUED …) and type. */
public record CertificateFact(
    String arn, String domainName, List<String> subjectAlternativeNames, String status, String type) {
  public CertificateFact {
    subjectAlternativeNames =
        subjectAlternativeNames == null ? List.of() : List.copyOf(subjectAlternativeNames);
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
