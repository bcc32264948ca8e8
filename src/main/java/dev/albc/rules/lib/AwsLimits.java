package dev.albc.rules.lib;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS's limits on the values albc sends to Elastic Load Balancing: one table, each limit with the
 * AWS documentation page it comes from, named by the DRL rules that check it (limits.drl,
 * limits-resources.drl) and listed in docs/annotations.md ("Limits"). A limit here is AWS's, never a
 * choice of albc; a quota AWS lets an account raise is a warning that names the quota, a hard limit
 * an error. Lists AWS keeps extending (SSL policies, attribute keys) are only warned about offline.
 */
public final class AwsLimits {
  private AwsLimits() {}

  static final String DOCS = "https://docs.aws.amazon.com/elasticloadbalancing/latest/";
  public static final String HEALTH_CHECKS = DOCS + "application/target-group-health-checks.html";
  public static final String QUOTAS = DOCS + "application/load-balancer-limits.html";
  public static final String CONDITIONS = DOCS + "application/rule-condition-types.html";
  public static final String ACTIONS = DOCS + "application/rule-action-types.html";
  public static final String TAGS = DOCS + "APIReference/API_Tag.html";
  public static final String TARGET_GROUP = DOCS + "APIReference/API_CreateTargetGroup.html";
  public static final String MATCHER = DOCS + "APIReference/API_Matcher.html";
  public static final String TUPLE = DOCS + "APIReference/API_TargetGroupTuple.html";
  public static final String LB_ATTRIBUTES = DOCS + "APIReference/API_LoadBalancerAttribute.html";
  public static final String TG_ATTRIBUTES = DOCS + "APIReference/API_TargetGroupAttribute.html";
  public static final String SSL_POLICIES = DOCS + "application/describe-ssl-policies.html";
  public static final String KUBERNETES_NAMES =
      "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";

  /**
   * An inclusive integer range (or a count: min 0) with what it limits and where AWS says so.
   * {@code adjustable}: an account quota AWS raises on request (a warning past it, naming the quota).
   */
  public record Limit(String what, long min, long max, boolean adjustable, String source) {
    /** "an integer from 5 to 300 (health check interval in seconds; AWS: <page>)". */
    public String expected() {
      return "an integer from " + min + " to " + max + " (" + what + "; AWS: " + source + ")";
    }

    /** "at most 5 (condition values per rule; AWS: <page>)". */
    public String atMost() {
      return "at most " + max + " (" + what + (adjustable ? ", a quota AWS raises on request" : "")
          + "; AWS: " + source + ")";
    }

    /** "at most 128 characters (path pattern length; AWS: <page>)", for lengths. */
    public String characters() {
      return (min <= 1 ? "at most " + max : "from " + min + " to " + max) + " characters (" + what + "; AWS: "
          + source + ")";
    }

    public boolean contains(long v) {
      return v >= min && v <= max;
    }
  }

  // ---- target group health checks (HEALTH_CHECKS, TARGET_GROUP) -------------------------------
  public static final Limit HEALTH_CHECK_INTERVAL =
      new Limit("health check interval in seconds", 5, 300, false, HEALTH_CHECKS);
  public static final Limit HEALTH_CHECK_TIMEOUT =
      new Limit("health check timeout in seconds, less than the interval", 2, 120, false, HEALTH_CHECKS);
  public static final Limit HEALTHY_THRESHOLD =
      new Limit("healthy threshold count", 2, 10, false, HEALTH_CHECKS);
  public static final Limit UNHEALTHY_THRESHOLD =
      new Limit("unhealthy threshold count", 2, 10, false, HEALTH_CHECKS);
  public static final Limit HEALTH_CHECK_PATH_LENGTH =
      new Limit("health check path length", 1, 1024, false, TARGET_GROUP);
  public static final Limit HTTP_SUCCESS_CODE = new Limit("HTTP success code", 200, 499, false, MATCHER);
  public static final Limit GRPC_SUCCESS_CODE = new Limit("gRPC success code", 0, 99, false, MATCHER);

