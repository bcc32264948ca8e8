package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.AddonIntent;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.Ref;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.Matching;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.desired.DesiredJson;
import dev.albc.changes.Change.Action;
import dev.albc.changes.Change.Risk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planner: a pure function from a group's intents and its observed AWS state to ordered
 * changes. It matches existing resources to intents by their {@code ingress.k8s.aws/resource} tag
 * (listeners by port, rules by content then priority), and replaces, modifies and deletes where the
 * reference controller does (aws-lbc-behaviour.md §9):
 *
 * <ul>
 *   <li>security groups, target groups, load balancer, listeners, rules, TargetGroupBindings,
 *       add-ons, in that order; target groups, bindings and security groups that are no longer
 *       wanted are deleted last (bindings, target groups, security groups);
 *   <li>a load balancer whose scheme or type differs is replaced (the old one deleted first, as the
 *       reference: a target group serves one load balancer only); a target group whose target
 *       type, protocol or protocol version differs is replaced (the old one deleted once the rules
 *       point at the new one);
 *   <li>rules whose content is wanted at another priority move with {@code SetRulePriorities};
 *   <li>tags and attributes are compared key by key; attributes the intents do not set are left
 *       alone; {@code aws:} tags are never touched;
 *   <li>a group with an error diagnostic gets no change at all.
 * </ul>
 */
public final class ChangePlanner {
  private ChangePlanner() {}

  /** The protection name the reference controller gives Shield protections. */
  public static final String SHIELD_PROTECTION_NAME = "managed by aws-load-balancer-controller";
  static final String DELETION_PROTECTION = "deletion_protection.enabled";
  static final String TGB_API_VERSION = "elbv2.k8s.aws/v1beta1";

  /**
   * @param manageBindings TargetGroupBindings are read and written (a cluster is connected)
   * @param deleteBackendSecurityGroup a deletion may remove the shared backend security group (no
   *     other load balancer uses it)
   */
  public record Options(boolean manageBindings, boolean deleteBackendSecurityGroup) {}

  /** Changes for one group of a plan; none when the group has an error diagnostic. */
  public static GroupChanges plan(DesiredGroup group, ObservedStack observed, Options options) {
    boolean hasError = group.diagnostics().stream().anyMatch(DesiredDiagnostic::isError);
    if (hasError || group.resources().isEmpty()) {
      return GroupChanges.blocked(group.id(), List.of());
    }
    if (!observed.conflicts().isEmpty()) {
      return GroupChanges.blocked(group.id(), observed.conflicts());
    }
    return new Run(group.id(), observed, options).plan(group.resources());
  }

  /** Changes that remove everything of a group ({@code albc delete}). */
  public static GroupChanges planDeletion(String groupId, ObservedStack observed, Options options) {
    return new Run(groupId, observed, options).deleteAll();
  }

  /** One planning run: the references known so far, the changes, notes and errors. */
  static final class Run {
    final String groupId;
    final ObservedStack observed;
    final Options options;
    final Map<String, String> refs = new LinkedHashMap<>();
    final List<Change> changes = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    Run(String groupId, ObservedStack observed, Options options) {
      this.groupId = groupId;
      this.observed = observed;
      this.options = options;
    }

    GroupChanges result() {
      if (!errors.isEmpty()) {
        return GroupChanges.blocked(groupId, errors);
      }
      return new GroupChanges(groupId, false, changes, refs, notes, List.of());
    }

    GroupChanges plan(List<Intent> resources) {
      List<SecurityGroupIntent> sgs = new ArrayList<>();
      List<TargetGroupIntent> tgs = new ArrayList<>();
      LoadBalancerIntent lb = null;
      List<ListenerIntent> listeners = new ArrayList<>();
      List<ListenerRuleIntent> rules = new ArrayList<>();
      List<TargetGroupBindingIntent> bindings = new ArrayList<>();
      List<AddonIntent> addons = new ArrayList<>();
      for (Intent i : resources) {
        if (i instanceof SecurityGroupIntent s) {
          sgs.add(s);
        } else if (i instanceof TargetGroupIntent t) {
          tgs.add(t);
        } else if (i instanceof LoadBalancerIntent l) {
          lb = l;
        } else if (i instanceof ListenerIntent l) {
          listeners.add(l);
        } else if (i instanceof ListenerRuleIntent r) {
          rules.add(r);
        } else if (i instanceof TargetGroupBindingIntent b) {
          bindings.add(b);
        } else if (i instanceof AddonIntent a) {
          addons.add(a);
        }
      }
      sgs.sort(Comparator.comparing((SecurityGroupIntent s) -> !SecurityGroupIntent.BACKEND.equals(s.id()))
          .thenComparing(SecurityGroupIntent::id));
      tgs.sort(Comparator.comparing(TargetGroupIntent::id));
      listeners.sort(Comparator.comparingInt(ListenerIntent::port));
      rules.sort(Comparator.comparingInt(ListenerRuleIntent::port).thenComparingInt(ListenerRuleIntent::priority));

      securityGroups(sgs);
      targetGroups(tgs);
      ObservedResource keptLb = loadBalancer(lb);
      listenersAndRules(keptLb, listeners, rules);
      bindings(bindings);
      addons(addons, keptLb);
      return result();
    }

    // ---- security groups ------------------------------------------------------------------

