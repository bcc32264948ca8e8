package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.Ref;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The listeners of the kept load balancer, matched by port: unwanted ones deleted (their rules go
 * with them), missing ones created, the others modified in place ({@code ModifyListener}, SNI
 * certificates as a set, tags key by key). A protocol change is an interruption risk. Their rules
 * are {@link ListenerRuleChanges}'.
 */
final class ListenerChanges {
  static final List<String> FIELDS =
      List.of("Port", "Protocol", "SslPolicy", "Certificates", "DefaultActions", "MutualAuthentication");

  private final ChangeContext ctx;

  ListenerChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param keptLb the load balancer that is kept, or null (its listeners are all new)
   * @param desired by port
   * @return the kept load balancer's listeners in AWS, by port
   */
  Map<Integer, ObservedResource> plan(ObservedResource keptLb, List<ListenerIntent> desired) {
    Map<Integer, ObservedResource> byPort = new TreeMap<>();
    if (keptLb != null) {
      for (ObservedResource l : ctx.observed.listeners()) {
        if (keptLb.id().equals(l.parent())) {
          byPort.putIfAbsent(l.body().path("Port").asInt(), l);
        }
      }
    }
    Set<Integer> wanted = new HashSet<>();
    desired.forEach(l -> wanted.add(l.port()));
    for (var e : byPort.entrySet()) {
      if (!wanted.contains(e.getKey())) {
        ObjectNode req = Requests.obj();
        req.put("ListenerArn", e.getValue().id());
        ctx.add(Change.delete(ListenerIntent.KIND, e.getValue().resourceTag(), "port " + e.getKey(),
                "no longer wanted by the group", List.of(Step.of("elbv2:DeleteListener", req)))
            .withRiskNote("traffic on port " + e.getKey() + " stops; its rules go with it"));
      }
    }
    for (ListenerIntent l : desired) {
      ObservedResource o = byPort.get(l.port());
      if (o == null) {
        ctx.add(Change.create(l.kind(), l.resourceId(), "port " + l.port(),
            keptLb == null ? "the load balancer is new" : "not in AWS", create(l)));
      } else {
        ctx.known(l.resourceId(), o.id());
        modify(l, o);
      }
    }
    return byPort;
  }

  static List<Step> create(ListenerIntent l) {
    ObjectNode req = Requests.json(l);
    req.remove("SniCertificates");
    req.remove("Attributes");
    req.set("Tags", Requests.tagList(l.tags()));
    List<Step> steps = new ArrayList<>();
    steps.add(Step.producing("elbv2:CreateListener", req, l.resourceId()));
    if (l.attributes() != null && !l.attributes().isEmpty()) {
      steps.add(Step.of("elbv2:ModifyListenerAttributes", attributes(Requests.ref(l.resourceId()), l.attributes())));
    }
    // every certificate, the default one included, as the reference adds them (docs/differences.md)
    List<Map<String, Object>> extra = AwsEquivalence.listenerCertificates(l.certificates(), l.sniCertificates());
    if (!extra.isEmpty()) {
      ObjectNode add = Requests.obj();
      add.set("ListenerArn", Requests.ref(l.resourceId()));
      add.set("Certificates", DesiredJson.JSON.valueToTree(extra));
      steps.add(Step.of("elbv2:AddListenerCertificates", add));
    }
    return steps;
  }

  private void modify(ListenerIntent l, ObservedResource o) {
    ObjectNode want = Requests.json(l);
    if ("HTTPS".equals(l.protocol()) && !want.hasNonNull("MutualAuthentication") && !offOrAbsent(o.body().get(
        "MutualAuthentication"))) {
      // not sent at creation (as the reference); mTLS found on is turned off, as the reference's
      // isRemoveMTLS does (docs/differences.md)
      want.putObject("MutualAuthentication").put("Mode", "off");
    }
    List<FieldDiff> diff = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    boolean modify = false;
    boolean protocolChange = false;
    for (String f : FIELDS) {
      JsonNode w = want.get(f);
      JsonNode h = o.body().get(f);
      if (f.equals("MutualAuthentication") && offOrAbsent(w) && offOrAbsent(h)) {
        continue;
      }
      if (!JsonMatch.matches(f, w, h, ctx.refs())) {
        diff.add(new FieldDiff(f, JsonMatch.show(h), JsonMatch.show(w)));
        modify = true;
        protocolChange |= f.equals("Protocol");
      }
    }
    if (modify) {
      ObjectNode req = Requests.obj();
      req.put("ListenerArn", o.id());
      for (String f : FIELDS) {
        if (want.has(f) && !(f.equals("MutualAuthentication") && offOrAbsent(want.get(f))
            && offOrAbsent(o.body().get(f)))) {
          req.set(f, want.get(f));
        }
      }
      steps.add(Step.of("elbv2:ModifyListener", req));
    }
    steps.addAll(sniCertificates(l, o, diff));
    // listener attributes: only the keys the annotations set (read when some are wanted, Observer)
    Map<String, String> attrs = AttributeDiff.changes(l.attributes(), o.attributes(), diff);
    if (!attrs.isEmpty()) {
      steps.add(Step.of("elbv2:ModifyListenerAttributes", attributes(new com.fasterxml.jackson.databind.node.TextNode(
          o.id()), attrs)));
    }
    steps.addAll(TagDiff.elbv2(l.tags(), o, diff));
    if (!steps.isEmpty()) {
      Change c = Change.modify(l.kind(), l.resourceId(), "port " + l.port(), diff, steps);
      ctx.add(protocolChange
          ? c.withRisk(Change.Risk.INTERRUPTION, "clients of the old protocol on port " + l.port() + " are cut off")
          : c);
    }
  }

