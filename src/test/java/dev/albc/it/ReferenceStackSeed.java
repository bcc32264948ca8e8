package dev.albc.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.aws.SdkJson;
import dev.albc.testinfra.AwsSeed;
import dev.albc.testinfra.ItContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;

/**
 * Seeds the emulator with one of the reference controller's stacks (src/test/resources/reference-stacks):
 * every resource with the fields, tags and attributes the file gives, created with plain SDK calls. The
 * file writes names where AWS has ARNs and ids; {@link #ids} maps each name to what the emulator gave.
 * Target groups are renamed with the reference's hash (aws-lbc-behaviour.md §8) over the Services'
 * real UIDs ({@link #targetGroupName}).
 */
final class ReferenceStackSeed {
  static final ObjectMapper JSON = new ObjectMapper();

  final JsonNode stack;
  /** name in the file → ARN, id or new name in the emulator. */
  final Map<String, String> ids = new LinkedHashMap<>();
  /** target-group name in the file → its name for the Services' real UIDs. */
  final Map<String, String> names = new LinkedHashMap<>();

  ReferenceStackSeed(JsonNode stack) {
    this.stack = stack;
  }

  static JsonNode load(String example) {
    try {
      return JSON.readTree(Path.of("src/test/resources/reference-stacks", example + ".json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String alnum(String s, int n) {
    String a = s.replaceAll("[^A-Za-z0-9]", "");
    return a.length() > n ? a.substring(0, n) : a;
  }

  /**
   * The reference's name of the target group behind a TargetGroupBinding of the file, for a Service
   * UID: sha256 of cluster, group id, Ingress namespace and name, UID, port as written, target-group
   * port, target type, protocol and protocol version (aws-lbc-behaviour.md §8, §6).
   */
  String targetGroupName(JsonNode binding, String uid) {
    JsonNode tg = find(stack.path("targetGroups"), "TargetGroupName", binding.path("name").asText());
    String svc = binding.path("spec").path("serviceRef").path("name").asText();
    String port = binding.path("spec").path("serviceRef").path("port").asText();
    String resource = tg.path("Tags").path("ingress.k8s.aws/resource").asText();
    String ingKey = resource.substring(0, resource.length() - ("-" + svc + ":" + port).length());
    String[] nn = ingKey.split("/", 2);
    String hash = sha(stack.path("about").path("clusterName").asText() + tg.path("Tags").path("ingress.k8s.aws/stack").asText()
        + nn[0] + nn[1] + uid + port + tg.path("Port").asText() + tg.path("TargetType").asText()
        + tg.path("Protocol").asText() + tg.path("ProtocolVersion").asText());
    return "k8s-" + alnum(binding.path("namespace").asText(), 8) + "-" + alnum(svc, 8) + "-" + hash.substring(0, 10);
  }

  static JsonNode find(JsonNode items, String member, String value) {
    for (JsonNode x : items) {
      if (x.path(member).asText().equals(value)) {
        return x;
      }
    }
    throw new IllegalArgumentException("no " + member + " " + value);
  }

  /** Every text value that is a name of the file replaced by its id in the emulator. */
  JsonNode mapped(JsonNode n) {
    if (n.isTextual()) {
      return JSON.getNodeFactory().textNode(ids.getOrDefault(n.asText(), n.asText()));
    }
    if (n.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      n.forEach(x -> a.add(mapped(x)));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), mapped(e.getValue())));
      return o;
    }
    return n;
  }