  // ---- ports, weights ------------------------------------------------------------------------
  public static final Limit PORT = new Limit("port", 1, 65535, false, TARGET_GROUP);
  public static final Limit WEIGHT = new Limit("target group weight", 0, 999, false, TUPLE);
  public static final Limit STICKINESS_DURATION =
      new Limit("target group stickiness duration in seconds", 1, 604800, false, TUPLE);

  // ---- rules and conditions (QUOTAS, CONDITIONS) ---------------------------------------------
  public static final Limit RULES_PER_LOAD_BALANCER =
      new Limit("rules per Application Load Balancer, default rules excluded", 0, 100, true, QUOTAS);
  public static final Limit RULE_PRIORITY = new Limit("rule priority", 1, 50000, false, QUOTAS);
  public static final Limit CONDITION_VALUES_PER_RULE =
      new Limit("condition values per rule", 0, 5, false, QUOTAS);
  public static final Limit CONDITION_WILDCARDS_PER_RULE =
      new Limit("condition wildcards per rule", 0, 5, false, QUOTAS);
  public static final Limit TARGET_GROUPS_PER_ACTION =
      new Limit("target groups per action", 0, 5, false, QUOTAS);
  public static final Limit TARGET_GROUPS_PER_LOAD_BALANCER =
      new Limit("target groups per Application Load Balancer", 0, 100, false, QUOTAS);
  public static final Limit PATH_PATTERN_LENGTH = new Limit("path pattern length", 1, 128, false, CONDITIONS);
  public static final Limit HOST_LENGTH = new Limit("host name length", 1, 128, false, CONDITIONS);
  public static final Limit METHOD_LENGTH = new Limit("HTTP method length", 1, 40, false, CONDITIONS);

  // ---- actions (ACTIONS) ---------------------------------------------------------------------
  public static final List<String> REDIRECT_STATUS_CODES = List.of("HTTP_301", "HTTP_302");
  public static final Limit REDIRECT_PART_LENGTH =
      new Limit("redirect host or path length", 1, 128, false, ACTIONS);
  public static final Limit FIXED_RESPONSE_BODY_LENGTH =
      new Limit("fixed-response message body length", 0, 1024, false, ACTIONS);
  public static final List<String> FIXED_RESPONSE_CONTENT_TYPES =
      List.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");

  // ---- tags (TAGS) ---------------------------------------------------------------------------
  public static final Limit TAGS_PER_RESOURCE = new Limit("tags per resource", 0, 50, false, TAGS);
  public static final Limit TAG_KEY_LENGTH = new Limit("tag key length", 1, 128, false, TAGS);
  public static final Limit TAG_VALUE_LENGTH = new Limit("tag value length", 0, 256, false, TAGS);

  // ---- attributes (LB_ATTRIBUTES, TG_ATTRIBUTES) ---------------------------------------------

  /** The type of an attribute value: a boolean, an integer range, or one of some words. */
  public record AttributeType(String description, Limit range, List<String> words) {
    static AttributeType bool() {
      return new AttributeType("true or false", null, List.of("true", "false"));
    }

    static AttributeType integer(Limit l) {
      return new AttributeType(null, l, List.of());
    }

    static AttributeType integerOr(Limit l, String... words) {
      return new AttributeType(null, l, List.of(words));
    }

    static AttributeType oneOf(String... words) {
      return new AttributeType(null, null, List.of(words));
    }

    static AttributeType text() {
      return new AttributeType("any text", null, List.of());
    }
  }

  /** Load balancer attribute keys albc knows for an ALB, with the type AWS documents. */
  public static final Map<String, AttributeType> LOAD_BALANCER_ATTRIBUTES = loadBalancerAttributes();

  /** Target group attribute keys albc knows for an ALB's target groups, with their types. */
  public static final Map<String, AttributeType> TARGET_GROUP_ATTRIBUTES = targetGroupAttributes();

