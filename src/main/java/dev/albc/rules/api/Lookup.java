package dev.albc.rules.api;

import java.util.List;

/**
 * Something the rules need from the AWS account that the facts do not hold: a target group by name
 * ({@code targetGroupName} in an {@code actions.<name>} forward), a WAFv2 web ACL by name
 * ({@code wafv2-acl-name}), the issuing CA of an ACM certificate
 * ({@code --allowed-certificate-authority-arns}), or an ELBv2 trust store by name
 * ({@code mutual-authentication}; live runs resolve those before the rules run, so only offline
 * plans ask). Beside it the rules raise an error diagnostic on
 * the same object and field. A live run reads the account for it and runs the rules again
 * (docs/apply.md "Look-ups"); an offline plan stops and names the AWS CLI dump that answers it.
 *
 * @param kind {@link #TARGET_GROUP}, {@link #WEB_ACL}, {@link #CERTIFICATE} or {@link #TRUST_STORE}
 * @param name the target group, web ACL or trust store name, or the certificate ARN
 * @param group the IngressGroup id
 * @param object the Kubernetes object that asked ({@code Ingress ns/name})
 * @param field the annotation or field that asked
 */
public record Lookup(String kind, String name, String group, String object, String field) {
  public static final String TARGET_GROUP = dev.albc.facts.LookupMiss.TARGET_GROUP;
  public static final String WEB_ACL = dev.albc.facts.LookupMiss.WEB_ACL;
  public static final String CERTIFICATE = "certificate";
  public static final String TRUST_STORE = dev.albc.facts.LookupMiss.TRUST_STORE;

  /** The kinds, in the order a live run reads them. */
  public static final List<String> KINDS = List.of(TARGET_GROUP, WEB_ACL, CERTIFICATE, TRUST_STORE);

  /** The AWS CLI command whose JSON output answers it offline ({@code --aws-facts}). */
  public String dump() {
    return switch (kind) {
      case TARGET_GROUP -> "aws elbv2 describe-target-groups --names " + name;
      case WEB_ACL -> "aws wafv2 list-web-acls --scope REGIONAL";
      case CERTIFICATE -> "aws acm describe-certificate --certificate-arn " + name;
      case TRUST_STORE -> "aws elbv2 describe-trust-stores";
      default -> throw new IllegalStateException("unknown look-up kind " + kind);
    };
  }

  /** What is looked up, for messages: {@code target group "x"}. */
  public String what() {
    return switch (kind) {
      case TARGET_GROUP -> "target group \"" + name + "\"";
      case WEB_ACL -> "WAFv2 web ACL \"" + name + "\"";
      case CERTIFICATE -> "the issuing CA of certificate " + name;
      case TRUST_STORE -> "trust store \"" + name + "\"";
      default -> kind + " " + name;
    };
  }

  /**
   * One line for an offline plan that lacks the answer: the object, the field, what is missing and
   * the dump that gives it.
   */
  public String offlineMessage() {
    return object + " " + field + ": " + what() + " is not in the AWS facts; give the output of `" + dump()
        + "` with --aws-facts, or plan with --live";
  }
}