  static ArrayNode tags(JsonNode tags) {
    ArrayNode a = JSON.createArrayNode();
    tags.fields().forEachRemaining(e -> a.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
    return a;
  }

  static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elbTags(JsonNode tags) {
    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> out = new ArrayList<>();
    tags.fields().forEachRemaining(e -> out.add(software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag
        .builder().key(e.getKey()).value(e.getValue().asText()).build()));
    return out;
  }

  static Map<String, String> tagMap(JsonNode tags) {
    Map<String, String> m = new LinkedHashMap<>();
    tags.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /** Creates the stack's AWS resources in the emulator, in the network given. */
  void seedAws(ItContext it, AwsSeed.EksNetwork network) {
    var ec2 = it.aws().ec2();
    ElasticLoadBalancingV2Client elb = it.aws().elbv2();
    String vpc = network.vpcId();
    ids.put(stack.path("loadBalancers").path(0).path("VpcId").asText(), vpc);
    for (JsonNode sg : stack.path("securityGroups")) {
      String id = ec2.createSecurityGroup(r -> r.groupName(sg.path("GroupName").asText()).vpcId(vpc)
          .description(sg.path("Description").asText())
          .tagSpecifications(AwsSeed.tagSpec(ResourceType.SECURITY_GROUP, tagMap(sg.path("Tags"))))).groupId();
      ids.put(sg.path("GroupName").asText(), id);
      if (!sg.path("IpPermissions").isEmpty()) {
        ObjectNode req = JSON.createObjectNode();
        req.put("GroupId", id);
        req.set("IpPermissions", sg.path("IpPermissions"));
        ec2.authorizeSecurityGroupIngress(SdkJson.fromJson(AuthorizeSecurityGroupIngressRequest.class, req));
      }
    }
    for (JsonNode tg : stack.path("targetGroups")) {
      ObjectNode req = JSON.createObjectNode();
      req.put("Name", names.getOrDefault(tg.path("TargetGroupName").asText(), tg.path("TargetGroupName").asText()));
      for (String f : List.of("Protocol", "ProtocolVersion", "Port", "TargetType", "IpAddressType", "HealthCheckEnabled",
          "HealthCheckProtocol", "HealthCheckPort", "HealthCheckPath", "HealthCheckIntervalSeconds",
          "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount", "Matcher")) {
        req.set(f, tg.path(f));
      }
      req.put("VpcId", vpc);
      req.set("Tags", tags(tg.path("Tags")));
      String arn = elb.createTargetGroup(SdkJson.fromJson(CreateTargetGroupRequest.class, req)).targetGroups().get(0)
          .targetGroupArn();
      ids.put(tg.path("TargetGroupName").asText(), arn);
      List<TargetGroupAttribute> attrs = new ArrayList<>();
      Map<String, String> have = new LinkedHashMap<>();
      elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().forEach(a -> have.put(a.key(), a.value()));
      tg.path("Attributes").fields().forEachRemaining(e -> {
        if (!e.getValue().asText().equals(have.get(e.getKey()))) {
          attrs.add(TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue().asText()).build());
        }
      });
      if (!attrs.isEmpty()) {
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(attrs));
      }
    }
    for (JsonNode lb : stack.path("loadBalancers")) {
      List<String> sgs = new ArrayList<>();
      lb.path("SecurityGroups").forEach(s -> sgs.add(ids.get(s.asText())));
      String arn = elb.createLoadBalancer(r -> r.name(lb.path("LoadBalancerName").asText())
          .type(lb.path("Type").asText()).scheme(lb.path("Scheme").asText())
          .ipAddressType(lb.path("IpAddressType").asText()).subnets(network.publicSubnetIds()).securityGroups(sgs)
          .tags(elbTags(lb.path("Tags")))).loadBalancers().get(0).loadBalancerArn();
      ids.put(lb.path("LoadBalancerName").asText(), arn);
      List<LoadBalancerAttribute> attrs = new ArrayList<>();
      Map<String, String> have = new LinkedHashMap<>();
      elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().forEach(a -> have.put(a.key(), a.value()));
      lb.path("Attributes").fields().forEachRemaining(e -> {
        if (!e.getValue().asText().equals(have.get(e.getKey()))) {
          attrs.add(LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue().asText()).build());
        }
      });
      if (!attrs.isEmpty()) {
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(attrs));
      }
    }
    for (JsonNode l : stack.path("listeners")) {
      ObjectNode req = JSON.createObjectNode();
      req.set("LoadBalancerArn", mapped(l.path("LoadBalancerArn")));
      req.set("Port", l.path("Port"));
      req.set("Protocol", l.path("Protocol"));
      if (l.path("Protocol").asText().equals("HTTPS")) {
        req.set("SslPolicy", l.path("SslPolicy"));
        ArrayNode certs = req.putArray("Certificates");
        l.path("ListenerCertificates").forEach(c -> {
          if (c.path("IsDefault").asBoolean()) {
            certs.addObject().set("CertificateArn", mapped(c.path("CertificateArn")));
          }
        });
      }
      req.set("DefaultActions", mapped(l.path("DefaultActions")));
      req.set("Tags", tags(l.path("Tags")));
      String arn = elb.createListener(SdkJson.fromJson(CreateListenerRequest.class, req)).listeners().get(0)
          .listenerArn();
      ids.put(l.path("Key").asText(), arn);
      List<String> extra = new ArrayList<>();
      l.path("ListenerCertificates").forEach(c -> {
        if (!c.path("IsDefault").asBoolean()) {
          extra.add(mapped(c.path("CertificateArn")).asText());
        }
      });
      if (!extra.isEmpty()) {
        elb.addListenerCertificates(r -> r.listenerArn(arn).certificates(
            extra.stream().map(c -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate.builder()
                .certificateArn(c).build()).toList()));
      }
    }
    for (JsonNode rule : stack.path("rules")) {
      if (rule.path("IsDefault").asBoolean()) {
        continue;
      }
      ObjectNode req = JSON.createObjectNode();
      req.set("ListenerArn", mapped(rule.path("Listener")));
      req.put("Priority", rule.path("Priority").asInt());
      req.set("Conditions", rule.path("Conditions"));
      req.set("Actions", mapped(rule.path("Actions")));
      req.set("Tags", tags(rule.path("Tags")));
      elb.createRule(SdkJson.fromJson(CreateRuleRequest.class, req));
    }
  }
}