    void securityGroups(List<SecurityGroupIntent> desired) {
      Set<String> matched = new HashSet<>();
      for (SecurityGroupIntent s : desired) {
        if (SecurityGroupIntent.BACKEND.equals(s.id())) {
          ObservedResource o = observed.backendSecurityGroup();
          if (o != null) {
            refs.put(s.id(), o.id());
          } else {
            changes.add(new Change(Action.CREATE, s.kind(), s.id(), s.groupName(),
                "the cluster's shared backend security group does not exist", Risk.NONE, null, List.of(),
                createSecurityGroup(s)));
          }
          continue;
        }
        List<ObservedResource> cands = observed.securityGroups().stream()
            .filter(g -> s.id().equals(g.resourceTag()))
            .sorted(Comparator.comparing((ObservedResource g) -> !Objects.equals(g.name(), s.groupName()))
                .thenComparing(ObservedResource::id))
            .toList();
        cands.forEach(c -> matched.add(c.id()));
        if (cands.isEmpty()) {
          changes.add(new Change(Action.CREATE, s.kind(), s.id(), s.groupName(), "not in AWS", Risk.NONE, null,
              List.of(), createSecurityGroup(s)));
          continue;
        }
        ObservedResource kept = cands.get(0);
        refs.put(s.id(), kept.id());
        modifySecurityGroup(s, kept);
        for (ObservedResource extra : cands.subList(1, cands.size())) {
          deleteSecurityGroup(extra, "a second security group tagged " + s.id() + " (" + kept.id() + " is kept)");
        }
      }
      for (ObservedResource g : observed.securityGroups()) {
        if (!matched.contains(g.id())) {
          deleteSecurityGroup(g, "no longer wanted by the group");
        }
      }
    }

    List<Step> createSecurityGroup(SecurityGroupIntent s) {
      List<Step> steps = new ArrayList<>();
      ObjectNode req = obj();
      req.put("GroupName", s.groupName());
      req.put("Description", s.description());
      req.put("VpcId", s.vpcId());
      ArrayNode specs = req.putArray("TagSpecifications");
      ObjectNode spec = specs.addObject();
      spec.put("ResourceType", "security-group");
      spec.set("Tags", tagList(s.tags()));
      steps.add(Step.producing("ec2:CreateSecurityGroup", req, s.id()));
      if (s.ipPermissions() != null && !s.ipPermissions().isEmpty()) {
        ObjectNode auth = obj();
        auth.set("GroupId", ref(s.id()));
        auth.set("IpPermissions", DesiredJson.JSON.valueToTree(s.ipPermissions()));
        steps.add(Step.of("ec2:AuthorizeSecurityGroupIngress", auth));
      }
      return steps;
    }

    void modifySecurityGroup(SecurityGroupIntent s, ObservedResource o) {
      List<Step> steps = new ArrayList<>();
      List<FieldDiff> diff = new ArrayList<>();
      Set<Perm> want = new TreeSet<>();
      if (s.ipPermissions() != null) {
        for (JsonNode p : DesiredJson.JSON.valueToTree(s.ipPermissions())) {
          want.addAll(Perm.of(p));
        }
      }
      Set<Perm> have = new TreeSet<>();
      o.body().path("IpPermissions").forEach(p -> have.addAll(Perm.of(p)));
      Set<Perm> add = new TreeSet<>(want);
      add.removeAll(have);
      Set<Perm> remove = new TreeSet<>(have);
      remove.removeAll(want);
      if (!add.isEmpty()) {
        ObjectNode req = obj();
        req.put("GroupId", o.id());
        req.set("IpPermissions", Perm.toJson(add));
        steps.add(Step.of("ec2:AuthorizeSecurityGroupIngress", req));
      }
      if (!remove.isEmpty()) {
        ObjectNode req = obj();
        req.put("GroupId", o.id());
        req.set("IpPermissions", Perm.toJson(remove));
        steps.add(Step.of("ec2:RevokeSecurityGroupIngress", req));
      }
      if (!add.isEmpty() || !remove.isEmpty()) {
        diff.add(new FieldDiff("IpPermissions", Perm.show(have), Perm.show(want)));
      }
      TagDiff t = TagDiff.of(s.tags(), o.tags());
      if (!t.isEmpty()) {
        diff.add(t.field());
        if (!t.add().isEmpty()) {
          ObjectNode req = obj();
          req.putArray("Resources").add(o.id());
          req.set("Tags", tagList(t.add()));
          steps.add(Step.of("ec2:CreateTags", req));
        }
        if (!t.remove().isEmpty()) {
          ObjectNode req = obj();
          req.putArray("Resources").add(o.id());
          ArrayNode tags = req.putArray("Tags");
          t.remove().forEach(k -> tags.addObject().put("Key", k));
          steps.add(Step.of("ec2:DeleteTags", req));
        }
      }
      if (!steps.isEmpty()) {
        changes.add(new Change(Action.MODIFY, s.kind(), s.id(), o.name() + " (" + o.id() + ")",
            describe(diff), Risk.NONE, null, diff, steps));
      }
    }

    void deleteSecurityGroup(ObservedResource g, String reason) {
      ObjectNode req = obj();
      req.put("GroupId", g.id());
      changes.add(new Change(Action.DELETE, SecurityGroupIntent.KIND, g.resourceTag(), g.name() + " (" + g.id() + ")",
          reason, Risk.DELETION, null, List.of(), List.of(Step.post("ec2:DeleteSecurityGroup", req))));
    }

    // ---- target groups ------------------------------------------------------------------

    static final List<String> HEALTH_CHECK = List.of("HealthCheckProtocol", "HealthCheckPort", "HealthCheckPath",
        "HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount",
        "Matcher");

