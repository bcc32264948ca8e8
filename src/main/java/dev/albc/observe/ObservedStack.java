package dev.albc.observe;

import java.util.List;
import java.util.Map;

/**
 * What AWS (and the cluster) hold for one stack (IngressGroup), found by the tracking tags.
 *
 * @param loadBalancers the stack's load balancers (the one to keep and any stale one)
 * @param listeners listeners of the load balancer that is kept (its {@code parent})
 * @param rules the non-default rules of those listeners ({@code parent}: the listener ARN)
 * @param targetGroups the stack's target groups, wanted or stale
 * @param securityGroups the stack's security groups (the managed frontend one, and any stale one)
 * @param backendSecurityGroup the cluster's shared backend security group, or null (not found, or
 *     not looked up because the stack does not use it)
 * @param webAcls WAFv2 web ACL ARN by load balancer ARN ("" none); only for load balancers whose
 *     association is wanted
 * @param shieldProtections Shield protection id by load balancer ARN ("" none); only when wanted
 * @param shieldActive whether the account's Shield Advanced subscription is active (null: not read)
 * @param bindings the stack's TargetGroupBindings, or null when the cluster is not read
 * @param conflicts resources that carry a wanted name but are not this stack's (the plan must stop)
 * @param certificates the ACM certificates albc requested for the stack (found by its tags; body: the
 *     ListCertificates summary), or null when not read (the gate EnableCertificateManagement is off):
 *     then no certificate is created or deleted
 */
public record ObservedStack(
    String groupId,
    List<ObservedResource> loadBalancers,
    List<ObservedResource> listeners,
    List<ObservedResource> rules,
    List<ObservedResource> targetGroups,
    List<ObservedResource> securityGroups,
    ObservedResource backendSecurityGroup,
    Map<String, String> webAcls,
    Map<String, String> shieldProtections,
    Boolean shieldActive,
    List<ObservedResource> bindings,
    List<String> conflicts,
    List<ObservedResource> certificates) {

  /** A stack whose certificates were not read. */
  public ObservedStack(String groupId, List<ObservedResource> loadBalancers, List<ObservedResource> listeners,
      List<ObservedResource> rules, List<ObservedResource> targetGroups, List<ObservedResource> securityGroups,
      ObservedResource backendSecurityGroup, Map<String, String> webAcls, Map<String, String> shieldProtections,
      Boolean shieldActive, List<ObservedResource> bindings, List<String> conflicts) {
    this(groupId, loadBalancers, listeners, rules, targetGroups, securityGroups, backendSecurityGroup, webAcls,
        shieldProtections, shieldActive, bindings, conflicts, null);
  }

  public ObservedStack {
    loadBalancers = List.copyOf(loadBalancers);
    listeners = List.copyOf(listeners);
    rules = List.copyOf(rules);
    targetGroups = List.copyOf(targetGroups);
    securityGroups = List.copyOf(securityGroups);
    webAcls = webAcls == null ? Map.of() : Map.copyOf(webAcls);
    shieldProtections = shieldProtections == null ? Map.of() : Map.copyOf(shieldProtections);
    bindings = bindings == null ? null : List.copyOf(bindings);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    certificates = certificates == null ? null : List.copyOf(certificates);
  }

  /** This stack with its certificates read. */
  public ObservedStack withCertificates(List<ObservedResource> certs) {
    return new ObservedStack(groupId, loadBalancers, listeners, rules, targetGroups, securityGroups,
        backendSecurityGroup, webAcls, shieldProtections, shieldActive, bindings, conflicts, certs);
  }

  /** Nothing in AWS for this stack. */
  public static ObservedStack empty(String groupId) {
    return new ObservedStack(groupId, List.of(), List.of(), List.of(), List.of(), List.of(), null,
        Map.of(), Map.of(), null, null, List.of());
  }

  /** True when AWS holds nothing of the stack (the shared backend SG aside) and no binding exists. */
  public boolean isEmpty() {
    return loadBalancers.isEmpty() && targetGroups.isEmpty() && securityGroups.isEmpty()
        && (bindings == null || bindings.isEmpty()) && (certificates == null || certificates.isEmpty());
  }
}
