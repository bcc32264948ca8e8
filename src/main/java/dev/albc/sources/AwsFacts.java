package dev.albc.sources;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SslPoliciesFact;
import dev.albc.facts.SubnetFact;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The AWS side of the facts: subnets, route tables, security groups (sorted by id) and ACM
 * certificates (sorted by ARN), and the account's SSL policy names when read ({@code sslPolicies}:
 * null when nobody read them). Lists are immutable.
 */
public record AwsFacts(
    List<SubnetFact> subnets,
    List<RouteTableFact> routeTables,
    List<SecurityGroupFact> securityGroups,
    List<CertificateFact> certificates,
    SslPoliciesFact sslPolicies) {

  public AwsFacts {
    subnets = sorted(subnets, SubnetFact::id);
    routeTables = sorted(routeTables, RouteTableFact::id);
    securityGroups = sorted(securityGroups, SecurityGroupFact::id);
    certificates = sorted(certificates, CertificateFact::arn);
  }

  /** The facts without SSL policies. */
  public AwsFacts(List<SubnetFact> subnets, List<RouteTableFact> routeTables,
      List<SecurityGroupFact> securityGroups, List<CertificateFact> certificates) {
    this(subnets, routeTables, securityGroups, certificates, null);
  }

  /** No AWS facts. */
  public static AwsFacts empty() {
    return new AwsFacts(List.of(), List.of(), List.of(), List.of());
  }

  /** Every fact: subnets, route tables, security groups, certificates, SSL policies. */
  public List<Object> all() {
    var out = new java.util.ArrayList<Object>();
    out.addAll(subnets);
    out.addAll(routeTables);
    out.addAll(securityGroups);
    out.addAll(certificates);
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