    void targetGroups(List<TargetGroupIntent> desired) {
      Set<String> ids = new HashSet<>();
      for (TargetGroupIntent t : desired) {
        ids.add(t.id());
        List<ObservedResource> cands = observed.targetGroups().stream()
            .filter(g -> t.id().equals(g.resourceTag()))
            .sorted(Comparator.comparing((ObservedResource g) -> !Objects.equals(g.name(), t.name()))
                .thenComparing(ObservedResource::id))
            .toList();
        ObservedResource kept = cands.stream().filter(g -> replacementReasons(t, g).isEmpty()).findFirst().orElse(null);
        if (kept == null) {
          List<Step> steps = new ArrayList<>(createTargetGroup(t));
          List<FieldDiff> diff = new ArrayList<>();
          String reason = "not in AWS";
          Action action = Action.CREATE;
          Risk risk = Risk.NONE;
          String note = null;
          if (!cands.isEmpty()) {
            ObservedResource old = cands.get(0);
            diff.addAll(replacementReasons(t, old));
            reason = describe(diff) + ": a target group's target type, protocol and protocol version cannot change; "
                + "a new target group replaces " + old.name();
            action = Action.REPLACE;
            risk = Risk.REPLACEMENT;
            note = "requests to this backend fail until its targets are registered and healthy in the new target group";
            for (ObservedResource c : cands) {
              steps.add(deleteTargetGroupStep(c));
            }
          }
          changes.add(new Change(action, t.kind(), t.id(), t.name(), reason, risk, note, diff, steps));
          continue;
        }
        refs.put(t.id(), kept.id());
        modifyTargetGroup(t, kept);
        for (ObservedResource extra : cands) {
          if (extra != kept) {
            changes.add(new Change(Action.DELETE, t.kind(), t.id(), extra.name(),
                "a second target group tagged " + t.id() + " (" + kept.name() + " is kept)", Risk.DELETION, null,
                List.of(), List.of(deleteTargetGroupStep(extra))));
          }
        }
      }
      for (ObservedResource g : observed.targetGroups()) {
        if (g.resourceTag() == null || !ids.contains(g.resourceTag())) {
          changes.add(new Change(Action.DELETE, TargetGroupIntent.KIND, g.resourceTag(), g.name(),
              "no longer wanted by the group (its path or backend was removed)", Risk.DELETION,
              "its targets are deregistered", List.of(), List.of(deleteTargetGroupStep(g))));
        }
      }
    }

    static List<FieldDiff> replacementReasons(TargetGroupIntent t, ObservedResource o) {
      List<FieldDiff> out = new ArrayList<>();
      if (!Objects.equals(t.targetType(), o.text("TargetType"))) {
        out.add(new FieldDiff("TargetType", o.text("TargetType"), t.targetType()));
      }
      if (!Objects.equals(t.protocol(), o.text("Protocol"))) {
        out.add(new FieldDiff("Protocol", o.text("Protocol"), t.protocol()));
      }
      if (t.protocolVersion() != null && !t.protocolVersion().equals(o.text("ProtocolVersion"))) {
        out.add(new FieldDiff("ProtocolVersion", o.text("ProtocolVersion"), t.protocolVersion()));
      }
      return out;
    }

    List<Step> createTargetGroup(TargetGroupIntent t) {
      ObjectNode req = json(t);
      req.remove("Attributes");
      req.set("Tags", tagList(t.tags()));
      List<Step> steps = new ArrayList<>();
      steps.add(Step.producing("elbv2:CreateTargetGroup", req, t.id()));
      if (t.attributes() != null && !t.attributes().isEmpty()) {
        ObjectNode attrs = obj();
        attrs.set("TargetGroupArn", ref(t.id()));
        attrs.set("Attributes", attributeList(t.attributes()));
        steps.add(Step.of("elbv2:ModifyTargetGroupAttributes", attrs));
      }
      return steps;
    }

    static Step deleteTargetGroupStep(ObservedResource g) {
      ObjectNode req = obj();
      req.put("TargetGroupArn", g.id());
      return Step.post("elbv2:DeleteTargetGroup", req);
    }

    void modifyTargetGroup(TargetGroupIntent t, ObservedResource o) {
      ObjectNode want = json(t);
      List<FieldDiff> diff = new ArrayList<>();
      List<Step> steps = new ArrayList<>();
      boolean hc = false;
      for (String f : HEALTH_CHECK) {
        if (!JsonMatch.matches(f, want.get(f), o.body().get(f), refs)) {
          diff.add(new FieldDiff(f, JsonMatch.show(o.body().get(f)), JsonMatch.show(want.get(f))));
          hc = true;
        }
      }
      if (hc) {
        ObjectNode req = obj();
        req.put("TargetGroupArn", o.id());
        for (String f : HEALTH_CHECK) {
          if (want.has(f)) {
            req.set(f, want.get(f));
          }
        }
        steps.add(Step.of("elbv2:ModifyTargetGroup", req));
      }
      Map<String, String> attrs = attributeChanges(t.attributes(), o.attributes(), AwsEquivalence.TARGET_GROUP_DEFAULTS, diff);
      if (!attrs.isEmpty()) {
        ObjectNode req = obj();
        req.put("TargetGroupArn", o.id());
        req.set("Attributes", attributeList(attrs));
        steps.add(Step.of("elbv2:ModifyTargetGroupAttributes", req));
      }
      steps.addAll(elbTags(t.tags(), o, diff));
      if (!steps.isEmpty()) {
        changes.add(new Change(Action.MODIFY, t.kind(), t.id(), o.name(), describe(diff), Risk.NONE, null, diff, steps));
      }
    }

    // ---- load balancer ------------------------------------------------------------------

