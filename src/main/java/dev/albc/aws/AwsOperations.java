package dev.albc.aws;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every AWS operation albc can call, as {@code service:Operation} (the keys of {@link CallCounter}),
 * and the IAM actions they need: the actions of {@code deploy/iam/albc-iam-policy.json}
 * (docs/installation.md "IAM policy").
 *
 * <p>Kept true two ways: a unit test reads albc's compiled classes (every call on an SDK client and
 * every {@code service:Operation} step of the change planner) and requires this list to equal what it
 * finds, and another requires the policy's actions to equal {@link #iamActions()}. The integration
 * tests run with {@link AwsCallAudit} on, which refuses a call that is not listed here.
 */
public final class AwsOperations {
  private AwsOperations() {}

  /** Every operation, sorted. */
  public static final SortedSet<String> ALL = Collections.unmodifiableSortedSet(new TreeSet<>(java.util.List.of(
      // certificate discovery (docs/annotations.md certificate-arn)
      "acm:DescribeCertificate",
      "acm:ListCertificates",
      // certificates albc requests (create-acm-cert, gate EnableCertificateManagement): found by their
      // tags, requested, DNS-validated in Route 53, deleted when no Ingress wants them
      "acm:DeleteCertificate",
      "acm:ListTagsForCertificate",
      "acm:RequestCertificate",
      "route53:ChangeResourceRecordSets",
      "route53:ListHostedZones",
      // security groups: observed, created for the load balancer and the backend, their ingress rules
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateSecurityGroup",
      "ec2:CreateTags",
      "ec2:DeleteSecurityGroup",
      "ec2:DeleteTags",
      // the TargetGroupBinding reconciler: the security groups of node and pod ENIs (spec.networking)
      "ec2:DescribeInstances",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      // the TargetGroupBinding reconciler: a binding's VPC (its networking rules), target registration
      "ec2:DescribeVpcs",
      "ec2:RevokeSecurityGroupIngress",
      // load balancers, listeners, rules, target groups
      "elbv2:AddListenerCertificates",
      "elbv2:AddTags",
      "elbv2:CreateListener",
      "elbv2:CreateLoadBalancer",
      "elbv2:CreateRule",
      "elbv2:CreateTargetGroup",
      "elbv2:DeleteListener",
      "elbv2:DeleteLoadBalancer",
      "elbv2:DeleteRule",
      "elbv2:DeleteTargetGroup",
      "elbv2:DescribeListenerAttributes",
      "elbv2:DescribeListenerCertificates",
      "elbv2:DescribeListeners",
      // minimum-load-balancer-capacity (docs/annotations.md)
      "elbv2:DescribeCapacityReservation",
      "elbv2:DescribeLoadBalancerAttributes",
      "elbv2:DescribeLoadBalancers",
      "elbv2:DescribeRules",
      // the account's security policies, to check ssl-policy live (rules/limits.drl)
      "elbv2:DescribeSSLPolicies",
      "elbv2:DescribeTags",
      "elbv2:DescribeTrustStores",
      "elbv2:DescribeTargetGroupAttributes",
      "elbv2:DescribeTargetGroups",
      "elbv2:DescribeTargetHealth",
      "elbv2:DeregisterTargets",
      "elbv2:ModifyCapacityReservation",
      // ipam-ipv4-pool-id (docs/annotations.md)
      "elbv2:ModifyIpPools",
      "elbv2:ModifyListener",
      "elbv2:ModifyListenerAttributes",
      "elbv2:ModifyLoadBalancerAttributes",
      "elbv2:ModifyRule",
      "elbv2:ModifyTargetGroup",
      "elbv2:ModifyTargetGroupAttributes",
      "elbv2:RegisterTargets",
      "elbv2:RemoveListenerCertificates",
      "elbv2:RemoveTags",
      "elbv2:SetIpAddressType",
      "elbv2:SetRulePriorities",
      "elbv2:SetSecurityGroups",
      "elbv2:SetSubnets",
      // Shield Advanced and WAFv2 add-ons (docs/annotations.md shield-advanced-protection, wafv2-acl-arn)
      "shield:CreateProtection",
      "shield:DeleteProtection",
      "shield:DescribeProtection",
      "shield:GetSubscriptionState",
      // one call finds a stack by its tags; denied, albc lists instead (docs/installation.md)
      "tagging:GetResources",
      "wafv2:AssociateWebACL",
      "wafv2:DisassociateWebACL",
      "wafv2:GetWebACLForResource",
      // wafv2-acl-name → ARN (docs/apply.md "Look-ups")
      "wafv2:ListWebACLs")));

  /**
   * IAM actions that AWS checks on top of a call's own action, with why: the policy must grant them
   * although albc never calls them by that name.
   */
  public static final SortedMap<String, String> IMPLIED = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
      "iam:CreateServiceLinkedRole",
      "the first CreateLoadBalancer of an account creates the Elastic Load Balancing service-linked role",
      "elasticloadbalancing:SetWebAcl",
      "wafv2:AssociateWebACL on an Application Load Balancer is also authorized as this ELB action",
      "acm-pca:IssueCertificate",
      "acm:RequestCertificate with a CertificateAuthorityArn (acm-pca-arn) has the private CA issue the certificate"
          + " (the reference's iam_policy_acm_certs.json)",
      "acm-pca:GetCertificate",
      "ACM reads the certificate a private CA issued for acm:RequestCertificate (the reference's iam_policy_acm_certs.json)",
      "acm-pca:ListPermissions",
      "ACM checks its permissions on the private CA of acm:RequestCertificate (the reference's"
          + " iam_policy_acm_certs.json)")));

  /** Short service name (as in {@link CallCounter}) → IAM service prefix. */
  private static final Map<String, String> IAM_PREFIX = Map.of(
      "acm", "acm",
      "ec2", "ec2",
      "elbv2", "elasticloadbalancing",
      "route53", "route53",
      "shield", "shield",
      "tagging", "tag",
      "wafv2", "wafv2",
      "sts", "sts");

  /** True when albc may call {@code service:Operation}. */
  public static boolean listed(String serviceOperation) {
    return ALL.contains(serviceOperation);
  }

  /** The IAM action of {@code service:Operation}, e.g. {@code elbv2:AddTags} → {@code elasticloadbalancing:AddTags}. */
  public static String iamAction(String serviceOperation) {
    int colon = serviceOperation.indexOf(':');
    String prefix = IAM_PREFIX.get(serviceOperation.substring(0, colon));
    if (prefix == null) {
      throw new IllegalArgumentException("no IAM prefix known for " + serviceOperation);
    }
    return prefix + ":" + serviceOperation.substring(colon + 1);
  }

  /** Every IAM action albc needs: one per operation, plus {@link #IMPLIED}; sorted. */
  public static SortedSet<String> iamActions() {
    SortedSet<String> out = new TreeSet<>(IMPLIED.keySet());
    ALL.forEach(op -> out.add(iamAction(op)));
    return Collections.unmodifiableSortedSet(out);
  }
}
