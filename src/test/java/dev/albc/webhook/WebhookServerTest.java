package dev.albc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.testinfra.SelfSignedCert;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook server over real TLS: AdmissionReview round trip, TLS 1.1 refused, certificate reload. */
class WebhookServerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesAdmissionReviewsOverTlsAndReloadsItsCertificate(@TempDir Path dir) throws Exception {
    SelfSignedCert first = SelfSignedCert.generate(Duration.ofDays(1), "localhost");
    write(dir, first, Instant.now().minusSeconds(60));
    try (WebhookServer server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), dir.resolve("tls.crt"),
        dir.resolve("tls.key"), 2)) {
      server.handle("/deny", r -> Admission.Response.deny("no " + r.name()));
      server.start();
      String review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u1\","
          + "\"kind\":{\"kind\":\"Pod\"},\"operation\":\"CREATE\",\"name\":\"p\",\"namespace\":\"ns\",\"object\":{}}}";
      JsonNode answer = JSON.readTree(post(server.port(), "/deny", review, first.certificate()).body());
      assertThat(answer.path("response").path("uid").asText()).isEqualTo("u1");
      assertThat(answer.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(answer.path("response").path("status").path("message").asText()).isEqualTo("no p");
      assertThat(post(server.port(), "/deny", "{}", first.certificate()).statusCode()).isEqualTo(400);

      // TLS 1.1 is refused
      HttpClient old = HttpClient.newBuilder().sslContext(trusting(first.certificate()))
          .sslParameters(new SSLParameters(null, new String[] {"TLSv1.1"})).build();
      assertThatThrownBy(() -> old.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/deny"))
          .POST(HttpRequest.BodyPublishers.ofString(review)).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);

      // a renewed certificate is served without a restart
      SelfSignedCert second = SelfSignedCert.generate(Duration.ofDays(1), "localhost");
      write(dir, second, Instant.now());
      server.reloadCertificate();
      assertThat(post(server.port(), "/deny", review, second.certificate()).statusCode()).isEqualTo(200);
    }
  }

  /** Issue 14: the input limits of docs/limits.md on request bodies, each at its value and just past it. */
  @Test
  void requestBodiesAreReadWithinTheInputLimits(@TempDir Path dir) throws Exception {
    SelfSignedCert cert = SelfSignedCert.generate(Duration.ofDays(1), "localhost");
    write(dir, cert, Instant.now().minusSeconds(60));
    try (WebhookServer server = new WebhookServer(new InetSocketAddress("127.0.0.1", 0), dir.resolve("tls.crt"),
        dir.resolve("tls.key"), 2)) {
      server.handle("/allow", r -> Admission.Response.allow());
      server.start();
      // bytes: 3 MiB is read, one byte more is refused with 413 before parsing
      String head = "{\"request\":{\"uid\":\"u\",\"object\":{\"s\":\"";
      String tail = "\"}}}";
      int atLimit = 3 * 1024 * 1024 - head.length() - tail.length();
      String fits = head + "x".repeat(Math.min(atLimit, 1024 * 1024)) + tail;
      String padded = fits + " ".repeat(3 * 1024 * 1024 - fits.length()); // trailing whitespace is JSON
      assertThat(padded).hasSize(3 * 1024 * 1024);
      assertThat(post(server.port(), "/allow", padded, cert.certificate()).statusCode()).isEqualTo(200);
      HttpResponse<String> big = post(server.port(), "/allow", padded + " ", cert.certificate());
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(JSON.readTree(big.body()).path("error").asText())
          .isEqualTo("the request body is past the limit of 3,145,728 bytes per request body (docs/limits.md)");
      // a string: 1 MiB characters is read, one more is refused with 400 naming the limit
      HttpResponse<String> longString = post(server.port(), "/allow",
          head + "x".repeat(1024 * 1024 + 1) + tail, cert.certificate());
      assertThat(longString.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(longString.body()).path("error").asText())
          .contains("past the limit of 1,048,576 characters per scalar (docs/limits.md)").doesNotContain("Stream");
      // nesting: 100 levels are read, 101 are refused with 400 naming the limit
      assertThat(post(server.port(), "/allow", nested(100), cert.certificate()).statusCode()).isEqualTo(200);
      HttpResponse<String> deep = post(server.port(), "/allow", nested(101), cert.certificate());
      assertThat(deep.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(deep.body()).path("error").asText())
          .contains("past the limit of 100 levels of nesting (docs/limits.md)").doesNotContain("Stream");
    }
  }

  /** An AdmissionReview whose JSON nests {@code levels} deep (the review and its request count). */
  static String nested(int levels) {
    int arrays = levels - 2;
    return "{\"request\":{\"uid\":\"u\",\"object\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}}";
  }

  @Test
  void aPatchIsBase64JsonPatch() throws Exception {
    var ops = JSON.createArrayNode();
    ops.addObject().put("op", "add").put("path", "/spec/x").put("value", "y");
    JsonNode review = Admission.review(new Admission.Request("u", "Pod", "CREATE", "ns", "p", null, null),
        Admission.Response.patch(ops));
    assertThat(review.path("response").path("patchType").asText()).isEqualTo("JSONPatch");
    assertThat(new String(Base64.getDecoder().decode(review.path("response").path("patch").asText())))
        .isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/x\",\"value\":\"y\"}]");
  }

  static void write(Path dir, SelfSignedCert cert, Instant mtime) throws Exception {
    Files.writeString(dir.resolve("tls.crt"), cert.certificatePem());
    Files.writeString(dir.resolve("tls.key"), cert.privateKeyPem());
    Files.setLastModifiedTime(dir.resolve("tls.crt"), FileTime.from(mtime));
    Files.setLastModifiedTime(dir.resolve("tls.key"), FileTime.from(mtime));
  }

  static HttpResponse<String> post(int port, String path, String body, X509Certificate trusted) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted)).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static SSLContext trusting(X509Certificate cert) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("ca", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
