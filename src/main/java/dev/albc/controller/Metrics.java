package dev.albc.controller;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The controller's Prometheus metrics, with the reference's names and labels where it has them
 * (docs/controller.md "Metrics"). One registry per controller (not the global one), so two
 * controllers in one JVM (the tests) do not share counters.
 */
public final class Metrics {
  /** The {@code controller} label of the Ingress controller, as the reference's. */
  public static final String INGRESS = "ingress";

  public final PrometheusRegistry registry = new PrometheusRegistry();

  // AWS SDK calls (AwsMetrics records them)
  public final Counter awsCalls = counter("aws_api_calls_total", "AWS API calls, after retries",
      "service", "operation", "status_code", "error_code");
  public final Counter awsRequests = counter("aws_api_requests_total", "AWS API HTTP attempts",
      "service", "operation", "status_code", "error_code");
  public final Histogram awsCallDuration = Histogram.builder().name("aws_api_call_duration_seconds")
      .help("AWS API call latency, retries included").labelNames("service", "operation").classicOnly()
      .register(registry);
  public final Histogram awsCallRetries = Histogram.builder().name("aws_api_call_retries")
      .help("Retried attempts per AWS API call").labelNames("service", "operation").classicOnly()
      .classicLinearUpperBounds(0, 1, 11).register(registry);
  public final Counter awsPermissionErrors = counter("aws_api_call_permission_errors_total",
      "AWS API calls refused for permissions", "service", "operation", "status_code", "error_code");
  public final Counter awsLimitErrors = counter("aws_api_call_service_limit_exceeded_errors_total",
      "AWS API calls failed on a service limit", "service", "operation", "status_code", "error_code");
  public final Counter awsThrottledErrors = counter("aws_api_call_throttled_errors_total",
      "AWS API calls throttled", "service", "operation", "status_code", "error_code");
  public final Counter awsValidationErrors = counter("aws_api_call_validation_errors_total",
      "AWS API calls refused as invalid", "service", "operation", "status_code", "error_code");

  // reconciles
  public final Counter reconcileErrors = counter("awslbc_controller_reconcile_errors_total",
      "Reconcile errors by category", "controller", "error_category");
  public final Histogram stageDuration = Histogram.builder().name("awslbc_controller_reconcile_stage_duration")
      .help("Time of each reconcile stage, seconds").labelNames("controller", "reconcile_stage").classicOnly()
      .register(registry);
  public final Gauge cacheObjects = Gauge.builder().name("awslbc_controller_cache_object_total")
      .help("Objects in the informers' store").labelNames("resource").register(registry);
  public final Counter reconcileTotal = counter("controller_runtime_reconcile_total", "Reconciles by result",
      "controller", "result");
  public final Counter reconcileErrorsTotal = counter("controller_runtime_reconcile_errors_total",
      "Reconciles that returned an error", "controller");
  public final Histogram reconcileTime = Histogram.builder().name("controller_runtime_reconcile_time_seconds")
      .help("Time of one reconcile").labelNames("controller").classicOnly().register(registry);
  public final Gauge maxConcurrent = Gauge.builder().name("controller_runtime_max_concurrent_reconciles")
      .help("Workers of the controller").labelNames("controller").register(registry);
  public final Gauge activeWorkers = Gauge.builder().name("controller_runtime_active_workers")
      .help("Workers reconciling now").labelNames("controller").register(registry);

  // the work queue
  public final Gauge queueDepth = Gauge.builder().name("workqueue_depth").help("Items waiting in the queue")
      .labelNames("name", "controller").register(registry);
  public final Counter queueAdds = counter("workqueue_adds_total", "Items added to the queue", "name", "controller");
  public final Counter queueRetries = counter("workqueue_retries_total", "Items put back after a failure",
      "name", "controller");

  // leader election
  public final Gauge leader = Gauge.builder().name("leader_election_master_status")
      .help("1 while this replica holds the lease").labelNames("name").register(registry);

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  /** Times one stage of a group's reconcile. */
  public void stage(String stage, long startNanos) {
    stageDuration.labelValues(INGRESS, stage).observe((System.nanoTime() - startNanos) / 1e9);
  }

  public void error(String category) {
    reconcileErrors.labelValues(INGRESS, category).inc();
  }
}