    ObservedResource loadBalancer(LoadBalancerIntent d) {
      if (d == null) {
        return null;
      }
      List<ObservedResource> owned = observed.loadBalancers();
      ObservedResource kept = Matching.keptLoadBalancer(d, owned);
      List<ObservedResource> stale = owned.stream().filter(l -> l != kept).toList();
      for (ObservedResource s : stale) {
        if (s.attributes() != null && "true".equals(s.attributes().get(DELETION_PROTECTION))) {
          errors.add("load balancer " + s.name() + " (" + s.id() + ") must be deleted ("
              + (LoadBalancerIntent.RESOURCE_ID.equals(s.resourceTag()) ? "replaced: " + lbDiff(d, s) : "no longer wanted")
              + ") but has deletion protection on; albc does not turn it off: set the load-balancer-attributes "
              + "annotation to deletion_protection.enabled=false first");
        }
      }
      if (kept == null) {
        ObservedResource replaced = stale.stream()
            .filter(s -> LoadBalancerIntent.RESOURCE_ID.equals(s.resourceTag())).findFirst().orElse(null);
        for (ObservedResource s : stale) {
          if (s != replaced) {
            changes.add(deleteLoadBalancer(s, "no longer wanted by the group"));
          }
        }
        List<Step> steps = new ArrayList<>();
        if (replaced != null) {
          steps.add(deleteLoadBalancerStep(replaced));
        }
        steps.addAll(createLoadBalancer(d));
        if (replaced == null) {
          changes.add(new Change(Action.CREATE, d.kind(), d.resourceId(), d.name(), "not in AWS", Risk.NONE, null,
              List.of(), steps));
        } else {
          List<FieldDiff> why = lbDiffFields(d, replaced).stream().filter(x -> !x.field().equals("Name")).toList();
          String reason = describe(why) + ": a load balancer's scheme and type cannot change; " + d.name()
              + " replaces " + replaced.name();
          changes.add(new Change(Action.REPLACE, d.kind(), d.resourceId(), d.name(), reason, Risk.REPLACEMENT,
              "the old load balancer (" + replaced.text("DNSName") + ") is deleted first, as the reference controller "
                  + "does (a target group serves one load balancer only): traffic stops until clients use the new "
                  + "DNS name",
              lbDiffFields(d, replaced), steps));
        }
        return null;
      }
      refs.put(d.resourceId(), kept.id());
      for (ObservedResource s : stale) {
        changes.add(deleteLoadBalancer(s, "another load balancer tagged for the group (" + kept.name() + " is kept)"));
      }
      modifyLoadBalancer(d, kept);
      return kept;
    }

    static String lbDiff(LoadBalancerIntent d, ObservedResource o) {
      return describe(lbDiffFields(d, o));
    }

    static List<FieldDiff> lbDiffFields(LoadBalancerIntent d, ObservedResource o) {
      List<FieldDiff> out = new ArrayList<>();
      if (!Objects.equals(d.scheme(), o.text("Scheme"))) {
        out.add(new FieldDiff("Scheme", o.text("Scheme"), d.scheme()));
      }
      String type = d.type() == null ? "application" : d.type();
      if (!type.equals(o.text("Type"))) {
        out.add(new FieldDiff("Type", o.text("Type"), type));
      }
      if (!Objects.equals(d.name(), o.name())) {
        out.add(new FieldDiff("Name", o.name(), d.name()));
      }
      return out;
    }

    Change deleteLoadBalancer(ObservedResource lb, String reason) {
      return new Change(Action.DELETE, LoadBalancerIntent.KIND, lb.resourceTag(), lb.name(), reason, Risk.DELETION,
          "traffic to " + lb.text("DNSName") + " stops; its listeners and rules go with it", List.of(),
          List.of(deleteLoadBalancerStep(lb)));
    }

    static Step deleteLoadBalancerStep(ObservedResource lb) {
      ObjectNode req = obj();
      req.put("LoadBalancerArn", lb.id());
      return Step.of("elbv2:DeleteLoadBalancer", req);
    }

    List<Step> createLoadBalancer(LoadBalancerIntent d) {
      ObjectNode req = json(d);
      req.remove("Attributes");
      req.set("Tags", tagList(d.tags()));
      List<Step> steps = new ArrayList<>();
      steps.add(Step.producing("elbv2:CreateLoadBalancer", req, d.resourceId()));
      if (d.attributes() != null && !d.attributes().isEmpty()) {
        ObjectNode attrs = obj();
        attrs.set("LoadBalancerArn", ref(d.resourceId()));
        attrs.set("Attributes", attributeList(d.attributes()));
        steps.add(Step.of("elbv2:ModifyLoadBalancerAttributes", attrs));
      }
      return steps;
    }

    void modifyLoadBalancer(LoadBalancerIntent d, ObservedResource o) {
      List<FieldDiff> diff = new ArrayList<>();
      List<Step> steps = new ArrayList<>();
      Set<String> haveSgs = new TreeSet<>();
      o.body().path("SecurityGroups").forEach(x -> haveSgs.add(x.asText()));
      Set<String> wantSgs = new TreeSet<>();
      boolean unresolved = false;
      List<Object> sgs = d.securityGroups() == null ? List.of() : d.securityGroups();
      for (Object s : sgs) {
        String v = s instanceof Ref r ? refs.get(r.ref()) : String.valueOf(s);
        if (v == null) {
          unresolved = true;
        } else {
          wantSgs.add(v);
        }
      }
      if (unresolved || !wantSgs.equals(haveSgs)) {
        diff.add(new FieldDiff("SecurityGroups", String.join(",", haveSgs),
            JsonMatch.show(DesiredJson.JSON.valueToTree(sgs))));
        ObjectNode req = obj();
        req.put("LoadBalancerArn", o.id());
        req.set("SecurityGroups", DesiredJson.JSON.valueToTree(sgs));
        steps.add(Step.of("elbv2:SetSecurityGroups", req));
      }
      Set<String> haveSubnets = new TreeSet<>();
      o.body().path("AvailabilityZones").forEach(z -> {
        if (z.hasNonNull("SubnetId")) {
          haveSubnets.add(z.get("SubnetId").asText());
        }
      });
      Set<String> wantSubnets = new TreeSet<>(d.subnets() == null ? List.of() : d.subnets());
      if (!wantSubnets.isEmpty() && !wantSubnets.equals(haveSubnets)) {
        diff.add(new FieldDiff("Subnets", String.join(",", haveSubnets), String.join(",", wantSubnets)));
        ObjectNode req = obj();
        req.put("LoadBalancerArn", o.id());
        ArrayNode a = req.putArray("Subnets");
        wantSubnets.forEach(a::add);
        steps.add(Step.of("elbv2:SetSubnets", req));
      }
      if (d.ipAddressType() != null && !d.ipAddressType().equals(o.text("IpAddressType"))) {
        diff.add(new FieldDiff("IpAddressType", o.text("IpAddressType"), d.ipAddressType()));
        ObjectNode req = obj();
        req.put("LoadBalancerArn", o.id());
        req.put("IpAddressType", d.ipAddressType());
        steps.add(Step.of("elbv2:SetIpAddressType", req));
      }
      Map<String, String> attrs = attributeChanges(d.attributes(), o.attributes(), AwsEquivalence.LOAD_BALANCER_DEFAULTS, diff);
      if (!attrs.isEmpty()) {
        ObjectNode req = obj();
        req.put("LoadBalancerArn", o.id());
        req.set("Attributes", attributeList(attrs));
        steps.add(Step.of("elbv2:ModifyLoadBalancerAttributes", req));
      }
      steps.addAll(elbTags(d.tags(), o, diff));
      if (!steps.isEmpty()) {
        changes.add(new Change(Action.MODIFY, d.kind(), d.resourceId(), o.name(), describe(diff), Risk.NONE, null,
            diff, steps));
      }
    }

