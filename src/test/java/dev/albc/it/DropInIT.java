package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.cli.Main;
import dev.albc.executor.LiveFixture;
import dev.albc.changes.LiveChanges;
import dev.albc.testinfra.AwsSeed;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * Drop-in: an account holding the stack the reference controller made for the quickstart Ingress —
 * names computed here from the reference's hashing (aws-lbc-behaviour.md §8), tags and settings as
 * it sets them, created with plain SDK calls — needs no change from albc.
 */
@IntegrationTest
class DropInIT {
  static final String QUICKSTART = LiveFixture.example("quickstart");
  static final String GROUP = "demo/shop";
  static final String WEB_UID = "6f2d8c1e-5b1a-4c3e-9a7d-0e1f2a3b4c5d";
  static final String API_UID = "0c9b8a7d-6e5f-4d3c-8b2a-1f0e9d8c7b6a";

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

  // the reference's names (§8), written here independently of albc's rules
  static String lbName(String cluster, String ns, String ing, String scheme) {
    return "k8s-" + alnum(ns, 8) + "-" + alnum(ing, 8) + "-" + sha(cluster + ns + "/" + ing + scheme).substring(0, 10);
  }

  static String sgName(String cluster, String ns, String ing) {
    return "k8s-" + alnum(ns, 8) + "-" + alnum(ing, 8) + "-" + sha(cluster + ns + "/" + ing).substring(0, 10);
  }

  static String tgName(String cluster, String ns, String ing, String svc, String uid, String port, int tgPort) {
    return "k8s-" + alnum(ns, 8) + "-" + alnum(svc, 8) + "-"
        + sha(cluster + ns + "/" + ing + ns + ing + uid + port + tgPort + "instance" + "HTTP" + "HTTP1").substring(0, 10);
  }

  static String backendSgName(String cluster) {
    return "k8s-traffic-" + alnum(cluster, 232) + "-" + sha(cluster).substring(0, 10);
  }

  @Test
  void theHashingMatchesTheReferencesWorkedExamples() {
    assertThat(lbName("cluster-dummy", "ns-1", "ing-1", "internal")).isEqualTo("k8s-ns1-ing1-b7e914000d");
    assertThat(lbName("cluster-dummy", "ns-1", "ing-1", "internet-facing")).isEqualTo("k8s-ns1-ing1-159dd7a143");
    assertThat(sgName("cluster-dummy", "ns-1", "ing-1")).isEqualTo("k8s-ns1-ing1-bd83176788");
    assertThat(tgName("cluster-dummy", "ns-1", "ing-1", "svc-1", "", "http", 32768)).isEqualTo("k8s-ns1-svc1-9889425938");
  }

