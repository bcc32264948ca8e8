package dev.albc.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsErrors;
import dev.albc.aws.AwsSession;
import dev.albc.aws.SdkJson;
import dev.albc.intents.AddonIntent;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * Reads one stack's existing resources with as few calls as the APIs allow, never a listing of
 * every load balancer or target group of the region:
 *
 * <ol>
 *   <li>the wanted load balancer and target groups by their deterministic names
 *       ({@code DescribeLoadBalancers Names=[…]}, {@code DescribeTargetGroups Names=[…]}, 20 names
 *       a call) — read-after-create consistent, so a resource albc has just created is never
 *       created twice;
 *   <li>the stack's other load balancers and target groups (stale: an old scheme, a removed path)
 *       by the Resource Groups Tagging API ({@code GetResources} with the cluster and stack tag
 *       filters, one call), then described by ARN;
 *   <li>ownership confirmed by the tags ({@code DescribeTags}, 20 ARNs a call, together with the
 *       listeners' and rules' tags); a wanted name held by a resource of another stack is a
 *       conflict, never adopted;
 *   <li>{@code DescribeListeners} of the load balancer that is kept, {@code DescribeRules} per
 *       listener, {@code DescribeListenerCertificates} per HTTPS listener;
 *   <li>{@code DescribeSecurityGroups} filtered by vpc-id and the stack tags (the shared backend
 *       group by its own tags, once per run);
 *   <li>attributes, WAFv2 and Shield only when the stack wants them.
 * </ol>
 */
public final class Observer {
  public static final String LB_TYPE = "elasticloadbalancing:loadbalancer";
  public static final String TG_TYPE = "elasticloadbalancing:targetgroup";
  static final String LEGACY_CLUSTER_TAG = "ingress.k8s.aws/cluster";
  static final String BACKEND_SG_TAG = "elbv2.k8s.aws/resource";

  private final AwsSession aws;
  private final String clusterName;
  private final String vpcId;
  private final BindingClient bindings;

  /** The shared backend SG: null = not read yet; empty = read, none. */
  private java.util.Optional<ObservedResource> backendSg;
  private Boolean shieldActive;

  public Observer(AwsSession aws, String clusterName, String vpcId, BindingClient bindings) {
    this.aws = aws;
    this.clusterName = clusterName;
    this.vpcId = vpcId;
    this.bindings = bindings;
  }

  /** True when TargetGroupBindings are read (a cluster is connected). */
  public boolean readsBindings() {
    return bindings != null;
  }

  /** The executor made the shared backend security group: later stacks of this run see it. */
  public synchronized void rememberBackendSecurityGroup(ObservedResource sg) {
    backendSg = java.util.Optional.ofNullable(sg);
  }

  /** Stack tags a resource of this stack carries. */
  public Map<String, String> stackTags(String groupId) {
    return Map.of(ObservedResource.CLUSTER_TAG, clusterName, ObservedResource.STACK_TAG, groupId);
  }