    // ---- listeners and rules --------------------------------------------------------------

    static final List<String> LISTENER_FIELDS =
        List.of("Port", "Protocol", "SslPolicy", "Certificates", "DefaultActions", "MutualAuthentication");

    void listenersAndRules(ObservedResource keptLb, List<ListenerIntent> desired, List<ListenerRuleIntent> rules) {
      Map<Integer, ObservedResource> byPort = new TreeMap<>();
      if (keptLb != null) {
        for (ObservedResource l : observed.listeners()) {
          if (keptLb.id().equals(l.parent())) {
            byPort.putIfAbsent(l.body().path("Port").asInt(), l);
          }
        }
      }
      Set<Integer> wanted = new HashSet<>();
      desired.forEach(l -> wanted.add(l.port()));
      for (var e : byPort.entrySet()) {
        if (!wanted.contains(e.getKey())) {
          ObjectNode req = obj();
          req.put("ListenerArn", e.getValue().id());
          changes.add(new Change(Action.DELETE, ListenerIntent.KIND, e.getValue().resourceTag(),
              "port " + e.getKey(), "no longer wanted by the group", Risk.DELETION,
              "traffic on port " + e.getKey() + " stops; its rules go with it", List.of(),
              List.of(Step.of("elbv2:DeleteListener", req))));
        }
      }
      for (ListenerIntent l : desired) {
        ObservedResource o = byPort.get(l.port());
        if (o == null) {
          changes.add(new Change(Action.CREATE, l.kind(), l.resourceId(), "port " + l.port(),
              keptLb == null ? "the load balancer is new" : "not in AWS", Risk.NONE, null, List.of(),
              createListener(l)));
        } else {
          refs.put(l.resourceId(), o.id());
          modifyListener(l, o);
        }
      }
      for (ListenerIntent l : desired) {
        ObservedResource o = byPort.get(l.port());
        List<ObservedResource> have = new ArrayList<>();
        if (o != null) {
          for (ObservedResource r : observed.rules()) {
            if (o.id().equals(r.parent())) {
              have.add(r);
            }
          }
        }
        List<ListenerRuleIntent> want = rules.stream().filter(r -> r.port() == l.port()).toList();
        new ListenerRuleChanges(this, l, o, want, have).plan();
      }
    }

    List<Step> createListener(ListenerIntent l) {
      ObjectNode req = json(l);
      req.remove("SniCertificates");
      req.set("Tags", tagList(l.tags()));
      List<Step> steps = new ArrayList<>();
      steps.add(Step.producing("elbv2:CreateListener", req, l.resourceId()));
      List<Map<String, String>> extra = AwsEquivalence.listenerCertificates(l.certificates(), l.sniCertificates());
      if (!extra.isEmpty()) {
        ObjectNode add = obj();
        add.set("ListenerArn", ref(l.resourceId()));
        add.set("Certificates", DesiredJson.JSON.valueToTree(extra));
        steps.add(Step.of("elbv2:AddListenerCertificates", add));
      }
      return steps;
    }

    void modifyListener(ListenerIntent l, ObservedResource o) {
      ObjectNode want = json(l);
      List<FieldDiff> diff = new ArrayList<>();
      List<Step> steps = new ArrayList<>();
      boolean modify = false;
      boolean protocolChange = false;
      for (String f : LISTENER_FIELDS) {
        JsonNode w = want.get(f);
        JsonNode h = o.body().get(f);
        if (f.equals("MutualAuthentication") && offOrAbsent(w) && offOrAbsent(h)) {
          continue;
        }
        if (!JsonMatch.matches(f, w, h, refs)) {
          diff.add(new FieldDiff(f, JsonMatch.show(h), JsonMatch.show(w)));
          modify = true;
          protocolChange |= f.equals("Protocol");
        }
      }
      if (modify) {
        ObjectNode req = obj();
        req.put("ListenerArn", o.id());
        for (String f : LISTENER_FIELDS) {
          if (want.has(f) && !(f.equals("MutualAuthentication") && offOrAbsent(want.get(f)) && offOrAbsent(o.body().get(f)))) {
            req.set(f, want.get(f));
          }
        }
        steps.add(Step.of("elbv2:ModifyListener", req));
      }
      Set<String> wantSni = new TreeSet<>();
      if (l.sniCertificates() != null) {
        l.sniCertificates().forEach(c -> wantSni.add(c.get("CertificateArn")));
      }
      Set<String> defaults = new HashSet<>();
      if (l.certificates() != null) {
        l.certificates().forEach(c -> defaults.add(c.get("CertificateArn")));
      }
      wantSni.removeAll(defaults);
      Set<String> haveSni = new TreeSet<>();
      o.body().path("SniCertificates").forEach(c -> haveSni.add(c.path("CertificateArn").asText()));
      if (o.body().has("SniCertificates") || !wantSni.isEmpty()) {
        Set<String> add = new TreeSet<>(wantSni);
        add.removeAll(haveSni);
        Set<String> remove = new TreeSet<>(haveSni);
        remove.removeAll(wantSni);
        remove.removeAll(defaults);
        if (!add.isEmpty() || !remove.isEmpty()) {
          diff.add(new FieldDiff("SniCertificates", String.join(",", haveSni), String.join(",", wantSni)));
        }
        if (!add.isEmpty()) {
          steps.add(Step.of("elbv2:AddListenerCertificates", certificates(o.id(), add)));
        }
        if (!remove.isEmpty()) {
          steps.add(Step.of("elbv2:RemoveListenerCertificates", certificates(o.id(), remove)));
        }
      }
      steps.addAll(elbTags(l.tags(), o, diff));
      if (!steps.isEmpty()) {
        changes.add(new Change(Action.MODIFY, l.kind(), l.resourceId(), "port " + l.port(), describe(diff),
            protocolChange ? Risk.INTERRUPTION : Risk.NONE,
            protocolChange ? "clients of the old protocol on port " + l.port() + " are cut off" : null, diff, steps));
      }
    }

