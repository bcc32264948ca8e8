package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: one of the reference controller's stacks (src/test/resources/reference-stacks,
 * whose README says what the files hold) as albc's observer would see it. ARNs are replaced by
 * names in the files, so names serve as ids: a listener is {@code <lb>:<port>}, a rule
 * {@code <lb>:<port>:<priority>}.
 */
final class ReferenceStack {
  static final ObjectMapper JSON = new ObjectMapper();

  final String example;
  final JsonNode root;

  private ReferenceStack(String example, JsonNode root) {
    this.example = example;
    this.root = root;
  }

  static ReferenceStack load(String example) {
    try {
      return new ReferenceStack(example,
          JSON.readTree(Path.of("src/test/resources/reference-stacks", example + ".json").toFile()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  List<JsonNode> list(String member) {
    List<JsonNode> out = new ArrayList<>();
    root.path(member).forEach(out::add);
    return out;
  }

  static Map<String, String> map(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /** The body without Tags and Attributes (they are the resource's own members in albc). */
  static ObjectNode body(JsonNode n) {
    ObjectNode b = n.deepCopy();
    b.remove("Tags");
    b.remove("Attributes");
    return b;
  }

  /** The stack as albc's observer reports it for the group. */
  ObservedStack observed(String groupId) {
    List<ObservedResource> lbs = new ArrayList<>();
    for (JsonNode lb : list("loadBalancers")) {
      String name = lb.path("LoadBalancerName").asText();
      lbs.add(new ObservedResource(LoadBalancerIntent.KIND, name, name, map(lb.path("Tags")), body(lb),
          map(lb.path("Attributes")), null));
    }
    List<ObservedResource> listeners = new ArrayList<>();
    for (JsonNode l : list("listeners")) {
      ObjectNode body = body(l);
      body.remove("ListenerCertificates");
      if (l.path("Protocol").asText().equals("HTTPS")) {
        // as the observer reads DescribeListenerCertificates: the default one, and the others
        ArrayNode def = body.putArray("Certificates");
        ArrayNode sni = body.putArray("SniCertificates");
        List<String> defaults = new ArrayList<>();
        l.path("ListenerCertificates").forEach(c -> {
          if (c.path("IsDefault").asBoolean()) {
            defaults.add(c.path("CertificateArn").asText());
            def.addObject().put("CertificateArn", c.path("CertificateArn").asText());
          }
        });
        l.path("ListenerCertificates").forEach(c -> {
          if (!c.path("IsDefault").asBoolean() && !defaults.contains(c.path("CertificateArn").asText())) {
            sni.addObject().put("CertificateArn", c.path("CertificateArn").asText());
          }
        });
      }
      listeners.add(new ObservedResource(ListenerIntent.KIND, l.path("Key").asText(), l.path("Port").asText(),
          map(l.path("Tags")), body, null, l.path("LoadBalancerArn").asText()));
    }
    List<ObservedResource> rules = new ArrayList<>();
    for (JsonNode r : list("rules")) {
      if (r.path("IsDefault").asBoolean()) {
        continue;
      }
      rules.add(new ObservedResource(ListenerRuleIntent.KIND, r.path("Key").asText(), r.path("Priority").asText(),
          map(r.path("Tags")), body(r), null, r.path("Listener").asText()));
    }
    List<ObservedResource> tgs = new ArrayList<>();
    for (JsonNode t : list("targetGroups")) {
      String name = t.path("TargetGroupName").asText();
      tgs.add(new ObservedResource(TargetGroupIntent.KIND, name, name, map(t.path("Tags")), body(t),
          map(t.path("Attributes")), null));
    }
    List<ObservedResource> sgs = new ArrayList<>();
    ObservedResource backend = null;
    for (JsonNode s : list("securityGroups")) {
      String name = s.path("GroupName").asText();
      ObservedResource r = new ObservedResource(SecurityGroupIntent.KIND, name, name, map(s.path("Tags")), body(s),
          null, null);
      if ("backend-sg".equals(r.tags().get("elbv2.k8s.aws/resource"))) {
        backend = r;
      } else {
        sgs.add(r);
      }
    }
    List<ObservedResource> bindings = new ArrayList<>();
    for (JsonNode b : root.path("kubernetes").path("targetGroupBindings")) {
      ObjectNode obj = JSON.createObjectNode();
      ObjectNode meta = obj.putObject("metadata");
      meta.put("name", b.path("name").asText());
      meta.put("namespace", b.path("namespace").asText());
      meta.set("labels", b.path("labels"));
      meta.set("finalizers", b.path("finalizers"));
      obj.set("spec", b.path("spec"));
      String id = b.path("namespace").asText() + "/" + b.path("name").asText();
      bindings.add(new ObservedResource(TargetGroupBindingIntent.KIND, id, b.path("name").asText(),
          map(b.path("labels")), obj, null, null));
    }
    return new ObservedStack(groupId, lbs, listeners, rules, tgs, sgs, backend, Map.of(), Map.of(), null, bindings,
        List.of());
  }
}