  @Test
  void aStackTheReferenceControllerMadeNeedsNoChange(ItContext it) throws Exception {
    try (LiveFixture f = new LiveFixture(it)) {
      String c = it.clusterName();
      seedReferenceStack(it, f, c);

      LiveChanges plan = f.plan(QUICKSTART);
      assertThat(plan.groups()).singleElement().satisfies(g -> {
        assertThat(g.changes()).as("changes against the reference's stack").isEmpty();
        assertThat(g.errors()).isEmpty();
      });
      assertThat(f.aws().calls().writes()).isZero();
      // albc wants exactly the reference's names, and so found every resource by name at once
      List<String> names = new ArrayList<>();
      plan.groups().get(0).resources().forEach(r -> {
        var n = dev.albc.desired.DesiredJson.JSON.valueToTree(r);
        names.add(n.has("Name") ? n.get("Name").asText() : n.path("GroupName").asText(null));
      });
      assertThat(names).contains(lbName(c, "demo", "shop", "internet-facing"), sgName(c, "demo", "shop"),
          backendSgName(c), tgName(c, "demo", "shop", "web", WEB_UID, "80", 31080),
          tgName(c, "demo", "shop", "api", API_UID, "http", 31081));
      // one DescribeLoadBalancers for the account facts (the cluster's load balancers), one for the observation
      assertThat(f.aws().calls().snapshot()).containsEntry("elbv2:DescribeTargetGroups", 1L)
          .containsEntry("elbv2:DescribeLoadBalancers", 2L);

      // the same through the command line, as a user runs it
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = runCli(out, err, "plan", "--live", "--cluster-name", c, "--aws-vpc-id", f.network().vpcId(),
          "--aws-region", it.settings().region(), "--aws-endpoint-url", it.settings().awsEndpoint().orElseThrow().toString(),
          "--show-calls", "examples/quickstart");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).contains("Group demo/shop  (demo/shop)  — no change")
          .contains("Plan: 0 to create, 0 to modify, 0 to replace, 0 to delete; 1 group(s), 0 blocked.");
      assertThat(err.toString()).contains("AWS calls:").contains("0 write)");

      // the JSON plan: the offline format's members, plus changes (empty here)
      out.reset();
      code = runCli(out, err, "plan", "--live", "-o", "json", "--cluster-name", c, "--aws-vpc-id",
          f.network().vpcId(), "--aws-region", it.settings().region(), "--aws-endpoint-url",
          it.settings().awsEndpoint().orElseThrow().toString(), "examples/quickstart");
      assertThat(code).isZero();
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
      assertThat(json.path("apiVersion").asText()).isEqualTo("albc.dev/v1alpha1");
      assertThat(json.path("kind").asText()).isEqualTo("Plan");
      var g0 = json.path("groups").path(0);
      assertThat(g0.path("id").asText()).isEqualTo(GROUP);
      assertThat(g0.path("resources").size()).isEqualTo(10);
      assertThat(g0.path("diagnostics").isArray()).isTrue();
      assertThat(g0.path("changes").isArray()).isTrue();
      assertThat(g0.path("changes").size()).isZero();

      // and albc deletes the reference's stack as its own: a dry run first, then for real
      String[] delete = {"delete", "--cluster-name", c, "--aws-vpc-id", f.network().vpcId(), "--aws-region",
          it.settings().region(), "--aws-endpoint-url", it.settings().awsEndpoint().orElseThrow().toString(), GROUP};
      out.reset();
      err.reset();
      String[] dry = java.util.Arrays.copyOf(delete, delete.length + 1);
      dry[delete.length] = "--dry-run";
      assertThat(runCli(out, err, dry)).as(err.toString()).isZero();
      assertThat(out.toString()).contains("- delete   LoadBalancer").contains("Dry run: nothing was deleted.");
      assertThat(f.loadBalancers()).hasSize(1);
      out.reset();
      assertThat(runCli(out, err, delete)).as(err.toString()).isZero();
      assertThat(out.toString()).contains("Plan: 0 to create, 0 to modify, 0 to replace, 5 to delete");
      assertThat(f.loadBalancers()).isEmpty();
      assertThat(f.targetGroups()).isEmpty();
      assertThat(f.securityGroups()).isEmpty();
    }
  }

  static int runCli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    boolean setKeys = System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null;
    if (setKeys) {
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
    }
    PrintStream o = System.out;
    PrintStream e = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return Main.run(args);
    } finally {
      System.setOut(o);
      System.setErr(e);
      if (setKeys) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
    }
  }

  /** What the reference controller creates for examples/quickstart (Ingress demo/shop). */
  static void seedReferenceStack(ItContext it, LiveFixture f, String c) {
    Ec2Client ec2 = it.aws().ec2();
    ElasticLoadBalancingV2Client elb = it.aws().elbv2();
    String vpc = f.network().vpcId();
    Map<String, String> stack = new LinkedHashMap<>();
    stack.put("elbv2.k8s.aws/cluster", c);
    stack.put("ingress.k8s.aws/stack", GROUP);
    stack.put("team", "storefront");
    stack.put("env", "demo");

    String backend = ec2.createSecurityGroup(r -> r.groupName(backendSgName(c)).vpcId(vpc)
        .description("[k8s] Shared Backend SecurityGroup for LoadBalancer")
        .tagSpecifications(AwsSeed.tagSpec(ResourceType.SECURITY_GROUP,
            Map.of("elbv2.k8s.aws/cluster", c, "elbv2.k8s.aws/resource", "backend-sg")))).groupId();
    String managed = ec2.createSecurityGroup(r -> r.groupName(sgName(c, "demo", "shop")).vpcId(vpc)
        .description("[k8s] Managed SecurityGroup for LoadBalancer")
        .tagSpecifications(AwsSeed.tagSpec(ResourceType.SECURITY_GROUP, with(stack, "ManagedLBSecurityGroup")))).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(managed).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80)
        .toPort(80).ipRanges(x -> x.cidrIp("0.0.0.0/0"))));

    String web = targetGroup(elb, tgName(c, "demo", "shop", "web", WEB_UID, "80", 31080), 31080, "/healthz", vpc,
        with(stack, "demo/shop-web:80"));
    String api = targetGroup(elb, tgName(c, "demo", "shop", "api", API_UID, "http", 31081), 31081, "/api/health", vpc,
        with(stack, "demo/shop-api:http"));

    String lb = elb.createLoadBalancer(r -> r.name(lbName(c, "demo", "shop", "internet-facing")).type("application")
        .scheme("internet-facing").ipAddressType("ipv4").subnets(f.network().publicSubnetIds())
        .securityGroups(managed, backend).tags(tags(with(stack, "LoadBalancer")))).loadBalancers().get(0)
        .loadBalancerArn();
    String listener = elb.createListener(r -> r.loadBalancerArn(lb).port(80).protocol("HTTP")
        .defaultActions(Action.builder().type("fixed-response")
            .fixedResponseConfig(x -> x.statusCode("404").contentType("text/plain")).build())
        .tags(tags(with(stack, "80")))).listeners().get(0).listenerArn();
    RuleCondition host = RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("shop.example.com"))
        .build();
    elb.createRule(r -> r.listenerArn(listener).priority(1)
        .conditions(host, RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values("/api", "/api/*"))
            .build())
        .actions(forward(api)).tags(tags(with(stack, "80:1"))));
    // the reference keeps path-pattern ["/*"] beside the host for the Prefix path "/" (issue 9)
    elb.createRule(r -> r.listenerArn(listener).priority(2)
        .conditions(host, RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values("/*")).build())
        .actions(forward(web))
        .tags(tags(with(stack, "80:2"))));
  }

  static Action forward(String tg) {
    return Action.builder().type("forward").order(1).forwardConfig(x -> x.targetGroups(t -> t.targetGroupArn(tg)))
        .build();
  }

  static String targetGroup(ElasticLoadBalancingV2Client elb, String name, int port, String path, String vpc,
      Map<String, String> tags) {
    return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").protocolVersion("HTTP1").port(port)
        .targetType("instance").ipAddressType("ipv4").vpcId(vpc).healthCheckProtocol("HTTP")
        .healthCheckPort("traffic-port").healthCheckPath(path).healthCheckIntervalSeconds(15)
        .healthCheckTimeoutSeconds(5).healthyThresholdCount(2).unhealthyThresholdCount(2)
        .matcher(m -> m.httpCode("200")).tags(tags(tags))).targetGroups().get(0).targetGroupArn();
  }

  static Map<String, String> with(Map<String, String> stack, String resource) {
    Map<String, String> m = new LinkedHashMap<>(stack);
    m.put("ingress.k8s.aws/resource", resource);
    return m;
  }

  static List<Tag> tags(Map<String, String> m) {
    List<Tag> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }
}