    static boolean offOrAbsent(JsonNode n) {
      return n == null || n.isNull() || n.isMissingNode() || (n.isObject() && "off".equals(n.path("Mode").asText("off"))
          && (!n.has("TrustStoreArn") || n.get("TrustStoreArn").isNull()));
    }

    static ObjectNode certificates(String listenerArn, Set<String> arns) {
      ObjectNode req = obj();
      req.put("ListenerArn", listenerArn);
      ArrayNode a = req.putArray("Certificates");
      arns.forEach(c -> a.addObject().put("CertificateArn", c));
      return req;
    }

    // ---- bindings -------------------------------------------------------------------------

    void bindings(List<TargetGroupBindingIntent> desired) {
      if (!options.manageBindings() || observed.bindings() == null) {
        if (!desired.isEmpty()) {
          notes.add(desired.size() + " TargetGroupBinding(s) not managed: no cluster (--kubeconfig); nothing "
              + "registers targets in the target groups until a controller with the bindings runs");
        }
        return;
      }
      Map<String, ObservedResource> have = new TreeMap<>();
      observed.bindings().forEach(b -> have.put(b.id(), b));
      Set<String> kept = new HashSet<>();
      for (TargetGroupBindingIntent b : desired) {
        String key = b.namespace() + "/" + b.name();
        ObjectNode object = bindingObject(b);
        ObservedResource o = have.get(key);
        if (o == null) {
          changes.add(new Change(Action.CREATE, b.kind(), b.resourceId(), key, "not in the cluster", Risk.NONE, null,
              List.of(), List.of(Step.of("k8s:CreateTargetGroupBinding", object))));
          continue;
        }
        kept.add(key);
        JsonNode haveSpec = o.body().path("spec");
        JsonNode haveLabels = o.body().path("metadata").path("labels");
        boolean specOk = JsonMatch.matches(object.get("spec"), haveSpec, refs);
        boolean labelsOk = JsonMatch.matches(object.path("metadata").get("labels"), haveLabels, refs);
        if (specOk && labelsOk) {
          continue;
        }
        List<FieldDiff> diff = new ArrayList<>();
        if (!specOk) {
          diff.add(new FieldDiff("spec", JsonMatch.show(haveSpec), JsonMatch.show(object.get("spec"))));
        }
        if (!labelsOk) {
          diff.add(new FieldDiff("metadata.labels", JsonMatch.show(haveLabels),
              JsonMatch.show(object.path("metadata").get("labels"))));
        }
        boolean arnChanged = !JsonMatch.matches(object.path("spec").get("targetGroupARN"),
            haveSpec.get("targetGroupARN"), refs);
        if (arnChanged) {
          ObjectNode del = obj();
          del.put("namespace", b.namespace());
          del.put("name", b.name());
          changes.add(new Change(Action.REPLACE, b.kind(), b.resourceId(), key,
              "its target group changed and spec.targetGroupARN is immutable", Risk.REPLACEMENT,
              "its targets are deregistered from the old target group", diff,
              List.of(Step.of("k8s:DeleteTargetGroupBinding", del), Step.of("k8s:CreateTargetGroupBinding", object))));
        } else {
          changes.add(new Change(Action.MODIFY, b.kind(), b.resourceId(), key, describe(diff), Risk.NONE, null, diff,
              List.of(Step.of("k8s:ReplaceTargetGroupBinding", object))));
        }
      }
      for (var e : have.entrySet()) {
        if (!kept.contains(e.getKey())) {
          changes.add(deleteBinding(e.getValue(), "no longer wanted by the group"));
        }
      }
    }

    static Change deleteBinding(ObservedResource b, String reason) {
      ObjectNode del = obj();
      String[] nn = b.id().split("/", 2);
      del.put("namespace", nn[0]);
      del.put("name", nn[1]);
      return new Change(Action.DELETE, TargetGroupBindingIntent.KIND, null, b.id(), reason, Risk.DELETION,
          "its targets are deregistered", List.of(), List.of(Step.post("k8s:DeleteTargetGroupBinding", del)));
    }

    static ObjectNode bindingObject(TargetGroupBindingIntent b) {
      ObjectNode o = obj();
      o.put("apiVersion", TGB_API_VERSION);
      o.put("kind", "TargetGroupBinding");
      ObjectNode meta = o.putObject("metadata");
      meta.put("name", b.name());
      meta.put("namespace", b.namespace());
      meta.set("labels", DesiredJson.JSON.valueToTree(b.labels() == null ? Map.of() : new TreeMap<>(b.labels())));
      o.set("spec", DesiredJson.JSON.valueToTree(b.spec()));
      return o;
    }

    // ---- add-ons --------------------------------------------------------------------------

