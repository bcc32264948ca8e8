package dev.albc.sources;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.LoadBalancerFact;
import dev.albc.facts.LookupMiss;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SslPoliciesFact;
import dev.albc.facts.SubnetFact;
import dev.albc.facts.TargetGroupFact;
import dev.albc.facts.TrustStoreFact;
import dev.albc.facts.WebAclFact;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The AWS side of the facts: subnets, route tables, security groups (sorted by id), ACM
 * certificates, load balancers (sorted by ARN), and the look-ups' answers: WAFv2 web ACLs and target
 * groups (sorted by name). Lists are immutable. {@code listed}: the look-up kinds whose every item
 * the facts hold (a listing dump was read: {@code WebACLs}, {@code TargetGroups}); {@link #all} gives
 * each as a {@link LookupMiss} without a name.
 * {@code sslPolicies}: the account's SSL policy names, null when nobody read them.
 * {@code trustStores}: the ELBv2 trust stores of an {@code aws elbv2 describe-trust-stores} dump
 * (sorted by name; {@code listed} then holds {@link LookupMiss#TRUST_STORE}).
 */
public record AwsFacts(
    List<SubnetFact> subnets,
    List<RouteTableFact> routeTables,
    List<SecurityGroupFact> securityGroups,
    List<CertificateFact> certificates,
    List<LoadBalancerFact> loadBalancers,
    List<WebAclFact> webAcls,
    List<TargetGroupFact> targetGroups,
    java.util.Set<String> listed,
    SslPoliciesFact sslPolicies,
    List<TrustStoreFact> trustStores) {

  public AwsFacts {
    subnets = sorted(subnets, SubnetFact::id);
    routeTables = sorted(routeTables, RouteTableFact::id);
    securityGroups = sorted(securityGroups, SecurityGroupFact::id);
    certificates = sorted(certificates, CertificateFact::arn);
    loadBalancers = sorted(loadBalancers, LoadBalancerFact::arn);
    webAcls = sorted(webAcls, WebAclFact::name);
    targetGroups = sorted(targetGroups, TargetGroupFact::name);
    trustStores = sorted(trustStores, TrustStoreFact::name);
    listed = listed == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(listed));
  }

  /** Subnets, route tables, security groups and certificates only. */
  public AwsFacts(List<SubnetFact> subnets, List<RouteTableFact> routeTables, List<SecurityGroupFact> securityGroups,
      List<CertificateFact> certificates) {
    this(subnets, routeTables, securityGroups, certificates, List.of(), List.of(), List.of(), java.util.Set.of());
  }

  /** The facts without SSL policies (nobody read them). */
  public AwsFacts(List<SubnetFact> subnets, List<RouteTableFact> routeTables, List<SecurityGroupFact> securityGroups,
      List<CertificateFact> certificates, List<LoadBalancerFact> loadBalancers, List<WebAclFact> webAcls,
      List<TargetGroupFact> targetGroups, java.util.Set<String> listed) {
    this(subnets, routeTables, securityGroups, certificates, loadBalancers, webAcls, targetGroups, listed, null);
  }

  /** The facts without trust stores (no describe-trust-stores dump). */
  public AwsFacts(List<SubnetFact> subnets, List<RouteTableFact> routeTables, List<SecurityGroupFact> securityGroups,
      List<CertificateFact> certificates, List<LoadBalancerFact> loadBalancers, List<WebAclFact> webAcls,
      List<TargetGroupFact> targetGroups, java.util.Set<String> listed, SslPoliciesFact sslPolicies) {
    this(subnets, routeTables, securityGroups, certificates, loadBalancers, webAcls, targetGroups, listed, sslPolicies,
        List.of());
  }

  /** No AWS facts. */
  public static AwsFacts empty() {
    return new AwsFacts(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Every fact: subnets, route tables, security groups, certificates, load balancers, web ACLs, target
   * groups, trust stores, listings, SSL policies.
   */
  public List<Object> all() {
    var out = new java.util.ArrayList<Object>();
    out.addAll(subnets);
    out.addAll(routeTables);
    out.addAll(securityGroups);
    out.addAll(certificates);
    out.addAll(loadBalancers);
    out.addAll(webAcls);
    out.addAll(targetGroups);
    out.addAll(trustStores);
    listed.forEach(k -> out.add(new LookupMiss(k, null)));
    if (sslPolicies != null) {
      out.add(sslPolicies);
    }
    return List.copyOf(out);
  }

  private static <T> List<T> sorted(List<T> in, Function<T, String> key) {
    if (in == null) {
      return List.of();
    }
    return in.stream()
        .sorted(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }
}
