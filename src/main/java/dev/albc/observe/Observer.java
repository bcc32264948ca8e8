package dev.albc.observe;

import static dev.albc.observe.StackLookup.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.aws.AwsErrors;
import dev.albc.aws.SdkJson;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.StackLookup.Found;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Reads one stack's existing resources with as few calls as the APIs allow (docs/apply.md, "How
 * albc finds what it made"), in the steps {@link #observe} lists:
 *
 * <ol>
 *   <li>the wanted load balancer and target groups by their deterministic names (read-after-create
 *       consistent, so a resource albc has just created is never created twice);
 *   <li>the stack's other load balancers and target groups (stale: an old scheme, a removed path)
 *       by the tagging API ({@code GetResources} with the cluster and stack tag filters), then
 *       described by ARN. When the account denies that API, the VPC's load balancers and target
 *       groups are listed — every one of the region, the only listing the observer makes — with
 *       their tags, once per run ({@link ObservationCache}), and each stack is filtered from that;
 *   <li>ownership by the tags ({@code DescribeTags}, 20 ARNs a call): a wanted name held by a
 *       resource of another stack is a conflict, never adopted;
 *   <li>the listeners of the load balancer that is kept, their rules and certificates;
 *   <li>attributes, only where the stack sets some (or, deleting, for the deletion protection); the
 *       capacity reservation of the kept load balancer when the stack sets one;
 *   <li>the stack's security groups (the shared backend one once per run);
 *   <li>WAFv2 and Shield, only when the stack wants them; the TargetGroupBindings, with a cluster;
 *   <li>with the gate EnableCertificateManagement, the stack's ACM certificates (by their tags).
 * </ol>
 *
 * Each step returns data; what a run reads once lives in the caller's {@link ObservationCache}. In
 * the controller, a group's first observation after a start takes steps 1, 2, 3 (load balancers
 * and target groups) and 6 from the {@link ClusterSnapshot} read for every group at once, where it
 * may (step 0; docs/controller.md "AWS reads after a start"); a deletion never does.
 */
public final class Observer {
  static final String LEGACY_CLUSTER_TAG = "ingress.k8s.aws/cluster";
  static final String BACKEND_SG_TAG = "elbv2.k8s.aws/resource";
  /** The member of a load balancer's body that holds its DescribeCapacityReservation response. */
  public static final String CAPACITY_RESERVATION = "CapacityReservation";

  private final AwsReads aws;
  private final String clusterName;
  private final String vpcId;
  private final BindingClient bindings;
  private final StackLookup lookup;
  private boolean certificates;

  public Observer(AwsReads aws, String clusterName, String vpcId, BindingClient bindings) {
    this.aws = aws;
    this.lookup = new StackLookup(aws, vpcId);
    this.clusterName = clusterName;
    this.vpcId = vpcId;
    this.bindings = bindings;
  }

  /**
   * Reads the stack's ACM certificates too (the gate EnableCertificateManagement is on: albc
   * requests and deletes certificates; certificates.drl).
   */
  public Observer withCertificates(boolean on) {
    this.certificates = on;
    return this;
  }

  /** True when TargetGroupBindings are read (a cluster is connected). */
  public boolean readsBindings() {
    return bindings != null;
  }

  /** Stack tags a resource of this stack carries. */
  public Map<String, String> stackTags(String groupId) {
    return Map.of(ObservedResource.CLUSTER_TAG, clusterName, ObservedResource.STACK_TAG, groupId);
  }

  /**
   * What a group's intents ask the observer to read; no intent at all: the group is being deleted.
   * {@code lb} is the ALB, {@code nlb} the frontend NLB in front of it (or null).
   */
  record Wanted(LoadBalancerIntent lb, LoadBalancerIntent nlb, List<TargetGroupIntent> targetGroups,
      boolean backendSg, boolean waf, boolean shield, boolean deleting) {
    static Wanted of(List<Intent> desired) {
      LoadBalancerIntent lb = null;
      LoadBalancerIntent nlb = null;
      List<TargetGroupIntent> tgs = new ArrayList<>();
      boolean backend = false;
      boolean waf = false;
      boolean shield = false;
      for (Intent i : desired) {
        if (i instanceof LoadBalancerIntent l && LoadBalancerIntent.RESOURCE_ID.equals(l.resourceId())) {
          lb = l;
        } else if (i instanceof LoadBalancerIntent l) {
          nlb = l;
        } else if (i instanceof TargetGroupIntent t) {
          tgs.add(t);
        } else if (i instanceof SecurityGroupIntent s && SecurityGroupIntent.BACKEND.equals(s.id())) {
          backend = true;
        } else if (i instanceof dev.albc.intents.AddonIntent a) {
          waf |= dev.albc.intents.AddonIntent.WAFV2.equals(a.kind());
          shield |= dev.albc.intents.AddonIntent.SHIELD.equals(a.kind());
        }
      }
      return new Wanted(lb, nlb, tgs, backend, waf, shield, desired.isEmpty());
    }
  }

