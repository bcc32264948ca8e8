package dev.albc.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call by {@code Service:Operation} (an SDK execution interceptor on every
 * client). A call is counted once however many attempts its retries make; attempts are counted
 * apart. Thread-safe. Under test, every call also passes {@link AwsCallAudit}.
 */
public final class CallCounter implements ExecutionInterceptor {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String key = key(attributes);
    AwsCallAudit.check(key, context.request());
    calls.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.computeIfAbsent(key(attributes), k -> new LongAdder()).increment();
  }

  static String key(ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return Services.shortName(service) + ":" + operation;
  }

  /** Calls so far, by {@code Service:Operation}, sorted. */
  public Map<String, Long> snapshot() {
    return sorted(calls);
  }

  /** Attempts so far (a retried call counts each attempt), sorted. */
  public Map<String, Long> attempts() {
    return sorted(attempts);
  }

  public long total() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Calls that change something (every operation but Describe*, List*, Get*). */
  public long writes() {
    return snapshot().entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(Map.Entry::getValue).sum();
  }

  public long reads() {
    return total() - writes();
  }

  /** The write calls so far, by operation. */
  public Map<String, Long> writeCalls() {
    Map<String, Long> out = new TreeMap<>();
    snapshot().forEach((k, v) -> {
      if (isWrite(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  public void reset() {
    calls.clear();
    attempts.clear();
  }

  /** True for an operation that changes state: not Describe*, List*, Get*. */
  public static boolean isWrite(String serviceOperation) {
    String op = serviceOperation.substring(serviceOperation.indexOf(':') + 1);
    return !(op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get"));
  }

  /** The counts as lines: {@code  12  elbv2:DescribeTags}, then the totals. */
  public String render() {
    StringBuilder out = new StringBuilder("AWS calls:\n");
    Map<String, Long> s = snapshot();
    s.forEach((k, v) -> out.append(String.format("  %5d  %s%n", v, k)));
    out.append(String.format("  %5d  total (%d read, %d write)%n", total(), reads(), writes()));
    return out.toString();
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
