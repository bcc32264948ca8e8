package dev.albc.observe;

import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsErrors;
import dev.albc.intents.TargetGroupIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Steps 1 to 3 of {@link Observer}: a stack's load balancers and target groups by name, by tag
 * ({@code GetResources}, or the run's listing when the tagging API is denied) and by ARN, and
 * their tags. Each method returns what it read; the run's {@link ObservationCache} is the caller's.
 */
final class StackLookup {
  private final AwsReads aws;
  private final String vpcId;

  StackLookup(AwsReads aws, String vpcId) {
    this.aws = aws;
    this.vpcId = vpcId;
  }

  /** The load balancers and target groups found, by ARN, in the order found. */
  record Found(Map<String, LoadBalancer> loadBalancers, Map<String, TargetGroup> targetGroups) {}

  /**
   * The wanted load balancers (the ALB, the frontend NLB) and target groups by name (20 target
   * groups a call); those the group's {@code snapshot} holds (may be null) are taken from it, the
   * others read.
   */
  Found byName(Observer.Wanted want, ClusterSnapshot snapshot) {
    Map<String, LoadBalancer> lbs = new LinkedHashMap<>();
    Map<String, TargetGroup> tgs = new LinkedHashMap<>();
    for (var lb : java.util.Arrays.asList(want.lb(), want.nlb())) {
      if (lb == null) {
        continue;
      }
      LoadBalancer known = snapshot == null ? null : snapshot.loadBalancerNamed(lb.name());
      (known != null ? List.of(known) : loadBalancerByName(lb.name()))
          .forEach(l -> lbs.put(l.loadBalancerArn(), l));
    }
    List<String> toRead = new ArrayList<>();
    for (String name : want.targetGroups().stream().map(TargetGroupIntent::name).distinct().toList()) {
      TargetGroup known = snapshot == null ? null : snapshot.targetGroupNamed(name);
      if (known != null) {
        tgs.put(known.targetGroupArn(), known);
      } else {
        toRead.add(name);
      }
    }
    for (List<String> batch : batches(toRead, 20)) {
      targetGroupsByName(batch).forEach(t -> tgs.put(t.targetGroupArn(), t));
    }
    return new Found(lbs, tgs);
  }

  /**
   * {@code found} plus the tagged load balancers and target groups it lacks: from the
   * {@code snapshot} (may be null) when it describes them, else described by ARN.
   */
  Found withTagged(Found found, java.util.Collection<String> tagged, ClusterSnapshot snapshot) {
    Map<String, LoadBalancer> lbs = new LinkedHashMap<>(found.loadBalancers());
    Map<String, TargetGroup> tgs = new LinkedHashMap<>(found.targetGroups());
    List<String> moreLbs = new ArrayList<>();
    List<String> moreTgs = new ArrayList<>();
    for (String a : tagged) {
      if (a.contains(":loadbalancer/") && !lbs.containsKey(a)) {
        LoadBalancer known = snapshot == null ? null : snapshot.loadBalancers().get(a);
        if (known != null) {
          lbs.put(a, known);
        } else {
          moreLbs.add(a);
        }
      } else if (a.contains(":targetgroup/") && !tgs.containsKey(a)) {
        TargetGroup known = snapshot == null ? null : snapshot.targetGroups().get(a);
        if (known != null) {
          tgs.put(a, known);
        } else {
          moreTgs.add(a);
        }
      }
    }
    for (List<String> batch : batches(moreLbs, 20)) {
      loadBalancersByArn(batch).forEach(lb -> lbs.put(lb.loadBalancerArn(), lb));
    }
    for (List<String> batch : batches(moreTgs, 20)) {
      targetGroupsByArn(batch).forEach(t -> tgs.put(t.targetGroupArn(), t));
    }
    return new Found(lbs, tgs);
  }

  /**
   * Load balancers and target groups whose tags include {@code filters}, by ARN with their tags:
   * one {@code GetResources} call. When the account denies that API (AccessDenied), the VPC's load
   * balancers and target groups are listed with their tags once per run ({@code cache}) — the
   * reference controller's way — and every later stack is filtered from that listing.
   */
  public Map<String, Map<String, String>> taggedArns(Map<String, String> filters, String what,
      ObservationCache cache) {
    if (!cache.taggingDenied()) {
      try {
        return call("GetResources", what, () -> aws.taggedLoadBalancersAndTargetGroups(filters));
      } catch (AwsCallException e) {
        String code = e.errorCode();
        if (code == null || !(code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation"))) {
          throw e;
        }
        cache.denyTagging();
      }
    }
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    cache.listing(this::vpcListing).forEach((arn, t) -> {
      if (ClusterSnapshot.carries(t, filters)) {
        out.put(arn, t);
      }
    });
    return out;
  }

  /** Every load balancer and target group of the VPC with its tags (the region listed). */
  Map<String, Map<String, String>> vpcListing() {
    List<String> arns = new ArrayList<>();
    call("DescribeLoadBalancers", "the load balancers of " + vpcId, aws::allLoadBalancers).forEach(lb -> {
      if (vpcId.equals(lb.vpcId())) {
        arns.add(lb.loadBalancerArn());
      }
    });
    call("DescribeTargetGroups", "the target groups of " + vpcId, aws::allTargetGroups).forEach(tg -> {
      if (vpcId.equals(tg.vpcId())) {
        arns.add(tg.targetGroupArn());
      }
    });
    return tags(arns);
  }

  private List<LoadBalancer> loadBalancerByName(String name) {
    return call("DescribeLoadBalancers", "load balancer " + name, () -> {
      try {
        return aws.loadBalancersByName(List.of(name));
      } catch (RuntimeException e) {
        if (!AwsErrors.is(e, "LoadBalancerNotFound")) {
          throw e;
        }
        return List.of();
      }
    });
  }

  /** By name, 20 a call; AWS fails the whole call when one is missing: then one by one. */
  private List<TargetGroup> targetGroupsByName(List<String> names) {
    String what = names.size() == 1 ? "target group " + names.get(0) : names.size() + " target groups";
    return oneByOneIfMissing(names, "TargetGroupNotFound", "DescribeTargetGroups", what, aws::targetGroupsByName,
        this::targetGroupsByName);
  }

  /** By ARN; the tagging API may still list a deleted one: then one by one. */
  private List<TargetGroup> targetGroupsByArn(List<String> arns) {
    String what = arns.size() == 1 ? arns.get(0) : arns.size() + " target groups";
    return oneByOneIfMissing(arns, "TargetGroupNotFound", "DescribeTargetGroups", what, aws::targetGroupsByArn,
        this::targetGroupsByArn);
  }

  private List<LoadBalancer> loadBalancersByArn(List<String> arns) {
    String what = arns.size() == 1 ? arns.get(0) : arns.size() + " load balancers";
    return oneByOneIfMissing(arns, "LoadBalancerNotFound", "DescribeLoadBalancers", what, aws::loadBalancersByArn,
        this::loadBalancersByArn);
  }

  private static <T> List<T> oneByOneIfMissing(List<String> keys, String notFound, String op, String what,
      java.util.function.Function<List<String>, List<T>> read, java.util.function.Function<List<String>, List<T>> again) {
    try {
      return call(op, what, () -> read.apply(keys));
    } catch (AwsCallException e) {
      if (!notFound.equals(e.errorCode())) {
        throw e;
      }
      List<T> out = new ArrayList<>();
      if (keys.size() > 1) {
        keys.forEach(k -> out.addAll(again.apply(List.of(k))));
      }
      return out;
    }
  }

  /** {@code DescribeTags}, 20 ARNs a call: tags by ARN. */
  Map<String, Map<String, String>> tags(List<String> arns) {
    return tags(arns, null);
  }

  /** Tags by ARN: those the {@code snapshot} (may be null) holds, the others by {@code DescribeTags}. */
  Map<String, Map<String, String>> tags(List<String> arns, ClusterSnapshot snapshot) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    List<String> toRead = new ArrayList<>();
    for (String a : arns) {
      Map<String, String> known = snapshot == null ? null : snapshot.tags().get(a);
      if (known != null) {
        out.put(a, known);
      } else {
        toRead.add(a);
      }
    }
    for (List<String> batch : batches(toRead, 20)) {
      out.putAll(call("DescribeTags", batch.size() + " resource(s)", () -> aws.tags(batch)));
    }
    return out;
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
  }}
