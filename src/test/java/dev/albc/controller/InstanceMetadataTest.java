package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Region and VPC from a small IMDSv2 server (the SDK's endpoint setting points at it). */
class InstanceMetadataTest {
  static final String ENDPOINT = "aws.ec2MetadataServiceEndpoint"; // = AWS_EC2_METADATA_SERVICE_ENDPOINT
  HttpServer server;

  @AfterEach
  void stop() {
    System.clearProperty(ENDPOINT);
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void regionAndVpcOfThePrimaryInterfaceWithAToken() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Map<String, String> answers = Map.of(
        "/latest/meta-data/placement/region", "eu-central-1",
        "/latest/meta-data/mac", "0e:11:22:33:44:55",
        "/latest/meta-data/network/interfaces/macs/0e:11:22:33:44:55/vpc-id", "vpc-0abc");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      String token = ex.getRequestHeaders().getFirst("x-aws-ec2-metadata-token");
      seen.add(ex.getRequestMethod() + " " + path + (token == null ? "" : " token=" + token));
      String body;
      int code = 200;
      if (ex.getRequestMethod().equals("PUT") && path.equals("/latest/api/token")) {
        body = "t0k3n";
        ex.getResponseHeaders().set("x-aws-ec2-metadata-token-ttl-seconds",
            ex.getRequestHeaders().getFirst("x-aws-ec2-metadata-token-ttl-seconds"));
      } else if (!"t0k3n".equals(token)) {
        code = 401;
        body = "";
      } else {
        body = answers.get(path);
        code = body == null ? 404 : 200;
        body = body == null ? "" : body;
      }
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
      if (b.length > 0) {
        ex.getResponseBody().write(b);
      }
      ex.close();
    });
    server.start();
    System.setProperty(ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort());
    try (InstanceMetadata imds = new InstanceMetadata()) {
      assertThat(imds.region()).isEqualTo("eu-central-1");
      assertThat(imds.vpcId()).isEqualTo("vpc-0abc");
    }
    assertThat(seen).first().isEqualTo("PUT /latest/api/token");
    assertThat(seen).contains("GET /latest/meta-data/placement/region token=t0k3n");
  }

  @Test
  void noMetadataServiceNamesTheFlags() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
    System.setProperty(ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort());
    try (InstanceMetadata imds = new InstanceMetadata()) {
      assertThatThrownBy(imds::region).hasMessageContaining("give --aws-region and --aws-vpc-id");
    }
  }
}