  /** The kept load balancer's listeners and their non-default rules. */
  record Listeners(List<ObservedResource> listeners, List<ObservedResource> rules) {
    List<String> arns() {
      List<String> out = new ArrayList<>();
      for (ObservedResource l : listeners) {
        out.add(l.id());
        rules.stream().filter(r -> r.parent().equals(l.id())).forEach(r -> out.add(r.id()));
      }
      return out;
    }
  }

  /** The WAFv2 and Shield state of the stack's load balancers. */
  record Addons(Map<String, String> webAcls, Map<String, String> protections, Boolean shieldActive) {}

  /**
   * The stack's resources. {@code desired} are the group's intents (empty: the group is being
   * deleted, everything tagged for it is read); {@code cache} is the run's.
   */
  public ObservedStack observe(String groupId, List<Intent> desired, ObservationCache cache) {
    Wanted want = Wanted.of(desired);
    ClusterSnapshot snap = want.deleting() ? null : cache.snapshotFor(groupId);             // 0
    Found byName = lookup.byName(want, snap);                                                // 1
    Map<String, Map<String, String>> tagged = snap != null ? snap.tagged(stackTags(groupId))
        : lookup.taggedArns(stackTags(groupId), "the resources tagged for stack " + groupId, cache); // 2
    Found found = lookup.withTagged(byName, tagged.keySet(), snap);
    found.loadBalancers().values().forEach(lb -> cache.loadBalancerSeen(lb.loadBalancerArn(), lb.dnsName()));
    Map<String, Map<String, String>> tags = new HashMap<>(tagged);
    tags.putAll(lookup.tags(untagged(found, tags), snap));                                   // 3
    List<String> conflicts = new ArrayList<>();
    List<ObservedResource> lbs = owned(groupId, loadBalancers(found, tags), conflicts);
    ObservedResource kept = Matching.keptLoadBalancer(want.lb(), lbs);
    ObservedResource keptNlb = Matching.keptLoadBalancer(want.nlb(), lbs);
    Listeners listeners = kept == null ? new Listeners(List.of(), List.of())
        : listenersAndRules(kept, attributePorts(desired));                                 // 4
    if (keptNlb != null) {
      listeners = new Listeners(concat(listeners.listeners(), listenersAndRules(keptNlb, java.util.Set.of(), false)
          .listeners()), listeners.rules());
    }
    tags.putAll(lookup.tags(listeners.arns()));
    List<ObservedResource> tgs = owned(groupId, targetGroups(found, tags), conflicts);
    List<ObservedResource> lbsRead = withCapacityReservation(
        withLoadBalancerAttributes(lbs, kept, keptNlb, want), kept, want);                   // 5
    List<ObservedResource> tgsRead = withRegisteredTargets(withTargetGroupAttributes(tgs, want));
    List<ObservedResource> sgs = snap != null && !snap.securityGroups(groupId).isEmpty()
        ? snap.securityGroups(groupId) : stackSecurityGroups(groupId);                       // 6
    ObservedResource backend = want.backendSg() || want.deleting() ? backendSecurityGroup(cache, snap) : null;
    Addons addons = addons(want, kept, lbs, cache);                                          // 7
    List<ObservedResource> tgbs = bindings == null ? null : bindings.list(bindingLabels(groupId, desired));
    List<ObservedResource> certs = certificates ? stackCertificates(groupId, cache) : null;  // 8
    return new ObservedStack(groupId, lbsRead, withTags(listeners.listeners(), tags),
        withTags(listeners.rules(), tags), tgsRead, sgs, backend, addons.webAcls(), addons.protections(),
        addons.shieldActive(), tgbs, conflicts, certs);
  }

