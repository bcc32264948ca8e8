package dev.albc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.albc.facts.SslPoliciesFact;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@link AccountFacts#sslPolicies()} against a local HTTP server answering elbv2's query protocol:
 * every page is read (moto does not page), and a refused call gives no fact rather than an empty
 * one (the rules then only warn, as offline).
 */
class AccountSslPoliciesTest {
  private HttpServer server;
  private final List<String> requests = new ArrayList<>();

  static String page(String names, String next) {
    StringBuilder members = new StringBuilder();
    for (String n : names.split(",")) {
      members.append("<member><Name>").append(n).append("</Name><SslProtocols><member>TLSv1.2</member></SslProtocols></member>");
    }
    return "<DescribeSSLPoliciesResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">"
        + "<DescribeSSLPoliciesResult><SslPolicies>" + members + "</SslPolicies>"
        + (next == null ? "" : "<NextMarker>" + next + "</NextMarker>")
        + "</DescribeSSLPoliciesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
        + "</DescribeSSLPoliciesResponse>";
  }

  /** Answers each request with {@code answer(body)}: status and XML. */
  AwsSession serve(java.util.function.Function<String, Object[]> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (requests) {
        requests.add(body);
      }
      Object[] a = answer.apply(body);
      byte[] out = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/xml");
      ex.sendResponseHeaders((Integer) a[0], out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    return new AwsSession(AwsSession.Settings.of("us-west-2", "http://127.0.0.1:" + server.getAddress().getPort())
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void everyPageIsRead() throws IOException {
    try (AwsSession aws = serve(body -> body.contains("Marker=m1")
        ? new Object[] {200, page("ELBSecurityPolicy-TLS13-1-2-2021-06", null)}
        : new Object[] {200, page("ELBSecurityPolicy-2016-08,ELBSecurityPolicy-FS-1-2-Res-2020-10", "m1")})) {
      Optional<SslPoliciesFact> f = new AccountFacts(aws).sslPolicies();
      assertThat(f).contains(new SslPoliciesFact(List.of("ELBSecurityPolicy-2016-08",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS13-1-2-2021-06")));
      assertThat(requests).hasSize(2).allMatch(b -> b.contains("Action=DescribeSSLPolicies"));
      assertThat(aws.calls().snapshot()).containsEntry("elbv2:DescribeSSLPolicies", 2L);
    }
  }

  @Test
  void aRefusedReadGivesNoFactNotAnEmptyOne() throws IOException {
    assertNoFact(403, "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error>"
        + "<Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform"
        + " elasticloadbalancing:DescribeSSLPolicies</Message></Error><RequestId>r</RequestId></ErrorResponse>");
  }

  @Test
  void anEmptyAnswerGivesNoFact() throws IOException {
    assertNoFact(200, "<DescribeSSLPoliciesResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">"
        + "<DescribeSSLPoliciesResult><SslPolicies/></DescribeSSLPoliciesResult>"
        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeSSLPoliciesResponse>");
  }

  private void assertNoFact(int status, String xml) throws IOException {
    try (AwsSession aws = serve(body -> new Object[] {status, xml})) {
      assertThat(new AccountFacts(aws).sslPolicies()).isEmpty();
      assertThat(requests).isNotEmpty().allMatch(b -> b.contains("Action=DescribeSSLPolicies"));
    }
  }
}
