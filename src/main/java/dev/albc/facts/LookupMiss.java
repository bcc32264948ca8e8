package dev.albc.facts;

/**
 * An account look-up that finds nothing (docs/apply.md "Look-ups"): the account has no {@code kind}
 * named {@code name} — a live run asked AWS and got none. With {@code name} null the facts list
 * every {@code kind} of the account (an AWS CLI listing such as {@code aws wafv2 list-web-acls} was
 * given), so any name not among them has none either. The rules then say "not found" instead of
 * asking for a look-up.
 */
public record LookupMiss(String kind, String name) {
  public static final String TARGET_GROUP = "target-group";
  public static final String WEB_ACL = "wafv2-web-acl";
  public static final String TRUST_STORE = "trust-store";

  /** True when it says the account has no {@code kind} named {@code n}. */
  public boolean covers(String k, String n) {
    return kind.equals(k) && (name == null || name.equals(n));
  }
}
