package dev.albc.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A webhook serving certificate for {@code localhost}, written as {@code tls.crt} / {@code tls.key}
 * in a directory a webhook server (in the test JVM or a controller process) reads with
 * {@code --webhook-cert-dir}; the API server trusts it through {@link #caBundle()} in a
 * {@code clientConfig.url} of {@code https://localhost:<port>}. One per test JVM.
 */
public record LoopbackWebhookCert(Path dir, String certificatePem, String privateKeyPem) {
  private static LoopbackWebhookCert shared;

  public static synchronized LoopbackWebhookCert shared() {
    if (shared == null) {
      SelfSignedCert cert = SelfSignedCert.generate(Duration.ofDays(2), "localhost");
      try {
        Path dir = Files.createTempDirectory("albc-webhook-cert");
        Files.writeString(dir.resolve("tls.crt"), cert.certificatePem());
        Files.writeString(dir.resolve("tls.key"), cert.privateKeyPem());
        shared = new LoopbackWebhookCert(dir, cert.certificatePem(), cert.privateKeyPem());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The PEM as a webhook configuration's caBundle (client-java base64-encodes the bytes). */
  public byte[] caBundle() {
    return certificatePem.getBytes(StandardCharsets.US_ASCII);
  }
}
