package dev.albc.rules.api;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tags. User tags are settings named {@code tag:<key>} in the scope of the resource (group scope for
 * the load balancer, security group and listeners; ingress scope for listener rules; target-group
 * scope for target groups); the tracking tags are added last and always win.
 */
public final class Tags {
  public static final String CLUSTER = "elbv2.k8s.aws/cluster";
  public static final String STACK = "ingress.k8s.aws/stack";
  public static final String RESOURCE = "ingress.k8s.aws/resource";

  /** The prefix of tag settings' names. */
  public static final String SETTING_PREFIX = "tag:";

  private Tags() {}

  /** The setting name for a tag key. */
  public static String setting(String key) {
    return SETTING_PREFIX + key;
  }

  /** The three tracking tags of a resource of a group's stack. */
  public static Map<String, String> tracking(String clusterName, String groupId, String resourceId) {
    Map<String, String> t = new TreeMap<>();
    t.put(CLUSTER, clusterName);
    t.put(STACK, groupId);
    t.put(RESOURCE, resourceId);
    return t;
  }

  /**
   * The tags of a resource: the effective {@code tag:*} settings of the given scope, then the
   * tracking tags on top. Sorted by key.
   */
  public static Map<String, String> of(
      Collection<Effective> effective, String scope, String clusterName, String groupId, String resourceId) {
    Map<String, String> t = new TreeMap<>();
    for (Effective e : effective) {
      if (e.scope().equals(scope) && e.name().startsWith(SETTING_PREFIX)) {
        t.put(e.name().substring(SETTING_PREFIX.length()), e.stringValue());
      }
    }
    t.putAll(tracking(clusterName, groupId, resourceId));
    return t;
  }

  /** The tags of a resource from a group's gathered settings: {@code tag:*} of the scope, then tracking tags. */
  public static Map<String, String> of(
      GroupSettings gs, String scope, String clusterName, String groupId, String resourceId) {
    Map<String, String> t = new TreeMap<>(gs.byPrefix(scope, SETTING_PREFIX));
    t.putAll(tracking(clusterName, groupId, resourceId));
    return t;
  }

  /** True for keys users may not set (the tracking keys). */
  public static boolean isTrackingKey(String key) {
    return key.equals(CLUSTER) || key.equals(STACK) || key.equals(RESOURCE)
        || key.equals("ingress.k8s.aws/cluster");
  }
}
