package dev.albc.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.observe.BindingClient;
import dev.albc.observe.ObservedResource;
import dev.albc.changes.Change;
import dev.albc.changes.GroupChanges;
import dev.albc.changes.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** The executor's pieces that need no AWS: references, SDK method lookup, order of deferred deletions. */
class ExecutorTest {
  static final ObjectMapper M = new ObjectMapper();

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) M.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void referencesAreResolvedAndAMissingOneIsAPlanningError() {
    Step s = Step.of("elbv2:CreateRule", json("{\"ListenerArn\":{\"$ref\":\"80\"},\"Actions\":[{\"ForwardConfig\":"
        + "{\"TargetGroups\":[{\"TargetGroupArn\":{\"$ref\":\"ns/i-svc:80\"}}]}}]}"));
    var resolved = Executor.resolve(s.request(), Map.of("80", "arn:l", "ns/i-svc:80", "arn:tg"), s);
    assertThat(resolved.toString()).isEqualTo(
        "{\"ListenerArn\":\"arn:l\",\"Actions\":[{\"ForwardConfig\":{\"TargetGroups\":[{\"TargetGroupArn\":\"arn:tg\"}]}}]}");
    assertThatThrownBy(() -> Executor.resolve(s.request(), Map.of("80", "arn:l"), s))
        .hasMessageContaining("needs the ARN or id of ns/i-svc:80");
  }

  @Test
  void operationsMapToSdkMethods() {
    ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder()
        .region(software.amazon.awssdk.regions.Region.US_WEST_2)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build();
    Wafv2Client waf = Wafv2Client.builder().region(software.amazon.awssdk.regions.Region.US_WEST_2)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build();
    try (elb; waf) {
      assertThat(Executor.method(elb, "CreateTargetGroup").getParameterTypes()[0]).isEqualTo(CreateTargetGroupRequest.class);
      assertThat(Executor.method(waf, "AssociateWebACL").getName()).isEqualTo("associateWebACL");
      assertThatThrownBy(() -> Executor.method(elb, "Frobnicate")).hasMessageContaining("Frobnicate");
    }
    assertThat(Executor.produced("CreateTargetGroup", json("{\"TargetGroups\":[{\"TargetGroupArn\":\"arn:x\"}]}")))
        .isEqualTo("arn:x");
    assertThat(Executor.produced("CreateSecurityGroup", json("{\"GroupId\":\"sg-1\"}"))).isEqualTo("sg-1");
  }

  @Test
  void deferredDeletionsRunLastBindingsThenTargetGroupsThenSecurityGroups() {
    List<String> seen = new ArrayList<>();
    BindingClient fake = new BindingClient() {
      @Override
      public List<ObservedResource> list(Map<String, String> labels) {
        return List.of();
      }

      @Override
      public void create(ObjectNode object) {
        seen.add("create " + object.path("metadata").path("name").asText());
      }

      @Override
      public void replace(ObjectNode object) {
        seen.add("replace");
      }

      @Override
      public void delete(String namespace, String name) {
        seen.add("delete " + namespace + "/" + name);
      }
    };
    Change del = Change.delete("K8S::ElasticLoadBalancingV2::TargetGroupBinding", null, "ns/old", "gone",
        List.of(Step.post("k8s:DeleteTargetGroupBinding", json("{\"namespace\":\"ns\",\"name\":\"old\"}"))));
    Change create = Change.create("K8S::ElasticLoadBalancingV2::TargetGroupBinding", "x", "ns/new", "new",
        List.of(Step.of("k8s:CreateTargetGroupBinding",
            json("{\"metadata\":{\"name\":\"new\",\"namespace\":\"ns\"},\"spec\":{\"targetGroupARN\":{\"$ref\":\"x\"}}}"))));
    List<String> hooked = new ArrayList<>();
    Executor e = new Executor(null, fake, null, "vpc-1", (g, c, s) -> hooked.add(s.call()));
    Executor.Result r = e.apply(new GroupChanges("g", false, List.of(del, create), Map.of("x", "arn:tg"), List.of(),
        List.of()));
    assertThat(seen).containsExactly("create new", "delete ns/old");
    assertThat(hooked).containsExactly("k8s:CreateTargetGroupBinding", "k8s:DeleteTargetGroupBinding");
    assertThat(r.applied()).hasSize(2);
  }

  @Test
  void aFailedStepStopsTheGroupWithOneLine() {
    Change create = Change.create("K8S::ElasticLoadBalancingV2::TargetGroupBinding", "x", "ns/new", "new",
        List.of(Step.of("k8s:CreateTargetGroupBinding",
            json("{\"metadata\":{\"name\":\"new\",\"namespace\":\"ns\"},\"spec\":{}}"))));
    Executor e = new Executor(null, null, null, "vpc-1", null);
    assertThatThrownBy(() -> e.apply(new GroupChanges("g", false, List.of(create), Map.of(), List.of(), List.of())))
        .isInstanceOf(Executor.ExecutionFailure.class)
        .hasMessage("[g] k8s:CreateTargetGroupBinding: no cluster (--kubeconfig) to write TargetGroupBindings to");
  }

  /** A local ELBv2 endpoint answering RegisterTargets with InvalidTarget {@code refusals} times, then OK. */
  static final class RegisterTargetsEndpoint implements AutoCloseable {
    final com.sun.net.httpserver.HttpServer server;
    final List<String> bodies = new ArrayList<>();

    RegisterTargetsEndpoint(int refusals) throws java.io.IOException {
      server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", ex -> {
        String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int n;
        synchronized (bodies) {
          bodies.add(body);
          n = bodies.size();
        }
        String ns = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
        boolean refuse = n <= refusals;
        String xml = refuse
            ? "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>InvalidTarget</Code>"
                + "<Message>The following targets are not in a running state and cannot be registered: 'arn:alb'</Message>"
                + "</Error><RequestId>r</RequestId></ErrorResponse>"
            : "<RegisterTargetsResponse xmlns=\"" + ns + "\"><RegisterTargetsResult/>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></RegisterTargetsResponse>";
        byte[] out = xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/xml");
        ex.sendResponseHeaders(refuse ? 400 : 200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
      });
      server.start();
    }

    dev.albc.aws.AwsSession session() {
      return new dev.albc.aws.AwsSession(dev.albc.aws.AwsSession.Settings
          .of("us-west-2", "http://127.0.0.1:" + server.getAddress().getPort())
          .withCredentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
          .withMaxAttempts(1));
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static GroupChanges registerAlb() {
    Change c = Change.modify("AWS::ElasticLoadBalancingV2::TargetGroup", "k8s-frontend-nlb-tg-443", "tg", List.of(),
        List.of(Step.of("elbv2:RegisterTargets",
            json("{\"TargetGroupArn\":\"arn:tg\",\"Targets\":[{\"Id\":\"arn:alb\",\"Port\":443}]}"))));
    return new GroupChanges("g", false, List.of(c), Map.of(), List.of(), List.of());
  }

  @Test
  void registeringAnAlbThatIsNotActiveYetIsRetriedAfterFifteenSeconds() throws Exception {
    List<java.time.Duration> waits = new ArrayList<>();
    try (RegisterTargetsEndpoint ep = new RegisterTargetsEndpoint(2); var aws = ep.session()) {
      Executor e = new Executor(aws, null, null, "vpc-1", null).withSleeper(waits::add);
      Executor.Result r = e.apply(registerAlb());
      assertThat(r.applied()).containsExactly("elbv2:RegisterTargets TargetGroup k8s-frontend-nlb-tg-443 (tg)");
      assertThat(ep.bodies).hasSize(3).allMatch(b -> b.contains("Action=RegisterTargets"));
      assertThat(waits).containsExactly(java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(15));
    }
  }

  @Test
  void registeringAnAlbGivesUpWhenTheDependencyWaitIsSpent() throws Exception {
    List<java.time.Duration> waits = new ArrayList<>();
    try (RegisterTargetsEndpoint ep = new RegisterTargetsEndpoint(100); var aws = ep.session()) {
      Executor e = new Executor(aws, null, null, "vpc-1", null)
          .withWaits(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(2)).withSleeper(waits::add);
      assertThatThrownBy(() -> e.apply(registerAlb())).isInstanceOf(Executor.ExecutionFailure.class)
          .hasMessageContaining("RegisterTargets").hasMessageContaining("InvalidTarget");
      assertThat(ep.bodies).hasSize(3);
      assertThat(waits).containsExactly(java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(15));
    }
  }
}