  /**
   * The stack's resources. {@code desired} are the group's intents (empty: the group is being
   * deleted, everything tagged for it is read).
   */
  public ObservedStack observe(String groupId, List<Intent> desired) {
    LoadBalancerIntent lbIntent = null;
    List<TargetGroupIntent> tgIntents = new ArrayList<>();
    List<ListenerIntent> listenerIntents = new ArrayList<>();
    boolean wantsBackendSg = false;
    boolean wantsWaf = false;
    boolean wantsShield = false;
    for (Intent i : desired) {
      if (i instanceof LoadBalancerIntent l) {
        lbIntent = l;
      } else if (i instanceof TargetGroupIntent t) {
        tgIntents.add(t);
      } else if (i instanceof ListenerIntent l) {
        listenerIntents.add(l);
      } else if (i instanceof SecurityGroupIntent s && SecurityGroupIntent.BACKEND.equals(s.id())) {
        wantsBackendSg = true;
      } else if (i instanceof AddonIntent a) {
        wantsWaf |= AddonIntent.WAFV2.equals(a.kind());
        wantsShield |= AddonIntent.SHIELD.equals(a.kind());
      }
    }
    boolean deleting = desired.isEmpty();
    List<String> conflicts = new ArrayList<>();

    // 1. wanted names
    Map<String, LoadBalancer> lbsByArn = new LinkedHashMap<>();
    Map<String, TargetGroup> tgsByArn = new LinkedHashMap<>();
    if (lbIntent != null) {
      final String name = lbIntent.name();
      call("DescribeLoadBalancers", "load balancer " + name, () -> {
        try {
          aws.elbv2().describeLoadBalancers(r -> r.names(name)).loadBalancers()
              .forEach(lb -> lbsByArn.put(lb.loadBalancerArn(), lb));
        } catch (RuntimeException e) {
          if (!AwsErrors.is(e, "LoadBalancerNotFound")) {
            throw e;
          }
        }
        return null;
      });
    }
    List<String> tgNames = tgIntents.stream().map(TargetGroupIntent::name).distinct().toList();
    for (List<String> batch : batches(tgNames, 20)) {
      describeTargetGroupsByName(batch, tgsByArn);
    }
    Map<String, Map<String, String>> tagsByArn = new HashMap<>();

    // 2. everything else tagged for the stack (stale resources), one tagging API call
    List<String> lbArnsByTag = new ArrayList<>();
    List<String> tgArnsByTag = new ArrayList<>();
    Map<String, Map<String, String>> tagged = taggedArns(stackTags(groupId), "the resources tagged for stack " + groupId);
    tagged.forEach((arn, t) -> {
      tagsByArn.put(arn, t);
      if (arn.contains(":loadbalancer/")) {
        lbArnsByTag.add(arn);
      } else if (arn.contains(":targetgroup/")) {
        tgArnsByTag.add(arn);
      }
    });
    List<String> moreLbs = lbArnsByTag.stream().filter(a -> !lbsByArn.containsKey(a)).toList();
    for (List<String> batch : batches(moreLbs, 20)) {
      describeLoadBalancersByArn(batch, lbsByArn);
    }
    List<String> moreTgs = tgArnsByTag.stream().filter(a -> !tgsByArn.containsKey(a)).toList();
    for (List<String> batch : batches(moreTgs, 20)) {
      describeTargetGroupsByArn(batch, tgsByArn);
    }

    // 3. the kept load balancer's listeners and rules (before tags, so one DescribeTags batch serves all)
    List<ObservedResource> lbs = new ArrayList<>();
    lbsByArn.values().forEach(lb -> lbs.add(new ObservedResource(LoadBalancerIntent.KIND, lb.loadBalancerArn(),
        lb.loadBalancerName(), tagsByArn.get(lb.loadBalancerArn()), SdkJson.toJson(lb), null, null)));
    List<String> needTags = new ArrayList<>();
    lbsByArn.keySet().forEach(a -> {
      if (!tagsByArn.containsKey(a)) {
        needTags.add(a);
      }
    });
    tgsByArn.keySet().forEach(a -> {
      if (!tagsByArn.containsKey(a)) {
        needTags.add(a);
      }
    });
    // ownership of name-found load balancers must be known before choosing the kept one
    describeTags(needTags, tagsByArn);
    needTags.clear();
    List<ObservedResource> ownedLbs = new ArrayList<>();
    for (ObservedResource lb : lbs) {
      ObservedResource withTags = lb.withTags(tagsByArn.getOrDefault(lb.id(), Map.of()));
      if (owned(withTags.tags(), groupId)) {
        ownedLbs.add(withTags);
      } else {
        conflicts.add("load balancer " + lb.name() + " (" + lb.id() + ") exists but is not tagged for stack "
            + groupId + " of cluster " + clusterName + " (" + ownerOf(withTags.tags()) + ")");
      }
    }
    ObservedResource kept = Matching.keptLoadBalancer(lbIntent, ownedLbs);
    List<ObservedResource> listeners = new ArrayList<>();
    List<ObservedResource> rules = new ArrayList<>();
    if (kept != null) {
      String lbArn = kept.id();
      List<Listener> ls = call("DescribeListeners", "the listeners of " + kept.name(), () -> {
        List<Listener> out = new ArrayList<>();
        aws.elbv2().describeListenersPaginator(r -> r.loadBalancerArn(lbArn)).listeners().forEach(out::add);
        return out;
      });
      for (Listener l : ls) {
        ObjectNode body = SdkJson.toJson(l);
        if ("HTTPS".equals(l.protocolAsString()) || "TLS".equals(l.protocolAsString())) {
          List<Certificate> certs = call("DescribeListenerCertificates", "listener " + l.port() + " of " + kept.name(),
              () -> {
                List<Certificate> out = new ArrayList<>();
                aws.elbv2().describeListenerCertificatesPaginator(r -> r.listenerArn(l.listenerArn()))
                    .certificates().forEach(out::add);
                return out;
              });
          ArrayNode def = body.arrayNode();
          ArrayNode sni = body.arrayNode();
          for (Certificate c : certs) {
            ObjectNode cn = (Boolean.TRUE.equals(c.isDefault()) ? def : sni).addObject();
            cn.put("CertificateArn", c.certificateArn());
          }
          if (!def.isEmpty()) {
            body.set("Certificates", def);
          }
          // a listener's certificate list also holds the default one; SNI = the others
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
        }
        listeners.add(new ObservedResource(ListenerIntent.KIND, l.listenerArn(), String.valueOf(l.port()), null,
            body, null, lbArn));
        needTags.add(l.listenerArn());
        List<Rule> rs = call("DescribeRules", "the rules of listener " + l.port() + " of " + kept.name(), () -> {
          List<Rule> out = new ArrayList<>();
          String marker = null;
          do {
            final String m = marker;
            var resp = aws.elbv2().describeRules(r -> r.listenerArn(l.listenerArn()).marker(m));
            out.addAll(resp.rules());
            marker = resp.nextMarker();
          } while (marker != null && !marker.isEmpty());
          return out;
        });
        for (Rule r : rs) {
          if (Boolean.TRUE.equals(r.isDefault())) {
            continue;
          }
          rules.add(new ObservedResource(dev.albc.intents.ListenerRuleIntent.KIND, r.ruleArn(), r.priority(), null,
              SdkJson.toJson(r), null, l.listenerArn()));
          needTags.add(r.ruleArn());
        }
      }
    }
    describeTags(needTags, tagsByArn);
    listeners.replaceAll(l -> l.withTags(tagsByArn.getOrDefault(l.id(), Map.of())));
    rules.replaceAll(r -> r.withTags(tagsByArn.getOrDefault(r.id(), Map.of())));

    // target groups: owned ones only
    List<ObservedResource> tgs = new ArrayList<>();
    for (TargetGroup tg : tgsByArn.values()) {
      Map<String, String> t = tagsByArn.getOrDefault(tg.targetGroupArn(), Map.of());
      ObservedResource r = new ObservedResource(TargetGroupIntent.KIND, tg.targetGroupArn(), tg.targetGroupName(), t,
          SdkJson.toJson(tg), null, null);
      if (owned(t, groupId)) {
        tgs.add(r);
      } else {
        conflicts.add("target group " + tg.targetGroupName() + " (" + tg.targetGroupArn()
            + ") exists but is not tagged for stack " + groupId + " of cluster " + clusterName + " ("
            + ownerOf(t) + ")");
      }
    }

    // 4. attributes, only where the stack sets some (or, deleting, the deletion protection)
    List<ObservedResource> lbsOut = new ArrayList<>();
    for (ObservedResource lb : ownedLbs) {
      boolean read = deleting
          || (lb == kept && lbIntent != null && lbIntent.attributes() != null && !lbIntent.attributes().isEmpty())
          || (lb != kept && lbIntent != null);
      lbsOut.add(read ? lb.withAttributes(loadBalancerAttributes(lb)) : lb);
    }
    Map<String, TargetGroupIntent> tgIntentById = new HashMap<>();
    tgIntents.forEach(t -> tgIntentById.put(t.id(), t));
    tgs.replaceAll(tg -> {
      TargetGroupIntent want = tgIntentById.get(tg.resourceTag());
      if (want != null && want.attributes() != null && !want.attributes().isEmpty()) {
        return tg.withAttributes(targetGroupAttributes(tg));
      }
      return tg;
    });

    // 5. security groups
    List<ObservedResource> sgs = securityGroups(List.of(
        filter("vpc-id", vpcId),
        filter("tag:" + ObservedResource.CLUSTER_TAG, clusterName),
        filter("tag:" + ObservedResource.STACK_TAG, groupId)), "the security groups of stack " + groupId);
    ObservedResource backend = wantsBackendSg || deleting ? backendSecurityGroup() : null;

    // 6. add-ons of the kept load balancer
    Map<String, String> webAcls = new HashMap<>();
    Map<String, String> protections = new HashMap<>();
    Boolean shield = null;
    if (kept != null && wantsWaf) {
      webAcls.put(kept.id(), webAcl(kept));
    }
    if (wantsShield || (deleting && !ownedLbs.isEmpty())) {
      shield = shieldActive();
      if (shield) {
        for (ObservedResource lb : deleting ? ownedLbs : kept == null ? List.<ObservedResource>of() : List.of(kept)) {
          protections.put(lb.id(), protection(lb));
        }
      }
    }

    // 7. bindings
    List<ObservedResource> tgbs = null;
    if (bindings != null) {
      tgbs = bindings.list(bindingLabels(groupId, desired));
    }
    return new ObservedStack(groupId, lbsOut, listeners, rules, tgs, sgs, backend, webAcls, protections, shield,
        tgbs, conflicts);
  }