  /**
   * The SNI certificates as a set, the default certificates aside. A certificate albc requests is a
   * Ref: its ARN when it exists, else the Ref the executor resolves once ACM has issued it.
   */
  private List<Step> sniCertificates(ListenerIntent l, ObservedResource o, List<FieldDiff> diff) {
    List<Step> steps = new ArrayList<>();
    Map<String, JsonNode> wantSni = new TreeMap<>();
    if (l.sniCertificates() != null) {
      l.sniCertificates().forEach(c -> certificate(c.get("CertificateArn"), wantSni));
    }
    Map<String, JsonNode> defaults = new TreeMap<>();
    if (l.certificates() != null) {
      l.certificates().forEach(c -> certificate(c.get("CertificateArn"), defaults));
    }
    wantSni.keySet().removeAll(defaults.keySet());
    Set<String> haveSni = new TreeSet<>();
    o.body().path("SniCertificates").forEach(c -> haveSni.add(c.path("CertificateArn").asText()));
    if (o.body().has("SniCertificates") || !wantSni.isEmpty()) {
      Map<String, JsonNode> add = new TreeMap<>(wantSni);
      add.keySet().removeAll(haveSni);
      Map<String, JsonNode> remove = new TreeMap<>();
      haveSni.forEach(a -> remove.put(a, new com.fasterxml.jackson.databind.node.TextNode(a)));
      remove.keySet().removeAll(wantSni.keySet());
      remove.keySet().removeAll(defaults.keySet());
      if (!add.isEmpty() || !remove.isEmpty()) {
        diff.add(new FieldDiff("SniCertificates", String.join(",", haveSni), String.join(",", wantSni.keySet())));
      }
      if (!add.isEmpty()) {
        steps.add(Step.of("elbv2:AddListenerCertificates", certificates(o.id(), add.values())));
      }
      if (!remove.isEmpty()) {
        steps.add(Step.of("elbv2:RemoveListenerCertificates", certificates(o.id(), remove.values())));
      }
    }
    return steps;
  }

  /** A wanted certificate by its ARN (or, not requested yet, its ResourceId), with what to send. */
  private void certificate(Object v, Map<String, JsonNode> out) {
    if (v instanceof Ref r) {
      String arn = ctx.refOf(r.ref());
      out.put(arn != null ? arn : r.ref(), arn != null ? new com.fasterxml.jackson.databind.node.TextNode(arn)
          : Requests.ref(r.ref()));
    } else {
      out.put(String.valueOf(v), new com.fasterxml.jackson.databind.node.TextNode(String.valueOf(v)));
    }
  }

  /** Mutual authentication off, or not set at all: the same (AWS reports {@code off}). */
  static boolean offOrAbsent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isObject() && "off".equals(n.path("Mode").asText("off"))
        && (!n.has("TrustStoreArn") || n.get("TrustStoreArn").isNull()));
  }

  /** ModifyListenerAttributes of the given keys, sorted. */
  static ObjectNode attributes(JsonNode listenerArn, Map<String, String> attrs) {
    ObjectNode req = Requests.obj();
    req.set("ListenerArn", listenerArn);
    ArrayNode a = req.putArray("Attributes");
    new TreeMap<>(attrs).forEach((k, v) -> a.addObject().put("Key", k).put("Value", v));
    return req;
  }

  private static ObjectNode certificates(String listenerArn, java.util.Collection<JsonNode> arns) {
    ObjectNode req = Requests.obj();
    req.put("ListenerArn", listenerArn);
    ArrayNode a = req.putArray("Certificates");
    arns.forEach(c -> a.addObject().set("CertificateArn", c));
    return req;
  }
}
