package dev.albc.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.api.ChosenSecurityGroups;
import dev.albc.rules.api.ChosenSubnets;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import dev.albc.rules.lib.Backends;
import dev.albc.rules.lib.ListenerRules;
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
import java.util.TreeMap;

/**
 * Why each field of each intent has its value, read from the engine's own record of one run: the
 * rule that inserted the intent (a {@link Firing}) and the facts it matched; for a setting, the
 * {@link Effective} value, the {@link Setting} it came from (origin, precedence) and the rule that
 * inserted that setting with the facts it matched, and the settings it won over; for subnets the
 * {@link ChosenSubnets} with the ones left out; for listener-rule priorities the group order in
 * {@link GroupSettings} and each member's {@code group.order}. Nothing here restates what a rule
 * does: change the input and the explanation changes with the record.
 */
public final class Explanation {
  /** One line of an explanation; {@code depth} indents sub-reasons. */
  public record Line(int depth, String text) {}

  /** One field of a resource: its value and why. */
  public record Field(String name, String value, List<Line> because) {}

  /** One resource (intent) of a group. */
  public record Resource(
      String group, String resourceId, String kind, String rule, String ruleAt, List<String> from, List<Field> fields) {}

  /** A group whose error diagnostics stop it, and the rules that raised them. */
  public record Blocked(String group, List<Line> because) {}

  private final List<Resource> resources;
  private final List<Blocked> blocked;
  private final Map<String, List<String>> members;

  private Explanation(List<Resource> resources, List<Blocked> blocked, Map<String, List<String>> members) {
    this.resources = List.copyOf(resources);
    this.blocked = List.copyOf(blocked);
    this.members = members;
  }

  public List<Resource> resources() {
    return resources;
  }

  public List<Blocked> blocked() {
    return blocked;
  }

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          .build();

