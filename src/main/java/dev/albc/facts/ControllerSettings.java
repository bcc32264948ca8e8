package dev.albc.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The controller's own settings: its flags, with the reference controller's names and defaults.
 *
 * @param ingressClass {@code --ingress-class} (default {@code alb}); empty means class-less Ingresses
 *     are managed too
 * @param featureGates every gate with its value (defaults merged with {@code --feature-gates})
 * @param disableRestrictedSgRules {@code --disable-restricted-sg-rules} (default false): a
 *     TargetGroupBinding's networking lets the backend security group reach every TCP port of the
 *     targets instead of the traffic, health-check and target-control ports only
 * @param defaultPcaArn {@code --default-pca-arn} (default empty): the ACM Private CA that issues the
 *     certificates albc requests ({@code create-acm-cert}) for Ingresses without {@code acm-pca-arn}
 */
public record ControllerSettings(
    String clusterName,
    String vpcId,
    String region,
    String ingressClass,
    String defaultTargetType,
    String defaultLoadBalancerScheme,
    String defaultSslPolicy,
    Map<String, String> defaultTags,
    Map<String, Boolean> featureGates,
    boolean enableBackendSecurityGroup,
    String backendSecurityGroup,
    boolean tolerateNonExistentBackendService,
    boolean tolerateNonExistentBackendAction,
    List<String> allowedCertificateAuthorityArns,
    boolean disableRestrictedSgRules,
    String defaultPcaArn) {

  /** Settings without {@code --default-pca-arn}. */
  public ControllerSettings(String clusterName, String vpcId, String region, String ingressClass,
      String defaultTargetType, String defaultLoadBalancerScheme, String defaultSslPolicy,
      Map<String, String> defaultTags, Map<String, Boolean> featureGates, boolean enableBackendSecurityGroup,
      String backendSecurityGroup, boolean tolerateNonExistentBackendService,
      boolean tolerateNonExistentBackendAction, List<String> allowedCertificateAuthorityArns,
      boolean disableRestrictedSgRules) {
    this(clusterName, vpcId, region, ingressClass, defaultTargetType, defaultLoadBalancerScheme, defaultSslPolicy,
        defaultTags, featureGates, enableBackendSecurityGroup, backendSecurityGroup,
        tolerateNonExistentBackendService, tolerateNonExistentBackendAction, allowedCertificateAuthorityArns,
        disableRestrictedSgRules, "");
  }

  /** Settings with no CA filter for certificate discovery, without {@code --disable-restricted-sg-rules}. */
  public ControllerSettings(String clusterName, String vpcId, String region, String ingressClass,
      String defaultTargetType, String defaultLoadBalancerScheme, String defaultSslPolicy,
      Map<String, String> defaultTags, Map<String, Boolean> featureGates, boolean enableBackendSecurityGroup,
      String backendSecurityGroup, boolean tolerateNonExistentBackendService,
      boolean tolerateNonExistentBackendAction) {
    this(clusterName, vpcId, region, ingressClass, defaultTargetType, defaultLoadBalancerScheme, defaultSslPolicy,
        defaultTags, featureGates, enableBackendSecurityGroup, backendSecurityGroup,
        tolerateNonExistentBackendService, tolerateNonExistentBackendAction, List.of(), false);
  }

  public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";

  /** Feature gates and their defaults (reference §10). */
  public static final Map<String, Boolean> DEFAULT_FEATURE_GATES = defaultGates();

  public ControllerSettings {
    defaultTags = defaultTags == null ? Map.of() : Map.copyOf(defaultTags);
    Map<String, Boolean> gates = new TreeMap<>(DEFAULT_FEATURE_GATES);
    if (featureGates != null) {
      gates.putAll(featureGates);
    }
    featureGates = Map.copyOf(gates);
    ingressClass = ingressClass == null ? "alb" : ingressClass;
    defaultTargetType = defaultTargetType == null ? "instance" : defaultTargetType;
    defaultLoadBalancerScheme =
        defaultLoadBalancerScheme == null ? "internal" : defaultLoadBalancerScheme;
    defaultSslPolicy = defaultSslPolicy == null ? DEFAULT_SSL_POLICY : defaultSslPolicy;
    backendSecurityGroup = backendSecurityGroup == null ? "" : backendSecurityGroup;
    allowedCertificateAuthorityArns =
        allowedCertificateAuthorityArns == null ? List.of() : List.copyOf(allowedCertificateAuthorityArns);
    defaultPcaArn = defaultPcaArn == null ? "" : defaultPcaArn.strip();
  }

  /**
   * {@code --allowed-certificate-authority-arns}: whether certificate discovery may use a
   * certificate issued by this CA ({@code ""}: none, an Amazon-issued or imported certificate) —
   * any when the list is empty, else only those the list names (as the reference's
   * {@code slices.Contains}).
   */
  public boolean allowsCertificateAuthority(String caArn) {
    return allowedCertificateAuthorityArns.isEmpty() || allowedCertificateAuthorityArns.contains(caArn);
  }


  /** Settings with every default and the given cluster name. */
  public static ControllerSettings defaults(String clusterName) {
    return new ControllerSettings(
        clusterName, "", "", null, null, null, null, null, null, true, null, true, true);
  }

  public boolean gate(String name) {
    Boolean v = featureGates.get(name);
    return v != null && v;
  }

  private static Map<String, Boolean> defaultGates() {
    Map<String, Boolean> g = new LinkedHashMap<>();
    g.put("ListenerRulesTagging", true);
    g.put("WeightedTargetGroups", true);
    g.put("ServiceTypeLoadBalancerOnly", false);
    g.put("EndpointsFailOpen", true);
    g.put("EnableServiceController", true);
    g.put("EnableIPTargetType", true);
    g.put("EnableRGTAPI", false);
    g.put("SubnetsClusterTagCheck", true);
    g.put("NLBHealthCheckAdvancedConfig", true);
    g.put("NLBSecurityGroup", true);
    g.put("ALBSingleSubnet", false);
    g.put("LBCapacityReservation", true);
    g.put("SubnetDiscoveryByReachability", true);
    g.put("NLBGatewayAPI", true);
    g.put("ALBGatewayAPI", true);
    g.put("GlobalAcceleratorController", false);
    g.put("EnableTCPUDPListener", false);
    g.put("EnhancedDefaultBehavior", false);
    g.put("EnableDefaultTagsLowPriority", false);
    g.put("ALBTargetControlAgent", false);
    g.put("GatewayListenerSet", true);
    g.put("EnableCertificateManagement", false);
    g.put("IngressPlanAnnotation", false);
    return Map.copyOf(g);
  }
}