  /**
   * 8. The stack's ACM certificates: every certificate of the region ({@code ListCertificates})
   * whose tags ({@code ListTagsForCertificate}, one call each, kept by the run's {@code cache} and
   * across runs for a minute) carry the cluster and stack tags, as the reference's certificate
   * synthesizer finds them. A failed read fails the observation: a certificate is never deleted
   * because a list came back short.
   */
  List<ObservedResource> stackCertificates(String groupId, ObservationCache cache) {
    List<ObservedResource> out = new ArrayList<>();
    for (var c : call("ListCertificates", "the certificates of stack " + groupId, aws::certificates)) {
      Map<String, String> tags = cache.certificateTags(c.certificateArn(), () -> call("ListTagsForCertificate",
          c.certificateArn(), () -> aws.certificateTags(c.certificateArn())));
      if (owned(tags, groupId)) {
        out.add(new ObservedResource(dev.albc.intents.CertificateIntent.KIND, c.certificateArn(), c.domainName(),
            tags, SdkJson.toJson(c), null, null));
      }
    }
    out.sort(Comparator.comparing(ObservedResource::id));
    return out;
  }

  /**
   * Every load balancer, target group and security group tagged for the cluster, for the groups'
   * first observations after a start ({@link ClusterSnapshot}); any failed call throws
   * {@link dev.albc.aws.AwsCallException} and there is no snapshot.
   */
  public ClusterSnapshot snapshot(java.time.Instant takenAt) {
    Map<String, Map<String, String>> tags = call("GetResources", "the resources tagged for cluster " + clusterName,
        () -> aws.taggedLoadBalancersAndTargetGroups(Map.of(ObservedResource.CLUSTER_TAG, clusterName)));
    Found found = lookup.withTagged(new Found(Map.of(), Map.of()), tags.keySet(), null);
    List<ObservedResource> sgs = securityGroups(List.of(filter("vpc-id", vpcId),
        filter("tag:" + ObservedResource.CLUSTER_TAG, clusterName)), "the security groups of cluster " + clusterName);
    return new ClusterSnapshot(takenAt, tags, found.loadBalancers(), found.targetGroups(), sgs);
  }

  /**
   * Load balancers and target groups whose tags include {@code filters}, by ARN with their tags:
   * one {@code GetResources} call, or, when the account denies the tagging API, filtered from the
   * run's listing of the VPC (read once per run into {@code cache}).
   */
  public Map<String, Map<String, String>> taggedArns(Map<String, String> filters, String what,
      ObservationCache cache) {
    return lookup.taggedArns(filters, what, cache);
  }

  // ---- 3. ownership -------------------------------------------------------------------------------

  private static List<String> untagged(Found found, Map<String, Map<String, String>> tags) {
    List<String> out = new ArrayList<>();
    found.loadBalancers().keySet().stream().filter(a -> !tags.containsKey(a)).forEach(out::add);
    found.targetGroups().keySet().stream().filter(a -> !tags.containsKey(a)).forEach(out::add);
    return out;
  }

  private static List<ObservedResource> loadBalancers(Found found, Map<String, Map<String, String>> tags) {
    return found.loadBalancers().values().stream().map(lb -> new ObservedResource(LoadBalancerIntent.KIND,
        lb.loadBalancerArn(), lb.loadBalancerName(), tags.getOrDefault(lb.loadBalancerArn(), Map.of()),
        SdkJson.toJson(lb), null, null)).toList();
  }

  private static List<ObservedResource> targetGroups(Found found, Map<String, Map<String, String>> tags) {
    return found.targetGroups().values().stream().map(tg -> new ObservedResource(TargetGroupIntent.KIND,
        tg.targetGroupArn(), tg.targetGroupName(), tags.getOrDefault(tg.targetGroupArn(), Map.of()),
        SdkJson.toJson(tg), null, null)).toList();
  }

