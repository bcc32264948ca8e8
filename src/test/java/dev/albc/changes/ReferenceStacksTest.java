package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedStack;
import dev.albc.sources.FactInputs;
import dev.albc.sources.InputText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * albc's plan for each example against what the reference controller really created for it
 * (src/test/resources/reference-stacks): (1) the planner wants no change; (2) every field albc
 * would send, once AWS has filled in its defaults, equals what AWS reports for the reference's
 * resource, and the reference made nothing albc would not (issue 9; docs/differences.md lists
 * what AWS reports that nobody sends).
 */
class ReferenceStacksTest {
  static final String VPC = "vpc-0123456789abcdef0";

  static DesiredState.DesiredGroup plan(String example, String groupId) throws IOException {
    List<InputText> manifests = new ArrayList<>();
    List<InputText> aws = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples", example))) {
      for (Path p : files.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.endsWith(".yaml")) {
          manifests.add(new InputText(n, Files.readString(p)));
        } else if (n.endsWith(".json")) {
          aws.add(new InputText(n, Files.readString(p)));
        }
      }
    }
    ControllerSettings s = new ControllerSettings("demo", VPC, "us-west-2", null, null, null, null, null, null, true,
        null, true, true);
    DesiredState d = new DesiredStateBuilder(Simulated.RUNNER).plan(s, FactInputs.facts(manifests, aws, VPC), false)
        .plan();
    return Simulated.group(d, groupId);
  }

  @ParameterizedTest
  @CsvSource({"quickstart, demo/shop", "ingress-group, shared-web", "https, shop/storefront"})
  void theReferencesStackNeedsNoChange(String example, String groupId) throws IOException {
    DesiredState.DesiredGroup g = plan(example, groupId);
    ObservedStack observed = ReferenceStack.load(example).observed(groupId);
    GroupChanges gc = ChangePlanner.plan(g, observed, new ChangePlanner.Options(true, false));
    assertThat(gc.errors()).isEmpty();
    assertThat(gc.changes()).as("changes against the reference's %s stack", example).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"quickstart, demo/shop", "ingress-group, shared-web", "https, shop/storefront"})
  void albcSendsWhatTheReferenceSent(String example, String groupId) throws IOException {
    assertThat(differences(example, groupId)).isEmpty();
  }

  /** Every field where albc's requests, once AWS fills its defaults in, differ from the stack. */
  static List<String> differences(String example, String groupId) throws IOException {
    DesiredState.DesiredGroup g = plan(example, groupId);
    ReferenceStack stack = ReferenceStack.load(example);
    Map<String, String> refs = names(g);
    ObservedStack none = new ObservedStack(groupId, List.of(), List.of(), List.of(), List.of(), List.of(), null,
        Map.of(), Map.of(), null, List.of(), List.of());
    GroupChanges create = ChangePlanner.plan(g, none, new ChangePlanner.Options(true, false));
    List<String> out = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    Map<String, ArrayNode> perms = new TreeMap<>();
    Map<String, Map<String, String>> attrs = new HashMap<>();
    Map<String, Set<String>> extraCerts = new TreeMap<>();
    for (Change c : create.changes()) {
      for (Step st : c.steps()) {
        ObjectNode req = (ObjectNode) JsonMatch.resolve(st.request(), refs);
        switch (st.call()) {
          case "ec2:CreateSecurityGroup" -> {
            ObjectNode want = req.deepCopy();
            want.set("Tags", req.path("TagSpecifications").path(0).path("Tags"));
            want.remove("TagSpecifications");
            JsonNode have = find(stack.list("securityGroups"), "GroupName", req.path("GroupName").asText());
            seen.add("sg " + req.path("GroupName").asText());
            perms.putIfAbsent(req.path("GroupName").asText(), JsonMatch.F.arrayNode());
            compare(out, "SecurityGroup " + req.path("GroupName").asText(), want, have,
                Set.of("IpPermissions", "IpPermissionsEgress"));
          }
          case "ec2:AuthorizeSecurityGroupIngress" ->
              perms.computeIfAbsent(req.path("GroupId").asText(), k -> JsonMatch.F.arrayNode())
                  .addAll((ArrayNode) req.path("IpPermissions"));
          case "elbv2:CreateTargetGroup" -> {
            ObjectNode want = req.deepCopy();
            want.set("TargetGroupName", want.remove("Name"));
            want.put("HealthCheckEnabled", true); // AWS's default
            JsonNode have = find(stack.list("targetGroups"), "TargetGroupName", req.path("Name").asText());
            seen.add("tg " + req.path("Name").asText());
            compare(out, "TargetGroup " + req.path("Name").asText(), want, have,
                Set.of("LoadBalancerArns", "Targets", "Attributes"));
            attrs.put("tg " + req.path("Name").asText(), new HashMap<>());
          }
          case "elbv2:ModifyTargetGroupAttributes", "elbv2:ModifyLoadBalancerAttributes" -> {
            String key = (st.call().contains("TargetGroup") ? "tg " + req.path("TargetGroupArn").asText()
                : "lb " + req.path("LoadBalancerArn").asText());
            req.path("Attributes").forEach(a -> attrs.computeIfAbsent(key, k -> new HashMap<>())
                .put(a.path("Key").asText(), a.path("Value").asText()));
          }
          case "elbv2:CreateLoadBalancer" -> {
            ObjectNode want = req.deepCopy();
            want.set("LoadBalancerName", want.remove("Name"));
            ArrayNode zones = JsonMatch.F.arrayNode();
            want.remove("Subnets").forEach(s -> zones.add(s.asText()));
            want.set("AvailabilityZones", zones);
            JsonNode have = find(stack.list("loadBalancers"), "LoadBalancerName", req.path("Name").asText()).deepCopy();
            ArrayNode haveZones = JsonMatch.F.arrayNode();
            have.path("AvailabilityZones").forEach(z -> haveZones.add(z.path("SubnetId").asText()));
            ((ObjectNode) have).set("AvailabilityZones", haveZones);
            seen.add("lb " + req.path("Name").asText());
            attrs.put("lb " + req.path("Name").asText(), new HashMap<>());
            compare(out, "LoadBalancer " + req.path("Name").asText(), want, have, Set.of("Attributes", "VpcId"));
          }
          case "elbv2:CreateListener" -> {
            String key = req.path("LoadBalancerArn").asText() + ":" + req.path("Port").asText();
            JsonNode have = find(stack.list("listeners"), "Key", key).deepCopy();
            seen.add("listener " + key);
            if (have.has("Certificates")) {
              // the emulator lists the default certificate again for each AddListenerCertificates
              Set<String> arns = new TreeSet<>();
              have.path("Certificates").forEach(x -> arns.add(x.path("CertificateArn").asText()));
              ArrayNode certs = ((ObjectNode) have).putArray("Certificates");
              arns.forEach(a -> certs.addObject().put("CertificateArn", a));
            }
            Set<String> ignore = new TreeSet<>(Set.of("Key", "ListenerCertificates", "AlpnPolicy", "Attributes"));
            if (!req.has("SslPolicy")) {
              ignore.add("SslPolicy"); // the emulator reports one on plain HTTP listeners
            }
            ObjectNode want = req.deepCopy();
            want.set("DefaultActions", asReported(req.path("DefaultActions")));
            compare(out, "Listener " + key, want, have, ignore);
            if (have.path("AlpnPolicy").size() > 0) {
              out.add("Listener " + key + ": AlpnPolicy reported " + have.path("AlpnPolicy"));
            }
            JsonNode defaultRule = find(stack.list("rules"), "Key", key + ":default");
            compareValue(out, "Listener " + key + " default rule Actions", "Actions", want.path("DefaultActions"),
                defaultRule.path("Actions"));
            Set<String> theirs = new TreeSet<>();
            have.path("ListenerCertificates").forEach(x -> {
              if (!x.path("IsDefault").asBoolean()) {
                theirs.add(x.path("CertificateArn").asText());
              }
            });
            extraCerts.put(key, theirs);
          }
          case "elbv2:AddListenerCertificates" -> {
            Set<String> ours = new TreeSet<>();
            req.path("Certificates").forEach(x -> ours.add(x.path("CertificateArn").asText()));
            Set<String> theirs = extraCerts.remove(req.path("ListenerArn").asText());
            if (!ours.equals(theirs)) {
              out.add("Listener " + req.path("ListenerArn").asText() + ": listener certificates albc " + ours
                  + ", reference " + theirs);
            }
          }
          case "elbv2:CreateRule" -> {
            String key = req.path("ListenerArn").asText() + ":" + req.path("Priority").asText();
            JsonNode have = find(stack.list("rules"), "Key", key);
            seen.add("rule " + key);
            ObjectNode want = req.deepCopy();
            want.set("Listener", want.remove("ListenerArn"));
            want.set("Actions", asReported(req.path("Actions")));
            compare(out, "Rule " + key, want, have, Set.of("Key", "IsDefault"));
          }
          case "k8s:CreateTargetGroupBinding" -> {
            String name = req.path("metadata").path("name").asText();
            JsonNode have = find(list(stack.root.path("kubernetes").path("targetGroupBindings")), "name", name);
            seen.add("tgb " + name);
            compareValue(out, "TargetGroupBinding " + name + " spec", "spec", req.path("spec"), have.path("spec"));
            compareValue(out, "TargetGroupBinding " + name + " labels", "labels", req.path("metadata").path("labels"),
                have.path("labels"));
          }
          default -> out.add("unexpected call " + st.call());
        }
      }
    }
    extraCerts.forEach((k, theirs) -> {
      if (!theirs.isEmpty()) {
        out.add("Listener " + k + ": the reference added listener certificates " + theirs + ", albc none");
      }
    });
    for (JsonNode s : stack.list("securityGroups")) {
      String n = s.path("GroupName").asText();
      if (perms.containsKey(n)) {
        compareValue(out, "SecurityGroup " + n + " IpPermissions", "IpPermissions", perms(perms.get(n)),
            perms(s.path("IpPermissions")));
      }
    }
    compareAttributes(out, stack, attrs);
    // everything the reference made, albc makes too
    stack.list("securityGroups").forEach(s -> expectSeen(out, seen, "sg " + s.path("GroupName").asText()));
    stack.list("targetGroups").forEach(s -> expectSeen(out, seen, "tg " + s.path("TargetGroupName").asText()));
    stack.list("loadBalancers").forEach(s -> expectSeen(out, seen, "lb " + s.path("LoadBalancerName").asText()));
    stack.list("listeners").forEach(s -> expectSeen(out, seen, "listener " + s.path("Key").asText()));
    stack.list("rules").stream().filter(r -> !r.path("IsDefault").asBoolean())
        .forEach(s -> expectSeen(out, seen, "rule " + s.path("Key").asText()));
    stack.root.path("kubernetes").path("targetGroupBindings")
        .forEach(s -> expectSeen(out, seen, "tgb " + s.path("name").asText()));
    return out;
  }

  /** Plan resource ids → the names the stack file uses for them. */
  static Map<String, String> names(DesiredState.DesiredGroup g) {
    Map<String, String> refs = new HashMap<>();
    String lb = null;
    for (Intent i : g.resources()) {
      if (i instanceof LoadBalancerIntent l) {
        lb = l.name();
        refs.put(i.resourceId(), lb);
      }
    }
    for (Intent i : g.resources()) {
      if (i instanceof SecurityGroupIntent s) {
        refs.put(s.id(), s.groupName());
      } else if (i instanceof TargetGroupIntent t) {
        refs.put(t.id(), t.name());
      } else if (i instanceof ListenerIntent l) {
        refs.put(l.resourceId(), lb + ":" + l.port());
      } else if (i instanceof ListenerRuleIntent r) {
        refs.put(r.resourceId(), lb + ":" + r.port() + ":" + r.priority());
      }
    }
    return refs;
  }

  /** Actions as AWS reports them: Order set, a forward's weight and stickiness filled in. */
  static ArrayNode asReported(JsonNode actions) {
    ArrayNode out = JsonMatch.F.arrayNode();
    int i = 0;
    for (JsonNode a : actions) {
      ObjectNode o = a.deepCopy();
      i++;
      if (!o.has("Order")) {
        o.put("Order", i);
      }
      if (o.has("ForwardConfig")) {
        ObjectNode fc = (ObjectNode) o.get("ForwardConfig");
        fc.path("TargetGroups").forEach(t -> {
          if (!t.has("Weight")) {
            ((ObjectNode) t).put("Weight", 1);
          }
        });
        if (!fc.has("TargetGroupStickinessConfig")) {
          fc.putObject("TargetGroupStickinessConfig").put("Enabled", false);
        }
      }
      out.add(o);
    }
    return out;
  }

  /** Permissions as comparable text: protocol, ports, source, description ("" when none). */
  static ArrayNode perms(JsonNode permissions) {
    Set<String> s = new TreeSet<>();
    for (JsonNode p : permissions) {
      String head = AwsEquivalence.ipProtocol(p.path("IpProtocol").asText()) + " " + p.path("FromPort").asText("")
          + "-" + p.path("ToPort").asText("");
      p.path("IpRanges").forEach(r -> s.add(head + " " + r.path("CidrIp").asText() + " '"
          + r.path("Description").asText("") + "'"));
      p.path("Ipv6Ranges").forEach(r -> s.add(head + " " + r.path("CidrIpv6").asText() + " '"
          + r.path("Description").asText("") + "'"));
      p.path("UserIdGroupPairs").forEach(r -> s.add(head + " " + r.path("GroupId").asText()));
      p.path("PrefixListIds").forEach(r -> s.add(head + " " + r.path("PrefixListId").asText()));
    }
    ArrayNode a = JsonMatch.F.arrayNode();
    s.forEach(a::add);
    return a;
  }

  /** albc's attributes over AWS's defaults equal what AWS reports for the reference's resource. */
  static void compareAttributes(List<String> out, ReferenceStack stack, Map<String, Map<String, String>> attrs) {
    for (JsonNode t : stack.list("targetGroups")) {
      String n = t.path("TargetGroupName").asText();
      attributes(out, "TargetGroup " + n, attrs.get("tg " + n), t.path("Attributes"),
          AwsEquivalence.TARGET_GROUP_DEFAULTS, Map.of("waf.fail_open.enabled", "false"));
    }
    for (JsonNode l : stack.list("loadBalancers")) {
      String n = l.path("LoadBalancerName").asText();
      // the emulator reports cross-zone off for an ALB, where it is always on
      attributes(out, "LoadBalancer " + n, attrs.get("lb " + n), l.path("Attributes"),
          AwsEquivalence.LOAD_BALANCER_DEFAULTS, Map.of("load_balancing.cross_zone.enabled", "false"));
    }
  }

  static void attributes(List<String> out, String what, Map<String, String> ours, JsonNode reported,
      Map<String, String> defaults, Map<String, String> emulator) {
    if (ours == null) {
      return;
    }
    reported.fields().forEachRemaining(e -> {
      String k = e.getKey();
      String v = e.getValue().asText();
      String want = ours.containsKey(k) ? ours.get(k) : defaults.getOrDefault(k, emulator.get(k));
      if (!v.equals(want)) {
        out.add(what + ": attribute " + k + " albc " + (ours.containsKey(k) ? ours.get(k) : "(AWS default " + want
            + ")") + ", reference " + v);
      }
    });
    ours.forEach((k, v) -> {
      if (!reported.has(k)) {
        out.add(what + ": attribute " + k + "=" + v + " set by albc, not on the reference's");
      }
    });
  }

  static void compare(List<String> out, String what, JsonNode want, JsonNode have, Set<String> ignore) {
    if (have == null) {
      out.add(what + ": the reference has no such resource");
      return;
    }
    Set<String> keys = new TreeSet<>();
    want.fieldNames().forEachRemaining(keys::add);
    have.fieldNames().forEachRemaining(keys::add);
    for (String k : keys) {
      if (ignore.contains(k)) {
        continue;
      }
      if (k.equals("Tags")) {
        compareValue(out, what + " Tags", k, tags(want.get(k)), tags(have.get(k)));
      } else {
        compareValue(out, what + " " + k, k, want.get(k), have.get(k));
      }
    }
  }

  static JsonNode tags(JsonNode n) {
    ObjectNode o = JsonMatch.F.objectNode();
    if (n != null && n.isArray()) {
      n.forEach(t -> o.put(t.path("Key").asText(), t.path("Value").asText()));
      return o;
    }
    return n == null ? o : n;
  }

  static void compareValue(List<String> out, String what, String member, JsonNode want, JsonNode have) {
    JsonNode w = text(AwsEquivalence.normalise(member, want));
    JsonNode h = text(AwsEquivalence.normalise(member, have));
    if (!java.util.Objects.equals(w, h)) {
      out.add(what + ": albc " + (w == null ? "(not sent)" : w) + ", reference " + (h == null ? "(none)" : h));
    }
  }

  /** Scalars as text (the stack writes Priority "1", albc 1), objects with sorted keys. */
  static JsonNode text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isValueNode()) {
      return JsonMatch.F.textNode(n.asText());
    }
    if (n.isArray()) {
      ArrayNode a = JsonMatch.F.arrayNode();
      n.forEach(x -> a.add(text(x)));
      return a;
    }
    ObjectNode o = JsonMatch.F.objectNode();
    new TreeSet<String>(iterable(n)).forEach(k -> o.set(k, text(n.get(k))));
    return o;
  }

  static List<String> iterable(JsonNode n) {
    List<String> l = new ArrayList<>();
    n.fieldNames().forEachRemaining(l::add);
    return l;
  }

  static JsonNode find(List<JsonNode> items, String member, String value) {
    return items.stream().filter(x -> x.path(member).asText().equals(value)).findFirst().orElse(null);
  }

  static List<JsonNode> list(JsonNode arr) {
    List<JsonNode> l = new ArrayList<>();
    arr.forEach(l::add);
    return l;
  }

  static void expectSeen(List<String> out, Set<String> seen, String key) {
    if (!seen.contains(key)) {
      out.add(key + ": made by the reference, not by albc");
    }
  }
}