  /** The account denies the tagging API (the reference's IAM policy does not grant it): list instead. */
  private boolean taggingDenied;
  /** Every load balancer and target group of the VPC with its tags, listed once per run (fallback). */
  private Map<String, Map<String, String>> listing;

  /**
   * Load balancers and target groups whose tags include {@code filters}, by ARN with their tags: one
   * {@code GetResources} call of the Resource Groups Tagging API. When the account denies that API
   * (AccessDenied), the VPC's load balancers and target groups are listed and their tags read once
   * per run instead — the reference controller's way — and every later stack is filtered from that.
   */
  public synchronized Map<String, Map<String, String>> taggedArns(Map<String, String> filters, String what) {
    if (!taggingDenied) {
      try {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        call("GetResources", what, () -> {
          List<TagFilter> tf = new ArrayList<>();
          new TreeMap<>(filters).forEach((k, v) -> tf.add(TagFilter.builder().key(k).values(v).build()));
          for (ResourceTagMapping m : aws.tagging().getResourcesPaginator(r -> r.tagFilters(tf)
                  .resourceTypeFilters(LB_TYPE, TG_TYPE))
              .resourceTagMappingList()) {
            Map<String, String> t = new TreeMap<>();
            m.tags().forEach(x -> t.put(x.key(), x.value()));
            out.put(m.resourceARN(), t);
          }
          return null;
        });
        return out;
      } catch (AwsCallException e) {
        String code = e.errorCode();
        if (code == null || !(code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation"))) {
          throw e;
        }
        taggingDenied = true;
      }
    }
    if (listing == null) {
      listing = new java.util.LinkedHashMap<>();
      List<String> arns = new ArrayList<>();
      call("DescribeLoadBalancers", "the load balancers of " + vpcId, () -> {
        aws.elbv2().describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancers().forEach(lb -> {
          if (vpcId.equals(lb.vpcId())) {
            arns.add(lb.loadBalancerArn());
          }
        });
        return null;
      });
      call("DescribeTargetGroups", "the target groups of " + vpcId, () -> {
        aws.elbv2().describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups().forEach(tg -> {
          if (vpcId.equals(tg.vpcId())) {
            arns.add(tg.targetGroupArn());
          }
        });
        return null;
      });
      describeTags(arns, listing);
    }
    Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
    listing.forEach((arn, t) -> {
      boolean all = filters.entrySet().stream().allMatch(f -> f.getValue().equals(t.get(f.getKey())));
      if (all) {
        out.put(arn, t);
      }
    });
    return out;
  }

  /** True once the tagging API was denied and the run lists instead. */
  public boolean taggingDenied() {
    return taggingDenied;
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

  private void describeTargetGroupsByName(List<String> names, Map<String, TargetGroup> out) {
    String what = names.size() == 1 ? "target group " + names.get(0) : names.size() + " target groups";
    try {
      call("DescribeTargetGroups", what, () -> {
        aws.elbv2().describeTargetGroups(r -> r.names(names)).targetGroups()
            .forEach(t -> out.put(t.targetGroupArn(), t));
        return null;
      });
    } catch (AwsCallException e) {
      if (!"TargetGroupNotFound".equals(e.errorCode())) {
        throw e;
      }
      if (names.size() > 1) { // one of them is missing: ask one by one
        for (String n : names) {
          describeTargetGroupsByName(List.of(n), out);
        }
      }
    }
  }

  private void describeTargetGroupsByArn(List<String> arns, Map<String, TargetGroup> out) {
    try {
      call("DescribeTargetGroups", arns.size() == 1 ? arns.get(0) : arns.size() + " target groups", () -> {
        aws.elbv2().describeTargetGroups(r -> r.targetGroupArns(arns)).targetGroups()
            .forEach(t -> out.put(t.targetGroupArn(), t));
        return null;
      });
    } catch (AwsCallException e) {
      if (!"TargetGroupNotFound".equals(e.errorCode())) {
        throw e;
      }
      if (arns.size() > 1) { // the tagging API still lists a deleted one
        for (String a : arns) {
          describeTargetGroupsByArn(List.of(a), out);
        }
      }
    }
  }

  private void describeLoadBalancersByArn(List<String> arns, Map<String, LoadBalancer> out) {
    try {
      call("DescribeLoadBalancers", arns.size() == 1 ? arns.get(0) : arns.size() + " load balancers", () -> {
        aws.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(arns)).loadBalancers()
            .forEach(l -> out.put(l.loadBalancerArn(), l));
        return null;
      });
    } catch (AwsCallException e) {
      if (!"LoadBalancerNotFound".equals(e.errorCode())) {
        throw e;
      }
      if (arns.size() > 1) {
        for (String a : arns) {
          describeLoadBalancersByArn(List.of(a), out);
        }
      }
    }
  }

  private void describeTags(List<String> arns, Map<String, Map<String, String>> out) {
    for (List<String> batch : batches(arns, 20)) {
      call("DescribeTags", batch.size() + " resource(s)", () -> {
        for (TagDescription d : aws.elbv2().describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
          Map<String, String> t = new TreeMap<>();
          d.tags().forEach(x -> t.put(x.key(), x.value()));
          out.put(d.resourceArn(), t);
        }
        return null;
      });
    }
  }

  private Map<String, String> loadBalancerAttributes(ObservedResource lb) {
    return call("DescribeLoadBalancerAttributes", "load balancer " + lb.name(), () -> {
      Map<String, String> m = new TreeMap<>();
      aws.elbv2().describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.id())).attributes()
          .forEach(a -> m.put(a.key(), a.value()));
      return m;
    });
  }

  private Map<String, String> targetGroupAttributes(ObservedResource tg) {
    return call("DescribeTargetGroupAttributes", "target group " + tg.name(), () -> {
      Map<String, String> m = new TreeMap<>();
      aws.elbv2().describeTargetGroupAttributes(r -> r.targetGroupArn(tg.id())).attributes()
          .forEach(a -> m.put(a.key(), a.value()));
      return m;
    });
  }

  private List<ObservedResource> securityGroups(List<Filter> filters, String what) {
    return call("DescribeSecurityGroups", what, () -> {
      List<ObservedResource> out = new ArrayList<>();
      for (SecurityGroup g : aws.ec2().describeSecurityGroupsPaginator(r -> r.filters(filters)).securityGroups()) {
        Map<String, String> t = new TreeMap<>();
        g.tags().forEach(x -> t.put(x.key(), x.value()));
        out.add(new ObservedResource(SecurityGroupIntent.KIND, g.groupId(), g.groupName(), t, SdkJson.toJson(g),
            null, null));
      }
      out.sort(java.util.Comparator.comparing(ObservedResource::id));
      return out;
    });
  }

  /** The cluster's shared backend security group (tags cluster + resource=backend-sg), once per run. */
  public synchronized ObservedResource backendSecurityGroup() {
    if (backendSg == null) {
      List<ObservedResource> found = securityGroups(List.of(
          filter("vpc-id", vpcId),
          filter("tag:" + ObservedResource.CLUSTER_TAG, clusterName),
          filter("tag:" + BACKEND_SG_TAG, "backend-sg")), "the backend security group of cluster " + clusterName);
      backendSg = java.util.Optional.ofNullable(found.isEmpty() ? null : found.get(0));
    }
    return backendSg.orElse(null);
  }

  private String webAcl(ObservedResource lb) {
    return call("GetWebACLForResource", "load balancer " + lb.name(), () -> {
      try {
        var acl = aws.wafv2().getWebACLForResource(r -> r.resourceArn(lb.id())).webACL();
        return acl == null ? "" : acl.arn();
      } catch (RuntimeException e) {
        if (AwsErrors.is(e, "WAFNonexistentItemException")) {
          return "";
        }
        throw e;
      }
    });
  }

  private synchronized boolean shieldActive() {
    if (shieldActive == null) {
      shieldActive = call("GetSubscriptionState", "the Shield Advanced subscription", () ->
          "ACTIVE".equals(aws.shield().getSubscriptionState(r -> { }).subscriptionStateAsString()));
    }
    return shieldActive;
  }

  private String protection(ObservedResource lb) {
    return call("DescribeProtection", "load balancer " + lb.name(), () -> {
      try {
        var p = aws.shield().describeProtection(r -> r.resourceArn(lb.id())).protection();
        return p == null || p.id() == null ? "" : p.id();
      } catch (RuntimeException e) {
        if (AwsErrors.is(e, "ResourceNotFoundException")) {
          return "";
        }
        throw e;
      }
    });
  }

  static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }

  static <T> List<List<T>> batches(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      out.add(List.copyOf(all.subList(i, Math.min(all.size(), i + size))));
    }
    return out;
  }

  /** Runs a read; an AWS error becomes an {@link AwsCallException} naming the call and what it read. */
  static <T> T call(String operation, String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (AwsCallException e) {
      throw e;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new AwsCallException(operation, what, e);
    }
  }

}