  private static Map<String, AttributeType> loadBalancerAttributes() {
    Map<String, AttributeType> m = new TreeMap<>();
    for (String b : List.of("access_logs.s3.enabled", "connection_logs.s3.enabled", "health_check_logs.s3.enabled",
        "deletion_protection.enabled", "routing.http.drop_invalid_header_fields.enabled",
        "routing.http.preserve_host_header.enabled", "routing.http.x_amzn_tls_version_and_cipher_suite.enabled",
        "routing.http.xff_client_port.enabled", "routing.http2.enabled", "waf.fail_open.enabled",
        "zonal_shift.config.enabled")) {
      m.put(b, AttributeType.bool());
    }
    for (String t : List.of("access_logs.s3.bucket", "access_logs.s3.prefix", "connection_logs.s3.bucket",
        "connection_logs.s3.prefix", "health_check_logs.s3.bucket", "health_check_logs.s3.prefix")) {
      m.put(t, AttributeType.text());
    }
    m.put("idle_timeout.timeout_seconds",
        AttributeType.integer(new Limit("idle timeout in seconds", 1, 4000, false, LB_ATTRIBUTES)));
    m.put("client_keep_alive.seconds",
        AttributeType.integer(new Limit("client keep-alive in seconds", 60, 604800, false, LB_ATTRIBUTES)));
    m.put("routing.http.desync_mitigation_mode", AttributeType.oneOf("monitor", "defensive", "strictest"));
    m.put("routing.http.xff_header_processing.mode", AttributeType.oneOf("append", "preserve", "remove"));
    return m;
  }

  private static Map<String, AttributeType> targetGroupAttributes() {
    Map<String, AttributeType> m = new TreeMap<>();
    m.put("deregistration_delay.timeout_seconds",
        AttributeType.integer(new Limit("deregistration delay in seconds", 0, 3600, false, TG_ATTRIBUTES)));
    m.put("stickiness.enabled", AttributeType.bool());
    m.put("stickiness.type", AttributeType.oneOf("lb_cookie", "app_cookie"));
    m.put("stickiness.lb_cookie.duration_seconds", AttributeType.integer(STICKINESS_DURATION));
    m.put("stickiness.app_cookie.duration_seconds", AttributeType.integer(STICKINESS_DURATION));
    m.put("stickiness.app_cookie.cookie_name", AttributeType.text());
    m.put("load_balancing.algorithm.type",
        AttributeType.oneOf("round_robin", "least_outstanding_requests", "weighted_random"));
    m.put("load_balancing.algorithm.anomaly_mitigation", AttributeType.oneOf("on", "off"));
    m.put("load_balancing.cross_zone.enabled", AttributeType.oneOf("true", "false", "use_load_balancer_configuration"));
    m.put("slow_start.duration_seconds",
        AttributeType.integerOr(new Limit("slow start duration in seconds (or 0: off)", 30, 900, false, TG_ATTRIBUTES), "0"));
    m.put("target_group_health.dns_failover.minimum_healthy_targets.count",
        AttributeType.integerOr(new Limit("minimum healthy targets", 1, 5000, false, TG_ATTRIBUTES), "off"));
    m.put("target_group_health.dns_failover.minimum_healthy_targets.percentage",
        AttributeType.integerOr(new Limit("minimum healthy targets percentage", 1, 100, false, TG_ATTRIBUTES), "off"));
    m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count",
        AttributeType.integer(new Limit("minimum healthy targets", 1, 5000, false, TG_ATTRIBUTES)));
    m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
        AttributeType.integerOr(new Limit("minimum healthy targets percentage", 1, 100, false, TG_ATTRIBUTES), "off"));
    m.put("lambda.multi_value_headers.enabled", AttributeType.bool());
    return m;
  }

  /**
   * The ELB security policies AWS documents for HTTPS listeners when this table was written. AWS
   * adds policies, so a name not listed here is a warning offline, never an error.
   */
  public static final List<String> SSL_POLICY_NAMES = List.of(
      "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
      "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-1-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-FS-1-2-Res-2019-08",
      "ELBSecurityPolicy-FS-1-2-2019-08", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-FS-2018-06",
      "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-TLS-1-2-2017-01",
      "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05",
      "ELBSecurityPolicy-TLS-1-0-2015-04");
}