  /**
   * Explains a run's intents (firings must have been recorded).
   *
   * @param groupIds the groups to explain, in order (a plan's groups)
   * @param resource null for every resource, else a ResourceId ({@code 80:3}, {@code LoadBalancer}),
   *     a {@code group/ResourceId}, or a kind ({@code ListenerRule})
   * @param field null for every field, else a field ({@code Priority}, {@code Attributes}, {@code
   *     Attributes.access_logs.s3.prefix}) or a setting name ({@code wafv2-acl-arn})
   */
  public static Explanation of(
      Translation t, RuleIndex index, List<String> groupIds, String resource, String field) {
    return new Builder(t, index).build(groupIds, resource, field);
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Builder {
    final Translation t;
    final RuleIndex index;
    final Map<Object, Firing> insertedBy = new IdentityHashMap<>();
    final Map<Class<?>, List<Map.Entry<Object, Firing>>> insertedByType = new java.util.HashMap<>();
    final Map<String, List<Setting>> settings = new LinkedHashMap<>();
    final Map<String, Effective> effective = new LinkedHashMap<>();

    Builder(Translation t, RuleIndex index) {
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
      JsonNode tree = JSON.valueToTree(i);
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
              fields.add(new Field(sub, text(a.getValue()), mapEntry(i, name, setting, f)));
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
          because.addAll(priority(r, f, gs));
        } else if (i instanceof ListenerRuleIntent r && (name.equals("Conditions") || name.equals("Actions"))) {
          because.addAll(route(r, f));
        } else if (i instanceof LoadBalancerIntent && name.equals("Subnets")) {
          because.addAll(subnets(i.groupId()));
        } else if (i instanceof LoadBalancerIntent && name.equals("SecurityGroups")) {
          because.addAll(securityGroups(i.groupId()));
        } else if (i instanceof ListenerIntent l && (name.equals("Port") || name.equals("Protocol"))) {
          because.addAll(listenPorts(l));
        } else if (i instanceof ListenerIntent l && (name.equals("Certificates") || name.equals("SniCertificates"))) {
          because.addAll(certificates(l));
        } else if (i instanceof ListenerIntent l && name.equals("DefaultActions")) {
          because.addAll(defaultActions(l));
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
        fields.add(new Field(name, text(e.getValue()), because));
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
      out.add(new Line(depth, e.scope() + " " + e.name() + " = " + render(e.value()) + " from " + s.origin()
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
        out.add(new Line(depth + 1, (same ? "also " : "won over ") + o.origin() + " → " + render(o.value())
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

    // --- listener-rule priority ----------------------------------------------------------------

    List<Line> priority(ListenerRuleIntent r, Firing f, GroupSettings gs) {
      List<Line> out = new ArrayList<>();
      if (f == null) {
        return out;
      }
      List<ListenerRuleIntent> siblings = new ArrayList<>();
      for (Object o : f.inserted()) {
        if (o instanceof ListenerRuleIntent x && x.port() == r.port() && x.groupId().equals(r.groupId())) {
          siblings.add(x);
        }
      }
      siblings.sort(Comparator.comparingInt(ListenerRuleIntent::priority));
      List<String> order = gs == null ? new ArrayList<>() : new ArrayList<>(gs.members());
      for (ListenerRuleIntent x : siblings) {
        if (!order.contains(x.ingressKey())) {
          order.add(x.ingressKey());
        }
      }
      Map<String, List<Integer>> prioritiesOf = new LinkedHashMap<>();
      for (String k : order) {
        List<Integer> ps = siblings.stream().filter(x -> x.ingressKey().equals(k)).map(ListenerRuleIntent::priority).toList();
        if (!ps.isEmpty()) {
          prioritiesOf.put(k, ps);
        }
      }
      List<String> onListener = new ArrayList<>(prioritiesOf.keySet());
      int pos = onListener.indexOf(r.ingressKey());
      int order0 = orderOf(gs, r.ingressKey());
      String who = "Ingress " + r.ingressKey();
      StringBuilder head = new StringBuilder("rule " + r.resourceId() + " priority " + r.priority() + ": " + who
          + " has group.order " + order0);
      if (pos > 0) {
        String prev = onListener.get(pos - 1);
        int prevOrder = orderOf(gs, prev);
        head.append(prevOrder == order0
            ? " and sorts after " + prev + " (same order " + prevOrder + ", then by namespace/name)"
            : " and sorts after " + prev + " (order " + prevOrder + ")");
      } else if (onListener.size() > 1) {
        head.append(" and sorts first on listener ").append(r.port());
      }
      List<Integer> mine = prioritiesOf.getOrDefault(r.ingressKey(), List.of());
      int nth = mine.indexOf(r.priority()) + 1;
      if (mine.size() > 1) {
        head.append("; it is rule ").append(nth).append(" of ").append(mine.size()).append(" of ").append(r.ingressKey())
            .append(" on this listener (paths in spec order)");
      }
      out.add(new Line(0, head.toString()));
      out.add(new Line(1, "listener " + r.port() + " in group order (" + ruleRef(f) + "):"));
      for (String k : onListener) {
        Effective e = gs == null ? null : gs.effective(Scopes.ingress(k), "group.order");
        String origin = e == null ? "default" : e.origin();
        List<Integer> ps = prioritiesOf.get(k);
        out.add(new Line(2, (k.equals(r.ingressKey()) ? "> " : "  ") + k + "  group.order " + orderOf(gs, k)
            + " (" + origin + ")  → priorit" + (ps.size() == 1 ? "y " : "ies ") + ranges(ps)));
      }
      Effective mineOrder = gs == null ? null : gs.effective(Scopes.ingress(r.ingressKey()), "group.order");
      if (mineOrder != null) {
        out.addAll(setting(mineOrder, 1));
      }
      return out;
    }

    static int orderOf(GroupSettings gs, String key) {
      return gs == null ? 0 : gs.order(key);
    }

    static String ranges(List<Integer> ps) {
      if (ps.isEmpty()) {
        return "-";
      }
      List<String> parts = new ArrayList<>();
      int start = ps.get(0);
      int prev = start;
      for (int k = 1; k <= ps.size(); k++) {
        if (k < ps.size() && ps.get(k) == prev + 1) {
          prev = ps.get(k);
          continue;
        }
        parts.add(start == prev ? String.valueOf(start) : start + "-" + prev);
        if (k < ps.size()) {
          start = ps.get(k);
          prev = start;
        }
      }
      return String.join(", ", parts);
    }

    /** The Ingress path a listener rule comes from: the Route the rule matched, and its source. */
    List<Line> route(ListenerRuleIntent r, Firing f) {
      List<Line> out = new ArrayList<>();
      if (f == null) {
        return out;
      }
      for (Object o : f.facts()) {
        if (o instanceof Collection<?> c) {
          for (Object x : c) {
            if (x instanceof ListenerRules.Route route && route.ingressKey().equals(r.ingressKey())
                && route.conditions().equals(r.conditions())) {
              Firing by = insertedBy.get(route);
              Backends.Use use = null;
              if (by != null) {
                for (Object m : by.facts()) {
                  if (m instanceof Backends.Use u) {
                    use = u;
                  }
                }
              }
              String what = use == null ? "a path of Ingress " + r.ingressKey()
                  : "Ingress " + r.ingressKey() + " " + use.field().replaceAll("\\.backend$", "")
                      + (use.host() == null ? "" : " host " + use.host())
                      + (use.path() == null ? "" : " path " + use.path())
                      + (use.pathType() == null ? "" : " (" + use.pathType() + ")")
                      + (use.backend() == null || use.backend().serviceName() == null ? ""
                          : " → Service " + use.backend().serviceName() + ":" + use.backend().portKey());
              out.add(new Line(0, "from " + what + (by == null ? "" : ", by " + ruleRef(by))));
              return out;
            }
          }
        }
      }
      return out;
    }

    // --- subnets, security groups, listen ports -----------------------------------------------

    List<Line> subnets(String gid) {
      List<Line> out = new ArrayList<>();
      for (Map.Entry<Object, Firing> en : inserted(ChosenSubnets.class)) {
        Firing x = en.getValue();
        Object o = en.getKey();
        if (o instanceof ChosenSubnets cs && cs.groupId().equals(gid)) {
          out.add(new Line(0, "chosen by " + cs.how() + ": " + String.join(", ", cs.subnetIds()) + " — " + ruleRef(x)));
          for (String ex : cs.excluded()) {
            int colon = ex.indexOf(": ");
            out.add(new Line(1, colon > 0 ? ex.substring(0, colon) + " left out: " + ex.substring(colon + 2)
                : "left out: " + ex));
          }
        }
      }
      return out;
    }

    List<Line> securityGroups(String gid) {
      List<Line> out = new ArrayList<>();
      for (Map.Entry<Object, Firing> en : inserted(ChosenSecurityGroups.class)) {
        Firing x = en.getValue();
        Object o = en.getKey();
        if (o instanceof ChosenSecurityGroups c && c.groupId().equals(gid)) {
          out.add(new Line(0, (c.managed() ? "managed by albc" : "given") + ": "
              + c.securityGroups().stream().map(Explanation::refText).toList()
              + " — " + ruleRef(x)));
        }
      }
      return out;
    }

    List<Line> certificates(ListenerIntent l) {
      List<Line> out = new ArrayList<>();
      for (Map.Entry<Object, Firing> en : inserted(dev.albc.rules.api.ListenerCertificates.class)) {
        Firing x = en.getValue();
        Object o = en.getKey();
        if (o instanceof dev.albc.rules.api.ListenerCertificates c && c.groupId().equals(l.groupId())
            && c.port() == l.port()) {
          out.add(new Line(0, "Ingress " + c.ingressKey() + " brings " + String.join(", ", c.arns()) + " ("
              + c.how() + ") — " + ruleRef(x) + matchedSummary(x)));
        }
      }
      return out;
    }

    List<Line> defaultActions(ListenerIntent l) {
      List<Line> out = new ArrayList<>();
      for (Map.Entry<Object, Firing> en : inserted(dev.albc.rules.api.ListenerDefaultAction.class)) {
        Firing x = en.getValue();
        Object o = en.getKey();
        if (o instanceof dev.albc.rules.api.ListenerDefaultAction a && a.groupId().equals(l.groupId())
            && a.port() == l.port()) {
          out.add(new Line(0, "Ingress " + a.ingressKey() + " asks for " + a.action().type() + " — " + ruleRef(x)));
        }
      }
      boolean sslRedirect = effective.containsKey(key(Scopes.group(l.groupId()), "ssl-redirect"));
      if (out.isEmpty() && !("HTTP".equals(l.protocol()) && sslRedirect)) {
        out.add(new Line(0, "no member asks for a default action on port " + l.port()
            + " (no ListenerDefaultAction fact); value from the rule that built the listener"));
      }
      return out;
    }

    List<Line> listenPorts(ListenerIntent l) {
      List<Line> out = new ArrayList<>();
      for (Map.Entry<Object, Firing> en : inserted(ListenPort.class)) {
        Firing x = en.getValue();
        Object o = en.getKey();
        if (o instanceof ListenPort lp && lp.groupId().equals(l.groupId()) && lp.port() == l.port()) {
          out.add(new Line(0, "Ingress " + lp.ingressKey() + " listens on " + lp.protocol() + ":" + lp.port()
              + " — " + ruleRef(x)));
        }
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
        String d = describe(o);
        if (d != null && !parts.contains(d)) {
          parts.add(d);
        }
      }
      return parts.isEmpty() ? "" : " matching " + String.join("; ", parts);
    }

    static String describe(Object o) {
      if (o == null || o instanceof ControllerSettings || o instanceof GroupSettings) {
        return null;
      }
      if (o instanceof Collection<?> c) {
        return c.size() <= 3 && !c.isEmpty() ? "[" + String.join(", ", c.stream().map(Explanation.Builder::describeShort).toList()) + "]" : null;
      }
      if (o instanceof String s) {
        return "value \"" + s + "\"";
      }
      if (o instanceof Member m) {
        return "Ingress " + m.key() + " (group " + m.groupId() + ")";
      }
      if (o instanceof IngressFact i) {
        return "Ingress " + i.key();
      }
      if (o instanceof ServiceFact s) {
        return "Service " + s.key();
      }
      if (o instanceof dev.albc.facts.CertificateFact c) {
        return "ACM certificate " + c.names() + " " + c.arn().substring(c.arn().lastIndexOf('/') + 1);
      }
      if (o instanceof NamespaceFact n) {
        return "Namespace " + n.name() + " labels " + new TreeMap<>(n.labels());
      }
      if (o instanceof Effective e) {
        return e.scope() + " " + e.name() + " = " + render(e.value());
      }
      if (o instanceof Setting st) {
        return st.scope() + " " + st.name() + " = " + render(st.value()) + " from " + st.origin()
            + " (precedence " + st.precedence() + ")";
      }
      if (o instanceof Backends.Use u) {
        return "Ingress " + u.ingressKey() + " " + u.field();
      }
      if (o instanceof dev.albc.rules.api.Group g) {
        return "IngressGroup " + g.id();
      }
      if (o instanceof ChosenSubnets c) {
        return "subnets " + c.subnetIds() + " (by " + c.how() + ")";
      }
      if (o instanceof ChosenSecurityGroups c) {
        return "security groups " + c.securityGroups().stream().map(Explanation::refText).toList();
      }
      if (o instanceof ListenPort lp) {
        return "Ingress " + lp.ingressKey() + " listens on " + lp.protocol() + ":" + lp.port();
      }
      if (o instanceof ListenerRules.Listener l) {
        return "listener " + l.port() + " (" + l.protocol() + ")";
      }
      if (o instanceof dev.albc.rules.lib.TargetGroups.Backend b) {
        return "Service " + b.service().key() + " port " + b.port() + " of Ingress " + b.member().key();
      }
      if (o instanceof dev.albc.rules.lib.TargetGroups.Used) {
        return null;
      }
      String d = Describe.fact(o);
      return d.length() > 120 ? d.substring(0, 120) + "…" : d;
    }

    static String describeShort(Object o) {
      String d = describe(o);
      return d == null ? o.getClass().getSimpleName() : d;
    }

    /** What the building rule matched, for the resource's header. */
    List<String> context(Firing f, Intent i) {
      List<String> out = new ArrayList<>();
      out.add("phase " + f.phase());
      for (Object o : f.facts()) {
        if (o instanceof Collection<?> || o instanceof ControllerSettings || o instanceof GroupSettings) {
          continue;
        }
        String d = describe(o);
        if (d != null && !out.contains(d)) {
          out.add(d);
        }
      }
      return out;
    }
  }

  static String refText(Object o) {
    return o instanceof dev.albc.intents.Ref r ? r.ref() + " of this plan" : String.valueOf(o);
  }

  static String render(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>(m).toString();
    }
    if (v instanceof dev.albc.rules.api.ListenPortSpec p) {
      return p.protocol() + ":" + p.port();
    }
    if (v instanceof Collection<?> c) {
      return "[" + String.join(", ", c.stream().map(Explanation::render).toList()) + "]";
    }
    if (v instanceof String s) {
      return s;
    }
    return String.valueOf(v);
  }

  static String text(JsonNode n) {
    if (n.isTextual()) {
      return n.asText();
    }
    return n.toString();
  }

  // ---------------------------------------------------------------------------------------------

  /** Human-readable text, group by group. */
  public String text() {
    StringBuilder s = new StringBuilder();
    Set<String> groups = new LinkedHashSet<>();
    resources.forEach(r -> groups.add(r.group()));
    blocked.forEach(b -> groups.add(b.group()));
    for (String g : members.keySet()) {
      if (!groups.contains(g)) {
        continue;
      }
      List<String> ms = members.get(g);
      s.append("Group ").append(g);
      if (!ms.isEmpty()) {
        s.append("  (members in group order: ").append(String.join(", ", ms)).append(')');
      }
      s.append('\n');
      for (Blocked b : blocked) {
        if (b.group().equals(g)) {
          s.append("  BLOCKED by errors: no change would be made\n");
          lines(s, b.because(), 4);
        }
      }
      for (Resource r : resources) {
        if (!r.group().equals(g)) {
          continue;
        }
        s.append("  ").append(Builder.shortKind(r.kind())).append(' ').append(r.resourceId()).append('\n');
        if (r.rule() != null) {
          s.append("    built by rule \"").append(r.rule()).append('"');
          if (r.ruleAt() != null) {
            s.append(" (").append(r.ruleAt()).append(')');
          }
          s.append(", ").append(String.join("; ", r.from())).append('\n');
        }
        for (Field f : r.fields()) {
          s.append("    ").append(f.name()).append(f.value() == null ? "" : " = " + f.value()).append('\n');
          lines(s, f.because(), 6);
        }
      }
      s.append('\n');
    }
    if (resources.isEmpty() && blocked.isEmpty()) {
      s.append("Nothing to explain: no resource matched.\n");
    }
    return s.toString();
  }

  private static void lines(StringBuilder s, List<Line> lines, int indent) {
    for (Line l : lines) {
      s.append(" ".repeat(indent + 2 * l.depth())).append(l.depth() == 0 ? "← " : "").append(l.text()).append('\n');
    }
  }

  /** The same as JSON: {@code {"groups": [{"id", "members", "blocked", "resources": [...]}]}}. */
  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> groups = new ArrayList<>();
    for (String g : members.keySet()) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("id", g);
      gm.put("members", members.get(g));
      for (Blocked b : blocked) {
        if (b.group().equals(g)) {
          gm.put("blocked", b.because());
        }
      }
      List<Resource> rs = resources.stream().filter(r -> r.group().equals(g)).toList();
      if (!rs.isEmpty()) {
        gm.put("resources", rs);
      }
      if (gm.size() > 2) {
        groups.add(gm);
      }
    }
    root.put("groups", groups);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