    void addons(List<AddonIntent> addons, ObservedResource keptLb) {
      JsonNode lbArn = keptLb != null ? obj().textNode(keptLb.id()) : ref(LoadBalancerIntent.RESOURCE_ID);
      for (AddonIntent a : addons) {
        if (AddonIntent.WAFV2.equals(a.kind())) {
          String want = a.webAclArn() == null ? "" : a.webAclArn();
          String have = keptLb == null ? "" : observed.webAcls().getOrDefault(keptLb.id(), "");
          if (want.equals(have)) {
            continue;
          }
          if (want.isEmpty()) {
            ObjectNode req = obj();
            req.set("ResourceArn", lbArn);
            changes.add(new Change(Action.DELETE, a.kind(), a.resourceId(), have,
                "wafv2-acl-arn is none: the web ACL is disassociated", Risk.DELETION,
                "the load balancer is no longer protected by the web ACL", List.of(),
                List.of(Step.of("wafv2:DisassociateWebACL", req))));
          } else {
            ObjectNode req = obj();
            req.put("WebACLArn", want);
            req.set("ResourceArn", lbArn);
            changes.add(new Change(have.isEmpty() ? Action.CREATE : Action.MODIFY, a.kind(), a.resourceId(), want,
                have.isEmpty() ? "not associated" : "associated with " + have, Risk.NONE, null,
                have.isEmpty() ? List.of() : List.of(new FieldDiff("WebACLArn", have, want)),
                List.of(Step.of("wafv2:AssociateWebACL", req))));
          }
        } else if (AddonIntent.SHIELD.equals(a.kind())) {
          if (!Boolean.TRUE.equals(observed.shieldActive())) {
            notes.add("Shield Advanced protection not managed: the account has no active Shield Advanced subscription");
            continue;
          }
          boolean want = Boolean.TRUE.equals(a.enabled());
          String have = keptLb == null ? "" : observed.shieldProtections().getOrDefault(keptLb.id(), "");
          if (want && have.isEmpty()) {
            ObjectNode req = obj();
            req.put("Name", SHIELD_PROTECTION_NAME);
            req.set("ResourceArn", lbArn);
            changes.add(new Change(Action.CREATE, a.kind(), a.resourceId(), SHIELD_PROTECTION_NAME,
                "shield-advanced-protection is true", Risk.NONE, null, List.of(),
                List.of(Step.of("shield:CreateProtection", req))));
          } else if (!want && !have.isEmpty()) {
            ObjectNode req = obj();
            req.put("ProtectionId", have);
            changes.add(new Change(Action.DELETE, a.kind(), a.resourceId(), have,
                "shield-advanced-protection is false", Risk.DELETION, "the load balancer loses Shield Advanced protection",
                List.of(), List.of(Step.of("shield:DeleteProtection", req))));
          }
        }
      }
    }

    // ---- deletion of a whole group --------------------------------------------------------

    GroupChanges deleteAll() {
      if (!observed.conflicts().isEmpty()) {
        return GroupChanges.blocked(groupId, observed.conflicts());
      }
      for (ObservedResource lb : observed.loadBalancers()) {
        if (lb.attributes() != null && "true".equals(lb.attributes().get(DELETION_PROTECTION))) {
          errors.add("deletion_protection is enabled, cannot delete the load balancer " + lb.name() + " (" + lb.id()
              + "): turn it off first (load-balancer-attributes deletion_protection.enabled=false)");
        }
      }
      if (observed.bindings() != null) {
        observed.bindings().stream().sorted(Comparator.comparing(ObservedResource::id))
            .forEach(b -> changes.add(deleteBinding(b, "the group is deleted")));
      } else if (!options.manageBindings()) {
        notes.add("TargetGroupBindings not deleted: no cluster (--kubeconfig)");
      }
      for (ObservedResource lb : observed.loadBalancers()) {
        String p = observed.shieldProtections().getOrDefault(lb.id(), "");
        if (!p.isEmpty()) {
          ObjectNode req = obj();
          req.put("ProtectionId", p);
          changes.add(new Change(Action.DELETE, AddonIntent.SHIELD, "ShieldProtection", p, "the group is deleted",
              Risk.DELETION, null, List.of(), List.of(Step.of("shield:DeleteProtection", req))));
        }
      }
      observed.loadBalancers().forEach(lb -> changes.add(deleteLoadBalancer(lb, "the group is deleted")));
      observed.targetGroups().forEach(g -> changes.add(new Change(Action.DELETE, TargetGroupIntent.KIND,
          g.resourceTag(), g.name(), "the group is deleted", Risk.DELETION, "its targets are deregistered", List.of(),
          List.of(deleteTargetGroupStep(g)))));
      observed.securityGroups().forEach(g -> deleteSecurityGroup(g, "the group is deleted"));
      ObservedResource backend = observed.backendSecurityGroup();
      if (backend != null && options.deleteBackendSecurityGroup()) {
        ObjectNode req = obj();
        req.put("GroupId", backend.id());
        changes.add(new Change(Action.DELETE, SecurityGroupIntent.KIND, SecurityGroupIntent.BACKEND,
            backend.name() + " (" + backend.id() + ")", "no other load balancer of the cluster uses it", Risk.DELETION,
            null, List.of(), List.of(Step.post("ec2:DeleteSecurityGroup", req))));
      }
      return result();
    }

    // ---- shared helpers ---------------------------------------------------------------------

    List<Step> elbTags(Map<String, String> desired, ObservedResource o, List<FieldDiff> diff) {
      TagDiff t = TagDiff.of(desired, o.tags());
      List<Step> steps = new ArrayList<>();
      if (t.isEmpty()) {
        return steps;
      }
      diff.add(t.field());
      if (!t.add().isEmpty()) {
        ObjectNode req = obj();
        req.putArray("ResourceArns").add(o.id());
        req.set("Tags", tagList(t.add()));
        steps.add(Step.of("elbv2:AddTags", req));
      }
      if (!t.remove().isEmpty()) {
        ObjectNode req = obj();
        req.putArray("ResourceArns").add(o.id());
        ArrayNode keys = req.putArray("TagKeys");
        t.remove().forEach(keys::add);
        steps.add(Step.of("elbv2:RemoveTags", req));
      }
      return steps;
    }

