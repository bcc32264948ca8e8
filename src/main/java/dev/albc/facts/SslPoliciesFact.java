package dev.albc.facts;

import java.util.List;

/**
 * The names of the ELB security policies the account offers, read live with {@code elbv2
 * DescribeSSLPolicies} (every page) alongside the other account facts and cached with them. With
 * this fact an {@code ssl-policy} the account does not have is an error (rules/limits.drl); without
 * it (offline runs, or the read failed) an unknown name is only a warning against albc's own list.
 * {@code names} is sorted and never empty: an empty answer gives no fact.
 */
public record SslPoliciesFact(List<String> names) {
  public SslPoliciesFact {
    names = names.stream().sorted().distinct().toList();
  }
}
