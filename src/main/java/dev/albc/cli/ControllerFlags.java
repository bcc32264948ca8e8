package dev.albc.cli;

import dev.albc.facts.ControllerSettings;
import dev.albc.sources.SettingsFlags;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The controller's settings flags, with the reference controller's names and defaults. Shared by
 * every command and by case files' {@code settings:} (which are parsed as these flags).
 */
public final class ControllerFlags {
  @Option(names = "--cluster-name", description = "EKS cluster name (every name and tag depends on it).")
  String clusterName;

  @Option(names = "--aws-vpc-id", description = "VPC of the cluster; AWS facts of other VPCs are ignored.")
  String vpcId = "";

  @Option(names = "--aws-region", description = "AWS region.")
  String region = "";

  @Option(names = "--ingress-class", description = "Legacy kubernetes.io/ingress.class value albc manages (default: ${DEFAULT-VALUE}).")
  String ingressClass = "alb";

  @Option(names = "--default-target-type", description = "instance or ip (default: ${DEFAULT-VALUE}).")
  String defaultTargetType = "instance";

  @Option(names = "--default-load-balancer-scheme", description = "internal or internet-facing (default: ${DEFAULT-VALUE}).")
  String defaultScheme = "internal";

  @Option(names = "--default-ssl-policy", description = "SSL policy of HTTPS listeners (default: ${DEFAULT-VALUE}).")
  String defaultSslPolicy = ControllerSettings.DEFAULT_SSL_POLICY;

  @Option(names = "--default-tags", description = "Tags on every resource: k1=v1,k2=v2.")
  String defaultTags = "";

  @Option(names = "--feature-gates", description = "Feature gates: Name=true,Other=false.")
  String featureGates = "";

  @Option(names = "--enable-backend-security-group", arity = "1", description = "Use the shared backend security group (default: ${DEFAULT-VALUE}).")
  boolean enableBackendSecurityGroup = true;

  @Option(names = "--backend-security-group", description = "An existing backend security group id (default: albc creates one).")
  String backendSecurityGroup = "";

  @Option(names = "--tolerate-non-existent-backend-service", arity = "1", description = "A missing Service gives a 503 action, not an error (default: ${DEFAULT-VALUE}).")
  boolean tolerateService = true;

  @Option(names = "--tolerate-non-existent-backend-action", arity = "1", description = "A missing actions.* gives a 503 action, not an error (default: ${DEFAULT-VALUE}).")
  boolean tolerateAction = true;

  @Option(names = "--allowed-certificate-authority-arns", paramLabel = "ARN[,ARN…]", split = ",",
      description = "Certificate discovery uses only certificates issued by these private CAs (default: any certificate).")
  List<String> allowedCaArns = new java.util.ArrayList<>();

  @Option(names = "--disable-restricted-sg-rules", arity = "0..1", fallbackValue = "true", description = "TargetGroupBindings open every TCP port of the targets to the backend security group, not only the traffic and health-check ports (default: ${DEFAULT-VALUE}).")
  boolean disableRestrictedSgRules = false;

  @Option(names = "--default-pca-arn", paramLabel = "ARN", description = "The ACM Private CA that issues the certificates albc requests (create-acm-cert) for Ingresses without acm-pca-arn (default: none, Amazon-issued certificates).")
  String defaultPcaArn = "";

  /** The settings, validated; a bad value throws IllegalArgumentException naming the flag. */
  public ControllerSettings toSettings() {
    if (clusterName == null || clusterName.isBlank()) {
      throw new IllegalArgumentException("--cluster-name is required: every resource name and tag depends on it");
    }
    require("--default-target-type", defaultTargetType, "instance", "ip");
    require("--default-load-balancer-scheme", defaultScheme, "internal", "internet-facing");
    Map<String, String> tagMap;
    Map<String, Boolean> gateMap;
    try {
      tagMap = SettingsFlags.defaultTags(defaultTags);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flagMessage("--default-tags", e), e);
    }
    try {
      gateMap = SettingsFlags.featureGates(featureGates);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flagMessage("--feature-gates", e), e);
    }
    return new ControllerSettings(clusterName, vpcId, region, ingressClass, defaultTargetType, defaultScheme,
        defaultSslPolicy, tagMap, gateMap, enableBackendSecurityGroup, backendSecurityGroup,
        tolerateService, tolerateAction, allowedCaArns.stream().map(String::strip).filter(a -> !a.isEmpty()).toList(),
        disableRestrictedSgRules, defaultPcaArn);
  }

  private static void require(String flag, String value, String... allowed) {
    if (!List.of(allowed).contains(value)) {
      throw new IllegalArgumentException(flag + ": \"" + value + "\" is not one of " + String.join(", ", allowed));
    }
  }

  /** The flag named once: SettingsFlags' messages may already start with it. */
  static String flagMessage(String flag, IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    return m.startsWith(flag + ":") ? m : flag + ": " + m;
  }
}