    /** Desired attributes whose value differs from AWS's (unknown AWS values count as different). */
    static Map<String, String> attributeChanges(Map<String, String> want, Map<String, String> have,
        Map<String, String> defaults, List<FieldDiff> diff) {
      Map<String, String> out = new TreeMap<>();
      if (want == null) {
        return out;
      }
      new TreeMap<>(want).forEach((k, v) -> {
        String h = have == null ? null : have.get(k);
        // a key AWS leaves out of what it reported is at its default; unread attributes differ
        if (!AwsEquivalence.sameAttribute(k, v, h, have == null ? Map.of() : defaults)) {
          out.put(k, v);
          diff.add(new FieldDiff("Attributes." + k, h == null ? "(not set)" : h, v));
        }
      });
      return out;
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  static ObjectNode obj() {
    return JsonMatch.F.objectNode();
  }

  static ObjectNode ref(String id) {
    ObjectNode r = obj();
    r.put("$ref", id);
    return r;
  }

  /** An intent as its plan JSON, without ResourceId and Kind. */
  static ObjectNode json(Intent i) {
    ObjectNode n = (ObjectNode) DesiredJson.JSON.valueToTree(i);
    n.remove("ResourceId");
    n.remove("Kind");
    return n;
  }

  static ArrayNode tagList(Map<String, String> tags) {
    ArrayNode a = JsonMatch.F.arrayNode();
    if (tags != null) {
      new TreeMap<>(tags).forEach((k, v) -> {
        ObjectNode t = a.addObject();
        t.put("Key", k);
        t.put("Value", v);
      });
    }
    return a;
  }

  static ArrayNode attributeList(Map<String, String> attrs) {
    ArrayNode a = JsonMatch.F.arrayNode();
    new TreeMap<>(attrs).forEach((k, v) -> {
      ObjectNode t = a.addObject();
      t.put("Key", k);
      t.put("Value", v);
    });
    return a;
  }

  /** A short reason from diffs: {@code HealthCheckPath /healthz → /ready; tags differ}. */
  static String describe(List<FieldDiff> diff) {
    List<String> parts = new ArrayList<>();
    for (FieldDiff d : diff) {
      if (d.field().equals("Tags")) {
        parts.add("tags differ");
      } else {
        parts.add(d.field() + " " + d.from() + " → " + d.to());
      }
    }
    return String.join("; ", parts);
  }

  /** Tags to add or change, and tag keys to remove ({@code aws:} keys are never touched). */
  record TagDiff(Map<String, String> add, List<String> remove, Map<String, String> from, Map<String, String> to) {
    static TagDiff of(Map<String, String> desired, Map<String, String> observed) {
      Map<String, String> want = desired == null ? Map.of() : desired;
      Map<String, String> add = new TreeMap<>();
      want.forEach((k, v) -> {
        if (!Objects.equals(observed.get(k), v)) {
          add.put(k, v);
        }
      });
      List<String> remove = new ArrayList<>();
      new TreeMap<>(observed).forEach((k, v) -> {
        if (!want.containsKey(k) && !k.startsWith("aws:")) {
          remove.add(k);
        }
      });
      return new TagDiff(add, remove, observed, want);
    }

    boolean isEmpty() {
      return add.isEmpty() && remove.isEmpty();
    }

    FieldDiff field() {
      List<String> from = new ArrayList<>();
      List<String> to = new ArrayList<>();
      add.forEach((k, v) -> {
        if (this.from.containsKey(k)) {
          from.add(k + "=" + this.from.get(k));
        }
        to.add(k + "=" + v);
      });
      remove.forEach(k -> from.add(k + "=" + this.from.get(k)));
      return new FieldDiff("Tags", String.join(",", from), String.join(",", to));
    }
  }

  /** One security group permission atom: protocol, ports and one source. */
  record Perm(String protocol, int from, int to, String sourceType, String source) implements Comparable<Perm> {
    static List<Perm> of(JsonNode p) {
      String proto = AwsEquivalence.ipProtocol(p.path("IpProtocol").asText());
      int from = p.path("FromPort").asInt(-1);
      int to = p.path("ToPort").asInt(-1);
      List<Perm> out = new ArrayList<>();
      p.path("IpRanges").forEach(r -> out.add(new Perm(proto, from, to, "IpRanges", r.path("CidrIp").asText())));
      p.path("Ipv6Ranges").forEach(r -> out.add(new Perm(proto, from, to, "Ipv6Ranges", r.path("CidrIpv6").asText())));
      p.path("PrefixListIds").forEach(r -> out.add(new Perm(proto, from, to, "PrefixListIds",
          r.path("PrefixListId").asText())));
      p.path("UserIdGroupPairs").forEach(r -> out.add(new Perm(proto, from, to, "UserIdGroupPairs",
          r.path("GroupId").asText())));
      return out;
    }

    static ArrayNode toJson(Set<Perm> perms) {
      ArrayNode a = JsonMatch.F.arrayNode();
      for (Perm p : perms) {
        ObjectNode o = a.addObject();
        o.put("IpProtocol", p.protocol());
        o.put("FromPort", p.from());
        o.put("ToPort", p.to());
        ObjectNode src = o.putArray(p.sourceType()).addObject();
        switch (p.sourceType()) {
          case "IpRanges" -> src.put("CidrIp", p.source());
          case "Ipv6Ranges" -> src.put("CidrIpv6", p.source());
          case "PrefixListIds" -> src.put("PrefixListId", p.source());
          default -> src.put("GroupId", p.source());
        }
      }
      return a;
    }

    static String show(Set<Perm> perms) {
      List<String> s = new ArrayList<>();
      perms.forEach(p -> s.add(p.protocol() + "/" + (p.from() == p.to() ? String.valueOf(p.from()) : p.from() + "-" + p.to())
          + " from " + p.source()));
      return s.isEmpty() ? "(none)" : String.join(", ", s);
    }

    @Override
    public int compareTo(Perm o) {
      return Comparator.comparing(Perm::protocol).thenComparingInt(Perm::from).thenComparingInt(Perm::to)
          .thenComparing(Perm::sourceType).thenComparing(Perm::source).compare(this, o);
    }
  }

}
