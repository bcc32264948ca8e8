package dev.albc.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.albc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.shield.model.CreateProtectionRequest;
import software.amazon.awssdk.services.wafv2.model.AssociateWebAclRequest;

/**
 * Every resource of every plan the examples produce deserializes into the matching AWS SDK v2 request
 * (through the request's serializable builder) with no unknown member: the plan's JSON is the SDK's
 * create requests, as docs/plan-format.md promises.
 */
public class SdkShapeTest {
  static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  static final Map<String, Class<? extends SdkPojo>> REQUESTS = Map.of(
      "AWS::ElasticLoadBalancingV2::LoadBalancer", CreateLoadBalancerRequest.class,
      "AWS::ElasticLoadBalancingV2::Listener", CreateListenerRequest.class,
      "AWS::ElasticLoadBalancingV2::ListenerRule", CreateRuleRequest.class,
      "AWS::ElasticLoadBalancingV2::TargetGroup", CreateTargetGroupRequest.class,
      "AWS::EC2::SecurityGroup", CreateSecurityGroupRequest.class,
      "AWS::WAFv2::WebACLAssociation", AssociateWebAclRequest.class,
      "AWS::Shield::Protection", CreateProtectionRequest.class,
      "AWS::CertificateManager::Certificate",
      software.amazon.awssdk.services.acm.model.RequestCertificateRequest.class);

  @TestFactory
  Stream<DynamicTest> everyExampleResourceIsAnSdkRequest() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path example : List.of(Path.of("examples/quickstart"), Path.of("examples/ingress-group"), Path.of("examples/https"))) {
      JsonNode plan = planJson(example);
      for (JsonNode g : plan.path("groups")) {
        for (JsonNode r : g.path("resources")) {
          String kind = r.path("Kind").asText();
          if (kind.startsWith("K8S::")) {
            continue;
          }
          tests.add(DynamicTest.dynamicTest(example + " " + kind + " " + r.path("ResourceId").asText(), () -> check(kind, r)));
        }
      }
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  @Test
  void anUnknownMemberIsRefused() {
    ObjectNode bogus = STRICT.createObjectNode();
    bogus.put("Name", "x");
    bogus.put("Schema", "internal");
    assertThatThrownBy(() -> toRequest(CreateLoadBalancerRequest.class, bogus)).hasMessageContaining("Schema");
  }

  public static void check(String kind, JsonNode resource) throws Exception {
    Class<? extends SdkPojo> type = REQUESTS.get(kind);
    assertThat(type).as("an SDK request for " + kind).isNotNull();
    ObjectNode body = (ObjectNode) resolveRefs(resource.deepCopy());
    body.remove("ResourceId");
    body.remove("Kind");
    JsonNode attributes = body.remove("Attributes");
    JsonNode tags = body.remove("Tags");
    if (tags != null && !kind.startsWith("AWS::WAFv2") && !kind.startsWith("AWS::Shield") && !kind.startsWith("AWS::EC2")) {
      body.set("Tags", tagList(tags));
    }
    if (kind.equals("AWS::EC2::SecurityGroup")) {
      JsonNode perms = body.remove("IpPermissions");
      ObjectNode ingress = STRICT.createObjectNode();
      ingress.put("GroupId", "sg-placeholder");
      ingress.set("IpPermissions", perms);
      toRequest(AuthorizeSecurityGroupIngressRequest.class, ingress);
    }
    if (kind.equals("AWS::ElasticLoadBalancingV2::Listener")) {
      JsonNode sni = body.remove("SniCertificates");
      if (sni != null) {
        ObjectNode add = STRICT.createObjectNode();
        add.put("ListenerArn", "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/x/1/2");
        add.set("Certificates", sni);
        toRequest(AddListenerCertificatesRequest.class, add);
      }
      if (attributes != null) {
        // listener attributes go by ModifyListenerAttributes, as the planner sends them
        ObjectNode mod = STRICT.createObjectNode();
        mod.put("ListenerArn", "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/x/1/2");
        var list = mod.putArray("Attributes");
        attributes.fields().forEachRemaining(e -> list.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
        toRequest(software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerAttributesRequest.class, mod);
      }
    }
    if (kind.equals("AWS::ElasticLoadBalancingV2::TargetGroup")) {
      JsonNode targets = body.remove("Targets");
      if (targets != null) {
        // a frontend NLB's target group: its targets go by RegisterTargets, as the planner sends them
        ObjectNode reg = STRICT.createObjectNode();
        reg.put("TargetGroupArn", "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/x/1");
        reg.set("Targets", targets);
        toRequest(software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest.class, reg);
      }
    }
    if (kind.equals("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
      JsonNode capacity = body.remove("MinimumLoadBalancerCapacity");
      if (capacity != null) {
        // the capacity reservation goes by ModifyCapacityReservation, as the planner sends it
        ObjectNode mod = STRICT.createObjectNode();
        mod.put("LoadBalancerArn", "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/x/1");
        mod.set("MinimumLoadBalancerCapacity", capacity);
        toRequest(software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyCapacityReservationRequest.class, mod);
      }
    }
    if (kind.equals("AWS::Shield::Protection")) {
      body.remove("Enabled");
      body.put("Name", "protection");
    }
    toRequest(type, body);
  }

  static SdkPojo toRequest(Class<? extends SdkPojo> type, JsonNode body) throws Exception {
    Class<?> builderImpl = (Class<?>) type.getMethod("serializableBuilderClass").invoke(null);
    Object builder = STRICT.treeToValue(body, builderImpl);
    var build = builderImpl.getMethod("build");
    build.setAccessible(true);
    return (SdkPojo) build.invoke(builder);
  }

  static JsonNode tagList(JsonNode tags) {
    ArrayNode out = STRICT.createArrayNode();
    Iterator<Map.Entry<String, JsonNode>> it = tags.fields();
    while (it.hasNext()) {
      var e = it.next();
      ObjectNode t = out.addObject();
      t.put("Key", e.getKey());
      t.put("Value", e.getValue().asText());
    }
    return out;
  }

  /**
   * {"$ref": id} → a placeholder ARN, and a secret placeholder {"$secret", "Key", "Hash"}
   * (docs/plan-format.md#secrets) → a text, as the executor would substitute them.
   */
  static JsonNode resolveRefs(JsonNode n) {
    if (n.isObject()) {
      if (n.size() == 1 && n.has("$ref")) {
        return new TextNode("arn:aws:placeholder:::" + n.get("$ref").asText());
      }
      if (n.has("$secret")) {
        assertThat(n.path("Hash").asText()).as("a secret placeholder's hash").matches("sha256:[0-9a-f]{16}");
        return new TextNode("secret-of-" + n.get("$secret").asText());
      }
      ObjectNode o = (ObjectNode) n;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        o.set(f, resolveRefs(o.get(f)));
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, resolveRefs(a.get(i)));
      }
    }
    return n;
  }

  static JsonNode planJson(Path example) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try (PrintStream ps = new PrintStream(buf, true, "UTF-8")) {
      System.setOut(ps);
      code = new picocli.CommandLine(new Main()).execute(
          "plan", "--cluster-name", "demo", "--aws-vpc-id", "vpc-0123456789abcdef0", "-o", "json", example.toString());
    } finally {
      System.setOut(old);
    }
    assertThat(code).as("plan exit code for " + example).isEqualTo(0);
    return STRICT.readTree(buf.toString("UTF-8"));
  }
}
