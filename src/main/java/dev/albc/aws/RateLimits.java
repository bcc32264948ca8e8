package dev.albc.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Client-side rate limits per AWS operation, as the reference controller's token buckets
 * ({@code --aws-api-throttle}): each rule is a service, an operation pattern, a rate per second and
 * a burst. A call waits (at most {@link #MAX_WAIT}) for a permit of the first rule that matches it.
 *
 * <p>Implemented with Resilience4j's RateLimiter, which refills a whole period at once: a rule of
 * rate r and burst b is a limiter of b permits per b/r seconds, so the long-run rate is r and at
 * most b calls go out back to back.
 */
public final class RateLimits implements ExecutionInterceptor {

  /** The reference controller's defaults ({@code pkg/aws/throttle/defaults.go}). */
  public static final String DEFAULTS =
      "elbv2:RegisterTargets|DeregisterTargets=4:20,"
          + "elbv2:Describe.*=50:200,"
          + "elbv2:Modify.*=3:20,"
          + "wafv2:AssociateWebACL|DisassociateWebACL=0.5:1,"
          + "wafv2:GetWebACLForResource|ListResourcesForWebACL=1:1";

  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  /** One rule: {@code service:operationRegex=rate:burst}. */
  public record Rule(String service, Pattern operations, double ratePerSecond, int burst) {}

  private final List<Rule> rules;
  private final Map<Rule, RateLimiter> limiters = new ConcurrentHashMap<>();

  public RateLimits(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The reference's defaults. */
  public static RateLimits defaults() {
    return parse(DEFAULTS);
  }

  /**
   * Parses {@code service:opRegex=rate:burst,...} (the reference's {@code --aws-api-throttle}
   * format; services by short name {@code elbv2}, {@code ec2}, {@code wafv2}, … or the reference's
   * service id, e.g. {@code Elastic Load Balancing v2}). Empty: no limits.
   */
  public static RateLimits parse(String spec) {
    List<Rule> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return new RateLimits(out);
    }
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.indexOf(':');
      int eq = p.lastIndexOf('=');
      if (colon <= 0 || eq < colon) {
        throw new IllegalArgumentException("\"" + p + "\": expected service:operationRegex=rate:burst");
      }
      String service = Services.shortName(p.substring(0, colon).trim());
      String ops = p.substring(colon + 1, eq).trim();
      String[] rb = p.substring(eq + 1).split(":");
      if (rb.length != 2) {
        throw new IllegalArgumentException("\"" + p + "\": expected rate:burst after '='");
      }
      double rate;
      int burst;
      try {
        rate = Double.parseDouble(rb[0].trim());
        burst = Integer.parseInt(rb[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("\"" + p + "\": rate and burst must be numbers", e);
      }
      if (rate <= 0 || burst <= 0) {
        throw new IllegalArgumentException("\"" + p + "\": rate and burst must be positive");
      }
      out.add(new Rule(service, Pattern.compile("^(?:" + ops + ")$"), rate, burst));
    }
    return new RateLimits(out);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rule for a call, or null. */
  public Rule ruleFor(String service, String operation) {
    String s = Services.shortName(service);
    for (Rule r : rules) {
      if (r.service().equals(s) && r.operations().matcher(operation).matches()) {
        return r;
      }
    }
    return null;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Rule rule = ruleFor(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    if (rule == null) {
      return;
    }
    RateLimiter limiter = limiters.computeIfAbsent(rule, RateLimits::limiter);
    if (!limiter.acquirePermission()) {
      throw new IllegalStateException("client-side rate limit " + rule.service() + ":" + rule.operations().pattern()
          + " gave no permit within " + MAX_WAIT.toSeconds() + " s");
    }
  }

  private static RateLimiter limiter(Rule r) {
    long periodNanos = Math.max(1L, Math.round(r.burst() / r.ratePerSecond() * 1e9));
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(r.burst())
        .limitRefreshPeriod(Duration.ofNanos(periodNanos))
        .timeoutDuration(MAX_WAIT)
        .build();
    return RateLimiter.of(r.service() + ":" + r.operations().pattern(), config);
  }
}
