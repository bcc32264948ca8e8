package dev.albc.observe;

import dev.albc.aws.AwsSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/** {@link AwsReads} over the SDK clients of an {@link AwsSession}: each method is the one call it names. */
public final class SessionReads implements AwsReads {
  public static final String LB_TYPE = "elasticloadbalancing:loadbalancer";
  public static final String TG_TYPE = "elasticloadbalancing:targetgroup";

  private final AwsSession aws;

  public SessionReads(AwsSession aws) {
    this.aws = aws;
  }

  @Override
  public List<LoadBalancer> loadBalancersByName(List<String> names) {
    return aws.elbv2().describeLoadBalancers(r -> r.names(names)).loadBalancers();
  }

  @Override
  public List<LoadBalancer> loadBalancersByArn(List<String> arns) {
    return aws.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(arns)).loadBalancers();
  }

  @Override
  public List<LoadBalancer> allLoadBalancers() {
    List<LoadBalancer> out = new ArrayList<>();
    aws.elbv2().describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancers().forEach(out::add);
    return out;
  }

  @Override
  public List<TargetGroup> targetGroupsByName(List<String> names) {
    return aws.elbv2().describeTargetGroups(r -> r.names(names)).targetGroups();
  }

  @Override
  public List<TargetGroup> targetGroupsByArn(List<String> arns) {
    return aws.elbv2().describeTargetGroups(r -> r.targetGroupArns(arns)).targetGroups();
  }

  @Override
  public List<TargetGroup> allTargetGroups() {
    List<TargetGroup> out = new ArrayList<>();
    aws.elbv2().describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups().forEach(out::add);
    return out;
  }

  @Override
  public Map<String, Map<String, String>> tags(List<String> arns) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (TagDescription d : aws.elbv2().describeTags(r -> r.resourceArns(arns)).tagDescriptions()) {
      Map<String, String> t = new TreeMap<>();
      d.tags().forEach(x -> t.put(x.key(), x.value()));
      out.put(d.resourceArn(), t);
    }
    return out;
  }

  @Override
  public List<Listener> listeners(String loadBalancerArn) {
    List<Listener> out = new ArrayList<>();
    aws.elbv2().describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn)).listeners().forEach(out::add);
    return out;
  }

  @Override
  public List<Certificate> listenerCertificates(String listenerArn) {
    List<Certificate> out = new ArrayList<>();
    aws.elbv2().describeListenerCertificatesPaginator(r -> r.listenerArn(listenerArn)).certificates()
        .forEach(out::add);
    return out;
  }

  @Override
  public Map<String, String> listenerAttributes(String listenerArn) {
    Map<String, String> out = new java.util.TreeMap<>();
    aws.elbv2().describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes()
        .forEach(a -> out.put(a.key(), a.value()));
    return out;
  }

  /** Targets being deregistered (draining) are on their way out: not listed. */
  @Override
  public List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription> registeredTargets(
      String targetGroupArn) {
    return aws.elbv2().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions().stream()
        .filter(d -> d.targetHealth() == null || !"draining".equals(d.targetHealth().stateAsString()))
        .map(d -> d.target()).toList();
  }

  @Override
  public String trustStoreArn(String name) {
    try {
      return aws.elbv2().describeTrustStores(r -> r.names(name)).trustStores().stream()
          .filter(t -> name.equals(t.name())).map(t -> t.trustStoreArn()).findFirst().orElse(null);
    } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotFoundException e) {
      return null;
    }
  }

  @Override
  public List<Rule> rules(String listenerArn) {
    List<Rule> out = new ArrayList<>();
    String marker = null;
    do {
      final String m = marker;
      var resp = aws.elbv2().describeRules(r -> r.listenerArn(listenerArn).marker(m));
      out.addAll(resp.rules());
      marker = resp.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  @Override
  public Map<String, String> loadBalancerAttributes(String arn) {
    Map<String, String> m = new TreeMap<>();
    aws.elbv2().describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes()
        .forEach(a -> m.put(a.key(), a.value()));
    return m;
  }

  @Override
  public com.fasterxml.jackson.databind.node.ObjectNode capacityReservation(String loadBalancerArn) {
    return dev.albc.aws.SdkJson.toJson(
        aws.elbv2().describeCapacityReservation(r -> r.loadBalancerArn(loadBalancerArn)));
  }

  @Override
  public Map<String, String> targetGroupAttributes(String arn) {
    Map<String, String> m = new TreeMap<>();
    aws.elbv2().describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()
        .forEach(a -> m.put(a.key(), a.value()));
    return m;
  }

  @Override
  public List<SecurityGroup> securityGroups(List<Filter> filters) {
    List<SecurityGroup> out = new ArrayList<>();
    aws.ec2().describeSecurityGroupsPaginator(r -> r.filters(filters)).securityGroups().forEach(out::add);
    return out;
  }

  @Override
  public Map<String, Map<String, String>> taggedLoadBalancersAndTargetGroups(Map<String, String> tags) {
    List<TagFilter> tf = new ArrayList<>();
    new TreeMap<>(tags).forEach((k, v) -> tf.add(TagFilter.builder().key(k).values(v).build()));
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (ResourceTagMapping m : aws.tagging().getResourcesPaginator(r -> r.tagFilters(tf)
        .resourceTypeFilters(LB_TYPE, TG_TYPE).resourcesPerPage(100)).resourceTagMappingList()) {
      Map<String, String> t = new TreeMap<>();
      m.tags().forEach(x -> t.put(x.key(), x.value()));
      out.put(m.resourceARN(), t);
    }
    return out;
  }

  @Override
  public String webAclArn(String resourceArn) {
    var acl = aws.wafv2().getWebACLForResource(r -> r.resourceArn(resourceArn)).webACL();
    return acl == null ? null : acl.arn();
  }

  @Override
  public String shieldSubscriptionState() {
    return aws.shield().getSubscriptionState(r -> { }).subscriptionStateAsString();
  }

  @Override
  public String shieldProtectionId(String resourceArn) {
    var p = aws.shield().describeProtection(r -> r.resourceArn(resourceArn)).protection();
    return p == null ? null : p.id();
  }

  @Override
  public List<software.amazon.awssdk.services.acm.model.CertificateSummary> certificates() {
    List<software.amazon.awssdk.services.acm.model.CertificateSummary> out = new ArrayList<>();
    aws.acm().listCertificatesPaginator(r -> { }).certificateSummaryList().forEach(out::add);
    return out;
  }

  @Override
  public Map<String, String> certificateTags(String certificateArn) {
    Map<String, String> out = new TreeMap<>();
    aws.acm().listTagsForCertificate(r -> r.certificateArn(certificateArn)).tags()
        .forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    return out;
  }
}
