package dev.albc.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.Explanation.Blocked;
import dev.albc.rules.Explanation.Field;
import dev.albc.rules.Explanation.Line;
import dev.albc.rules.Explanation.Resource;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link Explanation} from one run's record: which rule inserted each intent and setting
 * (the firings), the effective settings and what they won over. The fields that need more than
 * their settings (priorities, routes, subnets, security groups, certificates, default actions,
 * listen ports) are explained by {@link FieldReasons}.
 */
final class ExplanationBuilder {
  final Translation t;
  final RuleIndex index;
  final Map<Object, Firing> insertedBy = new IdentityHashMap<>();
  final Map<Class<?>, List<Map.Entry<Object, Firing>>> insertedByType = new java.util.HashMap<>();
  final Map<String, List<Setting>> settings = new LinkedHashMap<>();
  final Map<String, Effective> effective = new LinkedHashMap<>();

  final FieldReasons reasons = new FieldReasons(this);

  ExplanationBuilder(Translation t, RuleIndex index) {
    this.t = t;
    this.index = index;
    if (t.firings().isEmpty() && !t.intents().isEmpty()) {
      throw new IllegalArgumentException("the run did not record rule firings; run with recordFirings");
    }
    for (Firing f : t.firings()) {
      for (Object o : f.inserted()) {
        if (insertedBy.putIfAbsent(o, f) == null) {
          insertedByType.computeIfAbsent(o.getClass(), k -> new ArrayList<>()).add(Map.entry(o, f));
        }
      }
    }
    for (Setting s : t.settings()) {
      settings.computeIfAbsent(key(s.scope(), s.name()), k -> new ArrayList<>()).add(s);
    }
    for (Effective e : t.effective()) {
      effective.put(key(e.scope(), e.name()), e);
    }
  }

  static String key(String scope, String name) {
    return scope + "\u0000" + name;
  }

  /** Facts of a type that rules inserted, each with the firing that inserted it. */
  List<Map.Entry<Object, Firing>> inserted(Class<?> type) {
    return insertedByType.getOrDefault(type, List.of());
  }

  Explanation build(List<String> groupIds, String resourceFilter, String fieldFilter) {
    List<Resource> out = new ArrayList<>();
    List<Blocked> blocked = new ArrayList<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    Map<String, GroupSettings> gsById = new LinkedHashMap<>();
    for (Map.Entry<Object, Firing> e : inserted(GroupSettings.class)) {
      GroupSettings gs = (GroupSettings) e.getKey();
      gsById.put(gs.groupId(), gs);
    }
    for (String gid : groupIds) {
      GroupSettings gs = gsById.get(gid);
      members.put(gid, gs == null ? List.of() : gs.members());
      List<Diagnostic> errors = t.diagnostics().stream().filter(d -> gid.equals(d.group()) && d.isError()).toList();
      if (!errors.isEmpty()) {
        if (resourceFilter == null) {
          blocked.add(new Blocked(gid, diagnostics(errors)));
        }
        continue;
      }
      List<Intent> intents = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (Intent i : t.intents()) {
        if (i.groupId().equals(gid) && seen.add(i.kind() + "|" + i.resourceId())) {
          intents.add(i);
        }
      }
      intents.sort(Intent.ORDER);
      for (Intent i : intents) {
        if (resourceFilter != null && !matchesResource(i, resourceFilter)) {
          continue;
        }
        Resource r = explain(i, gs, fieldFilter);
        if (fieldFilter == null || !r.fields().isEmpty()) {
          out.add(r);
        }
      }
    }
    return new Explanation(out, blocked, members);
  }

  static boolean matchesResource(Intent i, String filter) {
    String f = filter.strip();
    String shortKind = shortKind(i.kind());
    return f.equals(i.resourceId()) || f.equalsIgnoreCase(shortKind) || f.equals(i.kind())
        || f.equals(i.groupId() + "/" + i.resourceId()) || f.equals(i.groupId() + ":" + i.resourceId())
        || f.equalsIgnoreCase(shortKind + "/" + i.resourceId()) || f.equalsIgnoreCase(shortKind + " " + i.resourceId());
  }

  static String shortKind(String kind) {
    return kind.substring(kind.lastIndexOf(':') + 1);
  }

  // -------------------------------------------------------------------------------------------

