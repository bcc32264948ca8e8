package dev.albc.rules.api;

/** How setting scopes are written. */
public final class Scopes {
  private Scopes() {}

  /** Settings of one Ingress (group.order, per-Ingress rule settings). */
  public static String ingress(String ingressKey) {
    return "ingress:" + ingressKey;
  }

  /** Group-wide settings: the load balancer, its security groups, tags, ssl-redirect … */
  public static String group(String groupId) {
    return "group:" + groupId;
  }

  /** Settings of one listener port of a group (ssl-policy, inbound-cidrs …). */
  public static String listener(String groupId, int port) {
    return "listener:" + groupId + ":" + port;
  }

  /** Settings of one target group, by its resource id {@code ns/ing-svc:port}. */
  public static String targetGroup(String groupId, String tgResourceId) {
    return "tg:" + groupId + ":" + tgResourceId;
  }

  /** The group id a scope belongs to (ingress scopes have none: null). */
  public static String groupOf(String scope) {
    if (scope.startsWith("group:")) {
      return scope.substring(6);
    }
    if (scope.startsWith("listener:")) {
      String rest = scope.substring(9);
      return rest.substring(0, rest.lastIndexOf(':'));
    }
    if (scope.startsWith("tg:")) {
      String rest = scope.substring(3);
      // tg:<group>:<ns>/<ing>-<svc>:<port>; the resource id holds one ':' and one '/'
      int slash = rest.lastIndexOf('/');
      int colon = rest.lastIndexOf(':', slash);
      return colon < 0 ? rest : rest.substring(0, colon);
    }
    return null;
  }
}
