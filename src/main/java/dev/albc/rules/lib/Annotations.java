package dev.albc.rules.lib;

import dev.albc.facts.IngressFact;
import dev.albc.rules.api.Ann;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;

/**
 * Every {@code alb.ingress.kubernetes.io/*} annotation of the reference controller and its status
 * in albc (docs/annotations.md is the readable form of this table).
 */
public final class Annotations {
  private Annotations() {}

  /** Supported on Ingresses only. */
  public static final List<String> INGRESS = List.of(
      "group.name", "group.order", "scheme", "ip-address-type", "load-balancer-name", "subnets",
      "security-groups", "manage-backend-security-group-rules", "customer-owned-ipv4-pool",
      "load-balancer-attributes", "wafv2-acl-arn", "wafv2-acl-name", "shield-advanced-protection", "ssl-redirect",
      "listen-ports", "inbound-cidrs", "security-group-prefix-lists", "certificate-arn", "ssl-policy",
      "use-regex-path-match", "actions.", "conditions.", "transforms.", "jwt-validation",
      "mutual-authentication", "listener-attributes.",
      // the frontend NLB (frontend-nlb.drl)
      "enable-frontend-nlb", "frontend-nlb-scheme", "frontend-nlb-subnets", "frontend-nlb-security-groups",
      "frontend-nlb-eip-allocations", "frontend-nlb-attributes", "frontend-nlb-tags",
      "frontend-nlb-listener-port-mapping", "frontend-nlb-healthcheck-port", "frontend-nlb-healthcheck-protocol",
      "frontend-nlb-healthcheck-path", "frontend-nlb-healthcheck-interval-seconds",
      "frontend-nlb-healthcheck-timeout-seconds", "frontend-nlb-healthcheck-healthy-threshold-count",
      "frontend-nlb-healthcheck-unhealthy-threshold-count", "frontend-nlb-healthcheck-success-codes",
      "minimum-load-balancer-capacity", "ipam-ipv4-pool-id",
      // certificates.drl (gate EnableCertificateManagement)
      "create-acm-cert", "acm-pca-arn");

  /** Supported on Ingresses and Services (target-group settings; the Service wins). */
  public static final List<String> BACKEND = List.of(
      "target-type", "backend-protocol", "backend-protocol-version", "target-group-attributes",
      "healthcheck-port", "healthcheck-protocol", "healthcheck-path", "healthcheck-interval-seconds",
      "healthcheck-timeout-seconds", "healthy-threshold-count", "unhealthy-threshold-count",
      "success-codes", "tags", "target-node-labels", "multi-cluster-target-group", "auth-type", "auth-idp-cognito",
      "auth-idp-oidc", "auth-on-unauthenticated-request", "auth-scope", "auth-session-cookie", "auth-session-timeout",
      "target-control-port.");

  /**
   * WAF Classic: AWS has ended it (no new web ACLs since 2025, the service retired); albc refuses it
   * and points at WAFv2 (docs/differences.md).
   */
  static final String WAF_CLASSIC = "WAF Classic (regional) web ACLs are not supported: AWS has ended WAF Classic;"
      + " migrate the web ACL to WAFv2 and use alb.ingress.kubernetes.io/wafv2-acl-arn";

  /** Annotations of the reference controller that albc refuses, with why. */
  public static final Map<String, String> NOT_SUPPORTED = notSupported();

  private static Map<String, String> notSupported() {
    Map<String, String> m = new TreeMap<>();
    m.put("waf-acl-id", WAF_CLASSIC);
    m.put("web-acl-id", WAF_CLASSIC);
    return m;
  }

  /** The annotation the controller itself writes; never an error. */
  public static final String DRY_RUN_PLAN = "dry-run-plan";

  /** The reason an ALB annotation suffix is not supported, or a generic one for unknown keys. */
  public static String whyNotSupported(String key) {
    String suffix = key.substring(Ann.ALB.length());
    for (var e : NOT_SUPPORTED.entrySet()) {
      String k = e.getKey();
      if (k.endsWith(".") || k.endsWith("-") ? suffix.startsWith(k) : suffix.equals(k)) {
        return e.getValue();
      }
    }
    return "unknown annotation: the reference controller has no such annotation (a typo?)";
  }

  /** The ALB annotations of an Ingress, sorted. */
  public static Set<String> albKeys(Map<String, String> annotations) {
    Set<String> out = new TreeSet<>();
    for (String k : annotations.keySet()) {
      if (k.startsWith(Ann.ALB) && !k.equals(Ann.alb(DRY_RUN_PLAN))) {
        out.add(k);
      }
    }
    return out;
  }

  /** Names of the Services an Ingress's rules and default backend refer to. */
  public static Set<String> referencedServices(IngressFact i) {
    Set<String> out = new TreeSet<>();
    if (i.defaultBackend() != null && i.defaultBackend().serviceName() != null) {
      out.add(i.defaultBackend().serviceName());
    }
    for (var r : i.rules()) {
      for (var p : r.paths()) {
        if (p.backend() != null && p.backend().serviceName() != null && !"use-annotation".equals(p.backend().portName())) {
          out.add(p.backend().serviceName());
        }
      }
    }
    return out;
  }
}
