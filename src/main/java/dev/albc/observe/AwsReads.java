package dev.albc.observe;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The AWS reads the {@link Observer} makes, one method per call (a paginated call returns every
 * page; each page is one call). Implemented over the SDK by {@link SessionReads}; unit tests mock it.
 * Errors are the SDK's exceptions, unwrapped: the observer names the call and handles "not found".
 */
public interface AwsReads {
  /** {@code elbv2:DescribeLoadBalancers Names=[…]} (at most 20). */
  List<LoadBalancer> loadBalancersByName(List<String> names);

  /** {@code elbv2:DescribeLoadBalancers LoadBalancerArns=[…]} (at most 20). */
  List<LoadBalancer> loadBalancersByArn(List<String> arns);

  /** {@code elbv2:DescribeLoadBalancers} of the region, 400 a page. */
  List<LoadBalancer> allLoadBalancers();

  /** {@code elbv2:DescribeTargetGroups Names=[…]} (at most 20). */
  List<TargetGroup> targetGroupsByName(List<String> names);

  /** {@code elbv2:DescribeTargetGroups TargetGroupArns=[…]} (at most 20). */
  List<TargetGroup> targetGroupsByArn(List<String> arns);

  /** {@code elbv2:DescribeTargetGroups} of the region, 400 a page. */
  List<TargetGroup> allTargetGroups();

  /** {@code elbv2:DescribeTags} of at most 20 ARNs: tags by ARN. */
  Map<String, Map<String, String>> tags(List<String> arns);

  /** {@code elbv2:DescribeListeners} of one load balancer, every page. */
  List<Listener> listeners(String loadBalancerArn);

  /** {@code elbv2:DescribeListenerCertificates} of one listener, every page. */
  List<Certificate> listenerCertificates(String listenerArn);

  /** {@code elbv2:DescribeRules} of one listener, every page (Marker). */
  List<Rule> rules(String listenerArn);

  /** {@code elbv2:DescribeListenerAttributes}: key → value (read only for listeners that want some). */
  default Map<String, String> listenerAttributes(String listenerArn) {
    throw new UnsupportedOperationException("DescribeListenerAttributes is not available in this reader");
  }

  /**
   * {@code elbv2:DescribeTargetHealth} of one target group: its registered targets (read only for
   * target groups of type alb, whose target albc registers: the frontend NLB's).
   */
  default List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription> registeredTargets(
      String targetGroupArn) {
    throw new UnsupportedOperationException("DescribeTargetHealth is not available in this reader");
  }

  /**
   * {@code elbv2:DescribeTrustStores Names=[name]}: the trust store's ARN, or null when the account
   * has none of that name (TrustStoreNotFound).
   */
  default String trustStoreArn(String name) {
    throw new UnsupportedOperationException("DescribeTrustStores is not available in this reader");
  }

  /** {@code elbv2:DescribeLoadBalancerAttributes}: key → value. */
  Map<String, String> loadBalancerAttributes(String arn);

  /**
   * {@code elbv2:DescribeCapacityReservation} of a load balancer: the response with the API's member
   * names ({@code MinimumLoadBalancerCapacity}, {@code CapacityReservationState}, …).
   */
  default com.fasterxml.jackson.databind.node.ObjectNode capacityReservation(String loadBalancerArn) {
    throw new UnsupportedOperationException("DescribeCapacityReservation is not available in this reader");
  }

  /** {@code elbv2:DescribeTargetGroupAttributes}: key → value. */
  Map<String, String> targetGroupAttributes(String arn);

  /** {@code ec2:DescribeSecurityGroups} with these filters, every page. */
  List<SecurityGroup> securityGroups(List<Filter> filters);

  /**
   * {@code tag:GetResources} of load balancers and target groups whose tags include {@code tags}
   * (every page): tags by ARN.
   */
  Map<String, Map<String, String>> taggedLoadBalancersAndTargetGroups(Map<String, String> tags);

  /** {@code wafv2:GetWebACLForResource}: the web ACL's ARN, or null when none is associated. */
  String webAclArn(String resourceArn);

  /** {@code shield:GetSubscriptionState}: ACTIVE or INACTIVE. */
  String shieldSubscriptionState();

  /** {@code shield:DescribeProtection} of a resource: the protection id, or null. */
  String shieldProtectionId(String resourceArn);

  /**
   * {@code acm:ListCertificates} of the region, every page, with ACM's default filters (as the
   * reference's certificate synthesizer lists them): the candidates for a stack's certificates.
   */
  default List<software.amazon.awssdk.services.acm.model.CertificateSummary> certificates() {
    throw new UnsupportedOperationException("ListCertificates is not available in this reader");
  }

  /** {@code acm:ListTagsForCertificate}: key → value. */
  default Map<String, String> certificateTags(String certificateArn) {
    throw new UnsupportedOperationException("ListTagsForCertificate is not available in this reader");
  }
}
