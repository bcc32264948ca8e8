package dev.albc.rules.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The reference controller's resource names: {@code k8s-<ns:8>-<name:8>-<hash:10>} for implicit
 * groups, {@code k8s-<group:17>-<hash:10>} for explicit ones; hashes are sha256 hex of the plain
 * concatenation of their inputs; non-alphanumerics are stripped before truncation.
 */
public final class Names {
  private Names() {}

  /** The ALB name: hash of cluster name + group id + scheme. */
  public static String loadBalancer(String clusterName, Group group, String scheme) {
    return prefixFor(group) + "-" + sha256(clusterName + group.id() + scheme).substring(0, 10);
  }

  /** The managed frontend security group's name: hash of cluster name + group id. */
  public static String managedSecurityGroup(String clusterName, Group group) {
    return prefixFor(group) + "-" + sha256(clusterName + group.id()).substring(0, 10);
  }

  /** The shared backend security group: {@code k8s-traffic-<cluster:232>-<hash:10>}. */
  public static String backendSecurityGroup(String clusterName) {
    String c = alnum(clusterName);
    return "k8s-traffic-" + trunc(c, 232) + "-" + sha256(clusterName).substring(0, 10);
  }

  /**
   * A target group's name: {@code k8s-<svcNs:8>-<svc:8>-<hash:10>}, hash over cluster name, group
   * id, Ingress namespace and name, Service UID, the port as written, TG port, target type,
   * protocol and protocol version.
   */
  public static String targetGroup(
      String clusterName,
      String groupId,
      String ingressNamespace,
      String ingressName,
      String serviceNamespace,
      String serviceName,
      String serviceUid,
      String servicePort,
      int tgPort,
      String targetType,
      String protocol,
      String protocolVersion) {
    return targetGroup(clusterName, groupId, ingressNamespace, ingressName, serviceNamespace, serviceName,
        serviceUid, servicePort, tgPort, targetType, protocol, protocolVersion, null);
  }

  /**
   * A target group's name with a target control port ({@code target-control-port.<svc>.<port>}):
   * the port, when set, ends the hash's input (the reference's).
   */
  public static String targetGroup(
      String clusterName,
      String groupId,
      String ingressNamespace,
      String ingressName,
      String serviceNamespace,
      String serviceName,
      String serviceUid,
      String servicePort,
      int tgPort,
      String targetType,
      String protocol,
      String protocolVersion,
      Integer targetControlPort) {
    String hash =
        sha256(
            clusterName
                + groupId
                + ingressNamespace
                + ingressName
                + serviceUid
                + servicePort
                + tgPort
                + targetType
                + protocol
                + protocolVersion
                + (targetControlPort == null ? "" : String.valueOf(targetControlPort)));
    return "k8s-"
        + trunc(alnum(serviceNamespace), 8)
        + "-"
        + trunc(alnum(serviceName), 8)
        + "-"
        + hash.substring(0, 10);
  }

  /**
   * The frontend NLB's name: the ALB's name cut to 28 characters, then {@code -nlb} (the reference
   * keeps as much of the ALB's name as fits in 32).
   */
  public static String frontendNlb(String albName) {
    return trunc(albName, 28) + "-nlb";
  }

  /**
   * A frontend NLB target group's name: {@code k8s-<ns:8>-<name:8>-<hash:10>} (implicit group) or
   * {@code k8s-<group:17>-<hash:10>} (explicit), hash over cluster name, group id, NLB port, target
   * type {@code alb}, protocol {@code TCP}, health-check port and health-check protocol.
   */
  public static String frontendNlbTargetGroup(String clusterName, Group group, int nlbPort, String healthCheckPort,
      String healthCheckProtocol) {
    String hash = sha256(clusterName + group.id() + nlbPort + "alb" + "TCP" + healthCheckPort + healthCheckProtocol);
    return prefixFor(group) + "-" + hash.substring(0, 10);
  }

  /** A target group's resource id: {@code <ingNs>/<ingName>-<svcName>:<port>}. */
  public static String targetGroupResourceId(
      String ingressNamespace, String ingressName, String serviceName, String port) {
    return ingressNamespace + "/" + ingressName + "-" + serviceName + ":" + port;
  }

  private static String prefixFor(Group group) {
    if (group.explicit()) {
      return "k8s-" + trunc(alnum(group.id()), 17);
    }
    String[] parts = group.id().split("/", 2);
    return "k8s-" + trunc(alnum(parts[0]), 8) + "-" + trunc(alnum(parts[1]), 8);
  }

  static String alnum(String s) {
    return s.replaceAll("[^A-Za-z0-9]", "");
  }

  static String trunc(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  public static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
