package dev.albc.rules.api;

import java.util.List;

/**
 * Certificates one member brings to one HTTPS port: explicit or discovered ARNs, or ({@link
 * #MANAGED}) the ResourceId of the certificate albc requests for the member (certificates.drl).
 */
public record ListenerCertificates(
    String groupId, int port, String ingressKey, List<String> arns, String how) {

  /** {@code how} of a certificate albc requests: {@code arns} holds its ResourceId. */
  public static final String MANAGED = "managed";
}