  /** The resources tagged for the stack; each other one is a conflict (it holds a wanted name). */
  List<ObservedResource> owned(String groupId, List<ObservedResource> found, List<String> conflicts) {
    List<ObservedResource> out = new ArrayList<>();
    for (ObservedResource r : found) {
      if (owned(r.tags(), groupId)) {
        out.add(r);
      } else {
        String what = r.kind().equals(LoadBalancerIntent.KIND) ? "load balancer " : "target group ";
        conflicts.add(what + r.name() + " (" + r.id() + ") exists but is not tagged for stack " + groupId
            + " of cluster " + clusterName + " (" + ownerOf(r.tags()) + ")");
      }
    }
    return out;
  }

  boolean owned(Map<String, String> tags, String groupId) {
    String cluster = tags.containsKey(ObservedResource.CLUSTER_TAG)
        ? tags.get(ObservedResource.CLUSTER_TAG) : tags.get(LEGACY_CLUSTER_TAG);
    return clusterName.equals(cluster) && groupId.equals(tags.get(ObservedResource.STACK_TAG));
  }

  private static String ownerOf(Map<String, String> tags) {
    String c = tags.getOrDefault(ObservedResource.CLUSTER_TAG, tags.get(LEGACY_CLUSTER_TAG));
    String s = tags.get(ObservedResource.STACK_TAG);
    if (c == null && s == null) {
      return "no albc or AWS Load Balancer Controller tags";
    }
    return "cluster " + c + ", stack " + s;
  }

  // ---- 4. listeners and rules ---------------------------------------------------------------------

  /** The ports of the listeners that want listener attributes (only theirs are read). */
  static java.util.Set<Integer> attributePorts(List<Intent> desired) {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    for (Intent i : desired) {
      if (i instanceof ListenerIntent l && l.attributes() != null && !l.attributes().isEmpty()) {
        out.add(l.port());
      }
    }
    return out;
  }

  Listeners listenersAndRules(ObservedResource kept) {
    return listenersAndRules(kept, java.util.Set.of());
  }

  Listeners listenersAndRules(ObservedResource kept, java.util.Set<Integer> attributePorts) {
    return listenersAndRules(kept, attributePorts, true);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * The kept load balancer's listeners (certificates of HTTPS and TLS ones; attributes of those on
   * {@code attributePorts}) and, with {@code withRules} (an ALB), their rules.
   */
  Listeners listenersAndRules(ObservedResource kept, java.util.Set<Integer> attributePorts, boolean withRules) {
    List<ObservedResource> listeners = new ArrayList<>();
    List<ObservedResource> rules = new ArrayList<>();
    for (Listener l : call("DescribeListeners", "the listeners of " + kept.name(), () -> aws.listeners(kept.id()))) {
      String where = "listener " + l.port() + " of " + kept.name();
      List<Certificate> certs = "HTTPS".equals(l.protocolAsString()) || "TLS".equals(l.protocolAsString())
          ? call("DescribeListenerCertificates", where, () -> aws.listenerCertificates(l.listenerArn()))
          : null;
      Map<String, String> attrs = attributePorts.contains(l.port())
          ? call("DescribeListenerAttributes", where, () -> aws.listenerAttributes(l.listenerArn()))
          : null;
      listeners.add(new ObservedResource(ListenerIntent.KIND, l.listenerArn(), String.valueOf(l.port()), null,
          listenerBody(l, certs), attrs, kept.id()));
      for (Rule r : withRules ? call("DescribeRules", "the rules of " + where, () -> aws.rules(l.listenerArn()))
          : List.<Rule>of()) {
        if (!Boolean.TRUE.equals(r.isDefault())) {
          rules.add(new ObservedResource(ListenerRuleIntent.KIND, r.ruleArn(), r.priority(), null,
              SdkJson.toJson(r), null, l.listenerArn()));
        }
      }
    }
    return new Listeners(listeners, rules);
  }

  /**
   * A listener as JSON; with its certificates read ({@code certs} not null): the default one as
   * {@code Certificates}, the others as {@code SniCertificates} (AWS lists the default one in both).
   */
  static ObjectNode listenerBody(Listener l, List<Certificate> certs) {
    ObjectNode body = SdkJson.toJson(l);
    if (certs == null) {
      return body;
    }
    ArrayNode def = body.arrayNode();
    ArrayNode sni = body.arrayNode();
    for (Certificate c : certs) {
      (Boolean.TRUE.equals(c.isDefault()) ? def : sni).addObject().put("CertificateArn", c.certificateArn());
    }
    if (!def.isEmpty()) {
      body.set("Certificates", def);
    }
    ArrayNode others = body.arrayNode();
    for (var c : sni) {
      boolean isDefault = false;
      for (var d : def) {
        isDefault |= d.path("CertificateArn").asText().equals(c.path("CertificateArn").asText());
      }
      if (!isDefault) {
        others.add(c);
      }
    }
    body.set("SniCertificates", others);
    return body;
  }

