package dev.albc.controller;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS SDK call in the reference's {@code aws_api_*} metrics (docs/controller.md
 * "Metrics"): one {@code aws_api_calls_total} per call after its retries, one
 * {@code aws_api_requests_total} per HTTP attempt, the call's duration and retries, and the four
 * exclusive error counters (permission, service limit, throttling, validation; first match wins).
 */
public final class AwsMetrics implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("albc.metrics.start");
  private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("albc.metrics.attempts");
  private final Metrics m;

  public AwsMetrics(Metrics m) {
    this.m = m;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes a) {
    a.putAttribute(START, System.nanoTime());
    a.putAttribute(ATTEMPTS, 0);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes a) {
    Integer n = a.getAttribute(ATTEMPTS);
    a.putAttribute(ATTEMPTS, n == null ? 1 : n + 1);
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes a) {
    int status = context.httpResponse().statusCode();
    m.awsRequests.labelValues(service(a), operation(a), String.valueOf(status), status < 300 ? "" : "?").inc();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes a) {
    done(a, String.valueOf(context.httpResponse().statusCode()), "");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes a) {
    Throwable e = context.exception();
    String status = "0";
    String code = "internal";
    if (e instanceof SdkServiceException s) {
      status = String.valueOf(s.statusCode());
      if (s instanceof AwsServiceException aws && aws.awsErrorDetails() != null
          && aws.awsErrorDetails().errorCode() != null) {
        code = aws.awsErrorDetails().errorCode();
      }
    }
    done(a, status, code);
    String svc = service(a);
    String op = operation(a);
    if (status.equals("401") || status.equals("403") || code.equals("AccessDeniedException") || code.equals("AuthFailure")) {
      m.awsPermissionErrors.labelValues(svc, op, status, code).inc();
    } else if (code.contains("LimitExceeded")) {
      m.awsLimitErrors.labelValues(svc, op, status, code).inc();
    } else if (e instanceof SdkServiceException s && s.isThrottlingException()) {
      m.awsThrottledErrors.labelValues(svc, op, status, code).inc();
    } else if (code.equals("ValidationError")) {
      m.awsValidationErrors.labelValues(svc, op, status, code).inc();
    }
  }

  private void done(ExecutionAttributes a, String status, String code) {
    String svc = service(a);
    String op = operation(a);
    m.awsCalls.labelValues(svc, op, status, code).inc();
    Long start = a.getAttribute(START);
    if (start != null) {
      m.awsCallDuration.labelValues(svc, op).observe((System.nanoTime() - start) / 1e9);
    }
    Integer attempts = a.getAttribute(ATTEMPTS);
    m.awsCallRetries.labelValues(svc, op).observe(attempts == null ? 0 : Math.max(0, attempts - 1));
  }

  private static String service(ExecutionAttributes a) {
    String s = a.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    return s == null ? "?" : s;
  }

  private static String operation(ExecutionAttributes a) {
    String s = a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return s == null ? "?" : s;
  }
}