  Resource explain(Intent i, GroupSettings gs, String fieldFilter) {
    Firing f = insertedBy.get(i);
    String rule = f == null ? null : f.rule();
    String at = f == null ? null : where(f);
    List<String> from = f == null ? List.of() : context(f, i);
    List<Field> fields = new ArrayList<>();
    JsonNode tree = Explanation.JSON.valueToTree(i);
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("ResourceId") || name.equals("Kind")) {
        continue;
      }
      if ((name.equals("Attributes") || name.equals("Tags")) && e.getValue().isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> kv = e.getValue().fields(); kv.hasNext(); ) {
          Map.Entry<String, JsonNode> a = kv.next();
          String sub = name + "." + a.getKey();
          String setting = (name.equals("Attributes") ? "attribute:" : "tag:") + a.getKey();
          if (wanted(fieldFilter, sub, name, List.of(setting))) {
            fields.add(new Field(sub, Explanation.text(a.getValue()), mapEntry(i, name, setting, f)));
          }
        }
        continue;
      }
      List<String> settingNames = new ArrayList<>(settingNames(i, name));
      if (!wanted(fieldFilter, name, null, settingNames)) {
        continue;
      }
      List<Line> because = new ArrayList<>();
      if (i instanceof ListenerRuleIntent r && name.equals("Priority")) {
        because.addAll(reasons.priority(r, f, gs));
      } else if (i instanceof ListenerRuleIntent r && (name.equals("Conditions") || name.equals("Actions"))) {
        because.addAll(reasons.route(r, f));
      } else if (i instanceof LoadBalancerIntent lb && lb.resourceId().equals(LoadBalancerIntent.RESOURCE_ID)
          && name.equals("Subnets")) { // the ALB's (the frontend NLB's come from frontend-nlb.drl)
        because.addAll(reasons.subnets(i.groupId()));
      } else if (i instanceof LoadBalancerIntent lb && lb.resourceId().equals(LoadBalancerIntent.RESOURCE_ID)
          && name.equals("SecurityGroups")) {
        because.addAll(reasons.securityGroups(i.groupId()));
      } else if (i instanceof ListenerIntent l && l.onAlb() && (name.equals("Port") || name.equals("Protocol"))) {
        because.addAll(reasons.listenPorts(l));
      } else if (i instanceof ListenerIntent l && (name.equals("Certificates") || name.equals("SniCertificates"))) {
        because.addAll(reasons.certificates(l));
      } else if (i instanceof ListenerIntent l && l.onAlb() && name.equals("DefaultActions")) {
        because.addAll(reasons.defaultActions(l));
        if (!"HTTP".equals(l.protocol())) {
          settingNames.clear();
        }
      }
      boolean special = i instanceof ListenerRuleIntent && name.equals("Priority");
      if (e.getValue().isObject() && e.getValue().size() == 1 && e.getValue().has("$ref")) {
        because.add(new Line(0, "the " + (name.endsWith("Arn") ? "ARN" : "id") + " of resource "
            + e.getValue().get("$ref").asText() + " of this plan, once it exists"));
        special = true;
      }
      for (String scope : special ? List.<String>of() : scopes(i, f)) {
        for (String s : settingNames) {
          Effective eff = effective.get(key(scope, s));
          if (eff != null) {
            because.addAll(setting(eff, 0));
          }
        }
      }
      if (because.isEmpty()) {
        because.add(new Line(0, "computed by the rule that built the resource (no setting names it)"));
      }
      fields.add(new Field(name, Explanation.text(e.getValue()), because));
    }
    return new Resource(i.groupId(), i.resourceId(), i.kind(), rule, at, from, merge(fields));
  }

  /** Fields explained by the very same lines become one entry ({@code Name = …, Type = …}). */
  static List<Field> merge(List<Field> fields) {
    Map<List<Line>, List<Field>> byReason = new LinkedHashMap<>();
    for (Field f : fields) {
      byReason.computeIfAbsent(f.because(), k -> new ArrayList<>()).add(f);
    }
    List<Field> out = new ArrayList<>();
    for (var e : byReason.entrySet()) {
      if (e.getValue().size() == 1) {
        out.add(e.getValue().get(0));
      } else {
        List<String> parts = e.getValue().stream().map(f -> f.name() + " = " + f.value()).toList();
        out.add(new Field(String.join(", ", parts), null, e.getKey()));
      }
    }
    return out;
  }

  static boolean wanted(String filter, String field, String parent, List<String> settingNames) {
    if (filter == null) {
      return true;
    }
    String f = norm(filter);
    if (f.equals(norm(field)) || parent != null && f.equals(norm(parent))) {
      return true;
    }
    for (String s : settingNames) {
      if (f.equals(norm(s)) || f.equals(norm(s.replaceFirst("^(attribute|tag):", "")))) {
        return true;
      }
    }
    return false;
  }

  static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
  }

  /** Setting names that decide a field of an intent (the field's own name, hyphenated, and aliases). */
  static List<String> settingNames(Intent i, String field) {
    List<String> out = new ArrayList<>();
    switch (field) {
      case "Name" -> {
        if (i instanceof LoadBalancerIntent) {
          out.add("load-balancer-name");
        }
      }
      case "Protocol" -> out.add(i instanceof TargetGroupIntent ? "backend-protocol" : "listen-ports");
      case "Port" -> {
        if (i instanceof ListenerIntent) {
          out.add("listen-ports");
        }
      }
      case "ProtocolVersion" -> out.add("backend-protocol-version");
      case "Matcher" -> out.add("success-codes");
      case "Certificates", "SniCertificates" -> out.add("certificate-arn");
      case "WebACLArn" -> out.add("wafv2-acl-arn");
      case "Enabled" -> out.add("shield-advanced-protection");
      case "IpPermissions" -> {
        out.add("inbound-cidrs");
        out.add("security-group-prefix-lists");
      }
      case "Priority" -> out.add("group.order");
      case "Conditions" -> out.add("use-regex-path-match");
      case "DefaultActions" -> out.add("ssl-redirect");
      default -> out.add(field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
          .replace("health-check", "healthcheck"));
    }
    return out;
  }

  /** The setting scopes a resource reads. */
  List<String> scopes(Intent i, Firing f) {
    String g = i.groupId();
    List<String> out = new ArrayList<>();
    if (i instanceof ListenerRuleIntent r) {
      out.add(Scopes.ingress(r.ingressKey()));
      return out;
    }
    if (i instanceof TargetGroupIntent || i instanceof TargetGroupBindingIntent) {
      out.add(Scopes.targetGroup(g, i.resourceId()));
      return out;
    }
    if (i instanceof ListenerIntent l) {
      out.add(Scopes.listener(g, l.port()));
      out.add(Scopes.group(g));
      for (String k : membersOnPort(g, l.port())) {
        out.add(Scopes.ingress(k));
      }
      return out;
    }
    out.add(Scopes.group(g));
    return out;
  }

  List<String> membersOnPort(String g, int port) {
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<Object, Firing> en : inserted(ListenPort.class)) {
      Firing x = en.getValue();
      Object o = en.getKey();
      if (o instanceof ListenPort lp && lp.groupId().equals(g) && lp.port() == port) {
        out.add(lp.ingressKey());
      }
    }
    return List.copyOf(out);
  }

  // --- settings ------------------------------------------------------------------------------

  /** An effective value: where it came from, the rule that set it, what it won over. */
  List<Line> setting(Effective e, int depth) {
    List<Line> out = new ArrayList<>();
    Setting s = e.from();
    out.add(new Line(depth, e.scope() + " " + e.name() + " = " + Explanation.render(e.value()) + " from " + s.origin()
        + " (precedence " + s.precedence() + ")"));
    Firing by = insertedBy.get(s);
    if (by != null) {
      out.add(new Line(depth + 1, "set by " + ruleRef(by) + matchedSummary(by)));
    }
    List<Setting> others = new ArrayList<>(settings.getOrDefault(key(e.scope(), e.name()), List.of()));
    others.removeIf(o -> o == s);
    others.sort(Comparator.comparingInt(Setting::precedence).reversed().thenComparing(Setting::origin));
    for (Setting o : others) {
      boolean same = String.valueOf(o.value()).equals(String.valueOf(e.value()));
      out.add(new Line(depth + 1, (same ? "also " : "won over ") + o.origin() + " → " + Explanation.render(o.value())
          + " (precedence " + o.precedence() + ")"));
    }
    return out;
  }

  List<Line> mapEntry(Intent i, String map, String settingName, Firing f) {
    List<Line> out = new ArrayList<>();
    for (String scope : scopes(i, f)) {
      Effective e = effective.get(key(scope, settingName));
      if (e != null) {
        out.addAll(setting(e, 0));
      }
    }
    if (out.isEmpty()) {
      out.add(new Line(0, "added by " + (f == null ? "the rules" : ruleRef(f))
          + (map.equals("Tags") ? " (no tag setting: a tag every resource of the stack carries)" : "")));
    }
    return out;
  }

  // --- diagnostics of blocked groups ---------------------------------------------------------

  List<Line> diagnostics(List<Diagnostic> errors) {
    List<Line> out = new ArrayList<>();
    for (Diagnostic d : errors) {
      out.add(new Line(0, "error " + d.object() + (d.field() == null ? "" : " " + d.field()) + ": " + d.message()));
      Firing by = insertedBy.get(d);
      if (by != null) {
        out.add(new Line(1, "raised by " + ruleRef(by) + matchedSummary(by)));
      } else if (d.rule() != null) {
        out.add(new Line(1, "raised by rule \"" + d.rule() + "\""));
      }
    }
    return out;
  }

  // --- rendering -----------------------------------------------------------------------------

  String where(Firing f) {
    RuleIndex.Location l = index.locate(f.pkg(), f.rule());
    return l == null ? null : l.where();
  }

  String ruleRef(Firing f) {
    String at = where(f);
    return "rule \"" + f.rule() + "\"" + (at == null ? "" : " (" + at + ")");
  }

  /** The matched facts worth naming: objects of the input and settings, not bags of everything. */
  String matchedSummary(Firing f) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < f.facts().size(); k++) {
      Object o = f.facts().get(k);
      String d = Describe.matched(o);
      if (d != null && !parts.contains(d)) {
        parts.add(d);
      }
    }
    return parts.isEmpty() ? "" : " matching " + String.join("; ", parts);
  }

  /** What the building rule matched, for the resource's header. */
  List<String> context(Firing f, Intent i) {
    List<String> out = new ArrayList<>();
    out.add("phase " + f.phase());
    for (Object o : f.facts()) {
      if (o instanceof Collection<?> || o instanceof ControllerSettings || o instanceof GroupSettings) {
        continue;
      }
      String d = Describe.matched(o);
      if (d != null && !out.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }
}