  private static List<ObservedResource> withTags(List<ObservedResource> rs, Map<String, Map<String, String>> tags) {
    return rs.stream().map(r -> r.withTags(tags.getOrDefault(r.id(), Map.of()))).toList();
  }

  // ---- 5. attributes --------------------------------------------------------------------------------

  /**
   * Attributes of a kept load balancer (the ALB, the frontend NLB) when the stack sets some, of any
   * other (it goes: its deletion protection), all deleting.
   */
  List<ObservedResource> withLoadBalancerAttributes(List<ObservedResource> lbs, ObservedResource kept,
      ObservedResource keptNlb, Wanted want) {
    LoadBalancerIntent lb = want.lb();
    return lbs.stream().map(o -> {
      boolean isAlb = kept != null && o.id().equals(kept.id());
      boolean isNlb = keptNlb != null && o.id().equals(keptNlb.id());
      LoadBalancerIntent d = isAlb ? lb : isNlb ? want.nlb() : null;
      boolean wants = d != null && d.attributes() != null && !d.attributes().isEmpty();
      boolean read = want.deleting() || wants || (!isAlb && !isNlb && lb != null);
      return read ? o.withAttributes(call("DescribeLoadBalancerAttributes", "load balancer " + o.name(),
          () -> aws.loadBalancerAttributes(o.id()))) : o;
    }).toList();
  }

  /**
   * The kept load balancer's capacity reservation, only when the intent sets one (the reference
   * describes it only then): the response goes into the body as {@code CapacityReservation}.
   */
  List<ObservedResource> withCapacityReservation(List<ObservedResource> lbs, ObservedResource kept, Wanted want) {
    if (kept == null || want.lb() == null || want.lb().capacityUnits() == null) {
      return lbs;
    }
    return lbs.stream().map(o -> {
      if (!o.id().equals(kept.id())) {
        return o;
      }
      ObjectNode body = o.body().deepCopy();
      body.set(CAPACITY_RESERVATION, call("DescribeCapacityReservation", "load balancer " + o.name(),
          () -> aws.capacityReservation(o.id())));
      return o.withBody(body);
    }).toList();
  }

  /** Attributes of the target groups whose intent sets some. */
  List<ObservedResource> withTargetGroupAttributes(List<ObservedResource> tgs, Wanted want) {
    Map<String, TargetGroupIntent> byId = new HashMap<>();
    want.targetGroups().forEach(t -> byId.put(t.id(), t));
    return tgs.stream().map(tg -> {
      TargetGroupIntent t = byId.get(tg.resourceTag());
      return t != null && t.attributes() != null && !t.attributes().isEmpty()
          ? tg.withAttributes(call("DescribeTargetGroupAttributes", "target group " + tg.name(),
              () -> aws.targetGroupAttributes(tg.id())))
          : tg;
    }).toList();
  }

  /**
   * Target groups of type alb with their registered targets as {@code Targets} (a frontend NLB's:
   * albc registers the ALB in them itself), wanted or not (a stale one is deregistered first).
   */
  List<ObservedResource> withRegisteredTargets(List<ObservedResource> tgs) {
    return tgs.stream().map(tg -> {
      if (!"alb".equals(tg.text("TargetType"))) {
        return tg;
      }
      ObjectNode body = tg.body().deepCopy();
      ArrayNode targets = body.putArray("Targets");
      call("DescribeTargetHealth", "target group " + tg.name(), () -> aws.registeredTargets(tg.id()))
          .forEach(t -> targets.addObject().put("Id", t.id()).put("Port", t.port() == null ? 0 : t.port()));
      return tg.withBody(body);
    }).toList();
  }

  // ---- 6. security groups -----------------------------------------------------------------------------

