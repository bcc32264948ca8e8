package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Golden changes: the planner's whole output (changes with their steps and post flags, known
 * references, notes, errors) for a set of scenarios — every example group against nothing, against
 * itself applied and deleted, and the quickstart and https examples edited or with AWS drifted —
 * compared byte for byte with {@code src/test/resources/golden/changes/scenarios.json}. Recorded
 * before the planner was split into one class per resource kind (issue 8); a change of behaviour
 * rewrites it in its own commit ({@code -Dalbc.golden.update=true}).
 */
class ChangesGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/changes/scenarios.json");
  static final boolean UPDATE = Boolean.getBoolean("albc.golden.update");
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final ChangePlanner.Options NO_CLUSTER = new ChangePlanner.Options(false, false);
  static final ChangePlanner.Options CLUSTER = new ChangePlanner.Options(true, false);
  static final ChangePlanner.Options ALL = new ChangePlanner.Options(true, true);
  static final String CERT_A = "arn:aws:acm:us-west-2:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666";
  static final String CERT_B = "arn:aws:acm:us-west-2:111122223333:certificate/9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff";
  static final String WAF = "arn:aws:wafv2:us-west-2:111122223333:regional/webacl/shop/1";

  final Map<String, GroupChanges> out = new LinkedHashMap<>();

  @Test
  void everyScenarioPlansAsRecorded() throws IOException {
    examples();
    quickstartEdits();
    httpsEdits();
    drift();
    ObjectNode doc = PRETTY.createObjectNode();
    out.forEach((name, gc) -> doc.set(name, tree(gc)));
    String actual = PRETTY.writeValueAsString(doc) + "\n";
    if (UPDATE || !Files.exists(GOLDEN)) {
      assertThat(UPDATE).as("no golden file " + GOLDEN + " (run with -Dalbc.golden.update=true)").isTrue();
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).as("changes differ from " + GOLDEN).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  void examples() {
    for (String ex : List.of("quickstart", "ingress-group", "https")) {
      for (DesiredGroup g : example(ex, s -> s).groups()) {
        String p = ex + " " + g.id() + ": ";
        out.put(p + "nothing in AWS", ChangePlanner.plan(g, ObservedStack.empty(g.id()), NO_CLUSTER));
        out.put(p + "nothing in AWS, a cluster", ChangePlanner.plan(g, with(ObservedStack.empty(g.id()),
            o -> o.bindings = List.of()), CLUSTER));
        out.put(p + "applied", ChangePlanner.plan(g, Simulated.applied(g, false), NO_CLUSTER));
        out.put(p + "applied, a cluster", ChangePlanner.plan(g, Simulated.applied(g, true), CLUSTER));
        out.put(p + "deleted", ChangePlanner.planDeletion(g.id(), Simulated.applied(g, true), ALL));
        out.put(p + "deleted, no cluster", ChangePlanner.planDeletion(g.id(), Simulated.applied(g, false), NO_CLUSTER));
        out.put(p + "deleted, bindings unread", ChangePlanner.planDeletion(g.id(), Simulated.applied(g, false), CLUSTER));
      }
    }
  }

  void quickstartEdits() {
    DesiredGroup before = quickstart(s -> s);
    edit("health check path", before, quickstart(s -> s.replace("healthcheck-path: /healthz", "healthcheck-path: /ready")));
    edit("scheme", before, quickstart(s -> s.replace("scheme: internet-facing", "scheme: internal")));
    edit("target type", before, quickstart(annotate("target-type: ip")));
    edit("new first path", before, quickstart(s -> s.replace("          - path: /api\n",
        "          - path: /admin\n            pathType: Prefix\n            backend:\n              service:\n"
            + "                name: web\n                port:\n                  number: 80\n          - path: /api\n")));
    edit("removed path", before, quickstart(s -> s.replace("          - path: /api\n            pathType: Prefix\n"
        + "            backend:\n              service:\n                name: api\n                port:\n"
        + "                  name: http\n", "")));
    edit("paths swapped", before, quickstart(s -> s.replace("path: /api", "path: /x").replace("path: /\n", "path: /api\n")
        .replace("path: /x", "path: /")));
    edit("load balancer attributes", before,
        quickstart(annotate("load-balancer-attributes: idle_timeout.timeout_seconds=120")));
    edit("target group attributes", before,
        quickstart(annotate("target-group-attributes: deregistration_delay.timeout_seconds=30")));
    edit("tags", before, quickstart(s -> s.replace("team=storefront,env=demo", "team=storefront,owner=ops")));
    edit("inbound cidrs", before, quickstart(annotate("inbound-cidrs: 10.0.0.0/8,192.168.0.0/16")));
    edit("dualstack", before, quickstart(annotate("ip-address-type: dualstack")));
    edit("listen ports", before, quickstart(annotate("listen-ports: '[{\"HTTP\": 8080}]'")));
    edit("two ports", before, quickstart(annotate("listen-ports: '[{\"HTTP\": 80}, {\"HTTP\": 8080}]'")));
    edit("success codes", before, quickstart(annotate("success-codes: 200-299")));
    DesiredGroup waf = quickstart(annotate("wafv2-acl-arn: " + WAF));
    edit("waf associated", before, waf);
    ObservedStack applied = Simulated.applied(waf, false);
    String lb = applied.loadBalancers().get(0).id();
    out.put("waf: already associated", ChangePlanner.plan(waf, with(applied, o -> o.webAcls = Map.of(lb, WAF)), NO_CLUSTER));
    out.put("waf: another acl", ChangePlanner.plan(waf, with(applied, o -> o.webAcls = Map.of(lb, WAF + "0")), NO_CLUSTER));
    DesiredGroup noWaf = quickstart(annotate("wafv2-acl-arn: none"));
    out.put("waf: none, associated", ChangePlanner.plan(noWaf, with(Simulated.applied(noWaf, false),
        o -> o.webAcls = Map.of(lb, WAF)), NO_CLUSTER));
    out.put("waf: none, new load balancer", ChangePlanner.plan(noWaf, ObservedStack.empty(noWaf.id()), NO_CLUSTER));
    DesiredGroup shield = quickstart(annotate("shield-advanced-protection: \"true\""));
    DesiredGroup noShield = quickstart(annotate("shield-advanced-protection: \"false\""));
    ObservedStack sa = Simulated.applied(shield, false);
    out.put("shield: no subscription", ChangePlanner.plan(shield, sa, NO_CLUSTER));
    out.put("shield: wanted", ChangePlanner.plan(shield, with(sa, o -> o.shieldActive = true), NO_CLUSTER));
    out.put("shield: new load balancer", ChangePlanner.plan(shield, with(ObservedStack.empty(shield.id()),
        o -> o.shieldActive = true), NO_CLUSTER));
    out.put("shield: present", ChangePlanner.plan(shield, with(sa, o -> {
      o.shieldActive = true;
      o.shieldProtections = Map.of(lb, "prot-1");
    }), NO_CLUSTER));
    out.put("shield: unwanted", ChangePlanner.plan(noShield, with(Simulated.applied(noShield, false), o -> {
      o.shieldActive = true;
      o.shieldProtections = Map.of(lb, "prot-1");
    }), NO_CLUSTER));
    out.put("shield: deleted with the group", ChangePlanner.planDeletion(shield.id(), with(sa,
        o -> o.shieldProtections = Map.of(lb, "prot-1")), ALL));
  }

  void httpsEdits() {
    DesiredGroup before = https(s -> s);
    edit("https: certificates", before, https(annotate("certificate-arn: " + CERT_A + "," + CERT_B)));
    edit("https: ssl policy", before, https(s -> s.replace("TLS13-1-2-2021-06", "TLS13-1-2-Res-2021-06")));
    edit("https: ports swapped", before, https(s -> s.replace("[{\"HTTP\": 80}, {\"HTTPS\": 443}]",
        "[{\"HTTPS\": 80}, {\"HTTP\": 443}]").replace("ssl-redirect: \"443\"", "ssl-redirect: \"80\"")));
    DesiredGroup two = https(annotate("certificate-arn: " + CERT_A + "," + CERT_B));
    ObservedStack s = Simulated.applied(two, false);
    out.put("https: extra sni certificate", ChangePlanner.plan(before, with(Simulated.applied(before, false), o ->
        o.listeners = map(o.listeners, l -> {
          ObjectNode b = l.body().deepCopy();
          if (b.has("SniCertificates")) {
            b.putArray("SniCertificates").addObject().put("CertificateArn", CERT_B);
          }
          return l.withBody(b);
        })), NO_CLUSTER));
    out.put("https: sni applied", ChangePlanner.plan(two, s, NO_CLUSTER));
  }

  void drift() {
    DesiredGroup g = quickstart(s -> s);
    ObservedStack s = Simulated.applied(g, true);
    ObservedResource tg = s.targetGroups().get(0);
    ObservedResource sg = s.securityGroups().get(0);
    ObservedResource lb = s.loadBalancers().get(0);
    String p = "drift: ";
    out.put(p + "second target group", ChangePlanner.plan(g, with(s, o -> o.targetGroups = plus(o.targetGroups,
        new ObservedResource(tg.kind(), tg.id() + "x", tg.name() + "x", tg.tags(), tg.body(), null, null))), CLUSTER));
    out.put(p + "stray target group", ChangePlanner.plan(g, with(s, o -> o.targetGroups = plus(o.targetGroups,
        new ObservedResource(tg.kind(), tg.id() + "y", "stray", Map.of(), tg.body(), null, null))), CLUSTER));
    out.put(p + "second security group", ChangePlanner.plan(g, with(s, o -> o.securityGroups = plus(o.securityGroups,
        new ObservedResource(sg.kind(), "sg-0second", "other", sg.tags(), sg.body(), null, null))), CLUSTER));
    out.put(p + "stray security group", ChangePlanner.plan(g, with(s, o -> o.securityGroups = plus(o.securityGroups,
        new ObservedResource(sg.kind(), "sg-0stray", "stray", Map.of(ObservedResource.RESOURCE_TAG, "Old"), sg.body(),
            null, null))), CLUSTER));
    out.put(p + "no backend security group", ChangePlanner.plan(g, with(s, o -> o.backendSecurityGroup = null), CLUSTER));
    ObjectNode perms = sg.body().deepCopy();
    perms.putArray("IpPermissions").addObject().put("IpProtocol", "tcp").put("FromPort", 22).put("ToPort", 22)
        .putArray("IpRanges").addObject().put("CidrIp", "0.0.0.0/0");
    out.put(p + "security group permissions", ChangePlanner.plan(g, with(s, o -> o.securityGroups =
        List.of(sg.withBody(perms))), CLUSTER));
    Map<String, String> sgTags = new HashMap<>(sg.tags());
    sgTags.put("stray", "x");
    sgTags.put("team", "other");
    out.put(p + "security group tags", ChangePlanner.plan(g, with(s, o -> o.securityGroups =
        List.of(sg.withTags(sgTags))), CLUSTER));
    ObjectNode lbBody = lb.body().deepCopy();
    lbBody.putArray("SecurityGroups").add("sg-0other");
    ((ArrayNode) lbBody.get("AvailabilityZones")).remove(0);
    lbBody.put("IpAddressType", "dualstack");
    out.put(p + "load balancer", ChangePlanner.plan(g, with(s, o -> o.loadBalancers = List.of(lb.withBody(lbBody))),
        CLUSTER));
    out.put(p + "second load balancer", ChangePlanner.plan(g, with(s, o -> o.loadBalancers = plus(o.loadBalancers,
        new ObservedResource(lb.kind(), lb.id() + "2", lb.name() + "2", lb.tags(), lb.body(), null, null))), CLUSTER));
    out.put(p + "stale load balancer", ChangePlanner.plan(g, with(s, o -> o.loadBalancers = plus(o.loadBalancers,
        new ObservedResource(lb.kind(), lb.id() + "3", "old", Map.of(ObservedResource.RESOURCE_TAG, "Old"), lb.body(),
            Map.of("deletion_protection.enabled", "false"), null))), CLUSTER));
    out.put(p + "protected stale load balancer", ChangePlanner.plan(g, with(s, o -> o.loadBalancers =
        plus(o.loadBalancers, new ObservedResource(lb.kind(), lb.id() + "3", "old", Map.of(), lb.body(),
            Map.of("deletion_protection.enabled", "true"), null))), CLUSTER));
    DesiredGroup internal = quickstart(x -> x.replace("scheme: internet-facing", "scheme: internal"));
    out.put(p + "replaced load balancer with protection", ChangePlanner.plan(internal, with(s, o -> o.loadBalancers =
        List.of(lb.withAttributes(Map.of("deletion_protection.enabled", "true")))), CLUSTER));
    out.put(p + "deletion with protection", ChangePlanner.planDeletion(g.id(), with(s, o -> o.loadBalancers =
        List.of(lb.withAttributes(Map.of("deletion_protection.enabled", "true")))), ALL));
    out.put(p + "conflict", ChangePlanner.plan(g, with(s, o -> o.conflicts = List.of("a name is taken")), CLUSTER));
    out.put(p + "conflict on deletion", ChangePlanner.planDeletion(g.id(), with(s, o -> o.conflicts =
        List.of("a name is taken")), ALL));
    out.put(p + "listener tags", ChangePlanner.plan(g, with(s, o -> o.listeners = map(o.listeners,
        l -> l.withTags(Map.of("stray", "x")))), CLUSTER));
    out.put(p + "rule tags", ChangePlanner.plan(g, with(s, o -> o.rules = map(o.rules,
        r -> r.withTags(Map.of("stray", "x")))), CLUSTER));
    out.put(p + "extra listener", ChangePlanner.plan(g, with(s, o -> o.listeners = plus(o.listeners,
        new ObservedResource(o.listeners.get(0).kind(), "arn:listener:81", "81", Map.of(),
            o.listeners.get(0).body().deepCopy().put("Port", 81), null, lb.id()))), CLUSTER));
    ObservedResource b = s.bindings().get(0);
    ObjectNode label = b.body().deepCopy();
    ((ObjectNode) label.path("metadata").path("labels")).put("x", "y");
    ((ObjectNode) label.path("metadata")).putObject("labels").put("other", "z");
    out.put(p + "binding labels", ChangePlanner.plan(g, with(s, o -> o.bindings = List.of(b.withBody(label),
        s.bindings().get(1))), CLUSTER));
  }

  // ---- support ------------------------------------------------------------------------------

  void edit(String name, DesiredGroup before, DesiredGroup after) {
    out.put(name, ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER));
    out.put(name + ", a cluster", ChangePlanner.plan(after, Simulated.applied(before, true), CLUSTER));
  }

  static UnaryOperator<String> annotate(String annotation) {
    return s -> s.replaceFirst("  annotations:\n", "  annotations:\n    alb.ingress.kubernetes.io/" + annotation + "\n");
  }

  static DesiredGroup quickstart(UnaryOperator<String> edit) {
    return example("quickstart", edit).groups().get(0);
  }

  static DesiredGroup https(UnaryOperator<String> edit) {
    return example("https", edit).groups().get(0);
  }

  static dev.albc.desired.DesiredState example(String name, UnaryOperator<String> edit) {
    Path dir = Path.of("examples", name);
    StringBuilder manifests = new StringBuilder();
    List<String> aws = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String text = Files.readString(f);
        if (f.toString().endsWith(".yaml")) {
          manifests.append(manifests.isEmpty() ? "" : "\n---\n").append(text);
        } else if (f.toString().endsWith(".json")) {
          aws.add(text);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Simulated.plan(edit.apply(manifests.toString()), aws);
  }

  /** A mutable copy of an observed stack, for a scenario to change. */
  static final class Obs {
    List<ObservedResource> loadBalancers;
    List<ObservedResource> listeners;
    List<ObservedResource> rules;
    List<ObservedResource> targetGroups;
    List<ObservedResource> securityGroups;
    ObservedResource backendSecurityGroup;
    Map<String, String> webAcls;
    Map<String, String> shieldProtections;
    Boolean shieldActive;
    List<ObservedResource> bindings;
    List<String> conflicts;
  }

  static ObservedStack with(ObservedStack s, java.util.function.Consumer<Obs> change) {
    Obs o = new Obs();
    o.loadBalancers = s.loadBalancers();
    o.listeners = s.listeners();
    o.rules = s.rules();
    o.targetGroups = s.targetGroups();
    o.securityGroups = s.securityGroups();
    o.backendSecurityGroup = s.backendSecurityGroup();
    o.webAcls = s.webAcls();
    o.shieldProtections = s.shieldProtections();
    o.shieldActive = s.shieldActive();
    o.bindings = s.bindings();
    o.conflicts = s.conflicts();
    change.accept(o);
    return new ObservedStack(s.groupId(), o.loadBalancers, o.listeners, o.rules, o.targetGroups, o.securityGroups,
        o.backendSecurityGroup, o.webAcls, o.shieldProtections, o.shieldActive, o.bindings, o.conflicts);
  }

  static <T> List<T> plus(List<T> list, T extra) {
    List<T> l = new ArrayList<>(list);
    l.add(extra);
    return l;
  }

  static List<ObservedResource> map(List<ObservedResource> list, UnaryOperator<ObservedResource> f) {
    return list.stream().map(f).toList();
  }

  /** The whole output, steps' post flags and known references (sorted) included. */
  static JsonNode tree(GroupChanges gc) {
    ObjectNode n = PRETTY.createObjectNode();
    n.put("blocked", gc.blocked());
    ArrayNode changes = n.putArray("changes");
    for (Change c : gc.changes()) {
      ObjectNode cn = (ObjectNode) DesiredJson.JSON.valueToTree(c);
      ArrayNode steps = (ArrayNode) cn.get("steps");
      for (int i = 0; i < c.steps().size(); i++) {
        if (c.steps().get(i).post()) {
          ((ObjectNode) steps.get(i)).put("post", true);
        }
      }
      changes.add(cn);
    }
    n.set("knownRefs", DesiredJson.JSON.valueToTree(new TreeMap<>(gc.knownRefs())));
    n.set("notes", DesiredJson.JSON.valueToTree(gc.notes()));
    n.set("errors", DesiredJson.JSON.valueToTree(gc.errors()));
    return n;
  }
}