  List<ObservedResource> stackSecurityGroups(String groupId) {
    return securityGroups(List.of(filter("vpc-id", vpcId), filter("tag:" + ObservedResource.CLUSTER_TAG, clusterName),
        filter("tag:" + ObservedResource.STACK_TAG, groupId)), "the security groups of stack " + groupId);
  }

  /** The cluster's shared backend security group (tags cluster + resource=backend-sg), once per run. */
  public ObservedResource backendSecurityGroup(ObservationCache cache) {
    return backendSecurityGroup(cache, null);
  }

  /** As {@link #backendSecurityGroup(ObservationCache)}, taken from the {@code snapshot} when it holds it. */
  ObservedResource backendSecurityGroup(ObservationCache cache, ClusterSnapshot snapshot) {
    ObservedResource known = snapshot == null ? null : snapshot.backendSecurityGroup();
    return cache.backendSecurityGroup(() -> {
      if (known != null) {
        return known;
      }
      List<ObservedResource> found = securityGroups(List.of(filter("vpc-id", vpcId),
          filter("tag:" + ObservedResource.CLUSTER_TAG, clusterName), filter("tag:" + BACKEND_SG_TAG, "backend-sg")),
          "the backend security group of cluster " + clusterName);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  private List<ObservedResource> securityGroups(List<Filter> filters, String what) {
    List<ObservedResource> out = new ArrayList<>();
    for (SecurityGroup g : call("DescribeSecurityGroups", what, () -> aws.securityGroups(filters))) {
      Map<String, String> t = new java.util.TreeMap<>();
      g.tags().forEach(x -> t.put(x.key(), x.value()));
      out.add(new ObservedResource(SecurityGroupIntent.KIND, g.groupId(), g.groupName(), t, SdkJson.toJson(g),
          null, null));
    }
    out.sort(Comparator.comparing(ObservedResource::id));
    return out;
  }

  // ---- 7. add-ons and bindings ------------------------------------------------------------------------

  /** The kept load balancer's web ACL when one is wanted; Shield protections when wanted or deleting. */
  Addons addons(Wanted want, ObservedResource kept, List<ObservedResource> owned, ObservationCache cache) {
    Map<String, String> webAcls = new HashMap<>();
    Map<String, String> protections = new HashMap<>();
    Boolean shield = null;
    if (kept != null && want.waf()) {
      webAcls.put(kept.id(), call("GetWebACLForResource", "load balancer " + kept.name(),
          () -> orNone(() -> aws.webAclArn(kept.id()), "WAFNonexistentItemException")));
    }
    if (want.shield() || (want.deleting() && !owned.isEmpty())) {
      shield = cache.shieldActive(() -> call("GetSubscriptionState", "the Shield Advanced subscription",
          () -> "ACTIVE".equals(aws.shieldSubscriptionState())));
      if (shield) {
        for (ObservedResource lb : want.deleting() ? owned : kept == null ? List.<ObservedResource>of() : List.of(kept)) {
          protections.put(lb.id(), call("DescribeProtection", "load balancer " + lb.name(),
              () -> orNone(() -> aws.shieldProtectionId(lb.id()), "ResourceNotFoundException")));
        }
      }
    }
    return new Addons(webAcls, protections, shield);
  }

  /** The value, or "" when there is none (null, or the error {@code notFound}). */
  private static String orNone(Supplier<String> read, String notFound) {
    try {
      String v = read.get();
      return v == null ? "" : v;
    } catch (RuntimeException e) {
      if (AwsErrors.is(e, notFound)) {
        return "";
      }
      throw e;
    }
  }

  /** The labels of the stack's bindings: the intents' labels, else the reference's stack labels. */
  static Map<String, String> bindingLabels(String groupId, List<Intent> desired) {
    for (Intent i : desired) {
      if (i instanceof TargetGroupBindingIntent b && b.labels() != null && !b.labels().isEmpty()) {
        return b.labels();
      }
    }
    int slash = groupId.indexOf('/');
    if (slash > 0) {
      return Map.of("ingress.k8s.aws/stack-namespace", groupId.substring(0, slash),
          "ingress.k8s.aws/stack-name", groupId.substring(slash + 1));
    }
    return Map.of("ingress.k8s.aws/stack", groupId);
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }

}
