package dev.albc.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The HTTP endpoints every replica serves, leader or not (docs/controller.md "Health and metrics"):
 * {@code /healthz} (always ok, as the reference's ping) and {@code /readyz} (ok once the informers
 * have their first lists) on {@code --health-probe-bind-addr}; Prometheus {@code /metrics} on
 * {@code --metrics-bind-addr}. An address {@code 0} turns a server off.
 */
public final class Probes implements AutoCloseable {
  private final HttpServer health;
  private final HTTPServer metrics;

  public Probes(String healthAddr, String metricsAddr, BooleanSupplier ready, Metrics m) throws IOException {
    InetSocketAddress h = address(healthAddr, "--health-probe-bind-addr");
    InetSocketAddress mt = address(metricsAddr, "--metrics-bind-addr");
    if (h != null) {
      health = HttpServer.create(h, 16);
      health.createContext("/healthz", ex -> answer(ex, true));
      health.createContext("/readyz", ex -> answer(ex, ready.getAsBoolean()));
      health.setExecutor(null);
      health.start();
    } else {
      health = null;
    }
    // one thread answers the scrapes (the exporter's own pool grows to ten under frequent scrapes)
    metrics = mt == null ? null
        : HTTPServer.builder().hostname(mt.getHostString()).port(mt.getPort()).registry(m.registry)
            .executorService(java.util.concurrent.Executors.newSingleThreadExecutor(GroupQueue.daemon("albc-metrics-http")))
            .buildAndStart();
  }

  /** The port the health server listens on (useful with port 0 in tests), or -1. */
  public int healthPort() {
    return health == null ? -1 : health.getAddress().getPort();
  }

  public int metricsPort() {
    return metrics == null ? -1 : metrics.getPort();
  }

  private static void answer(HttpExchange ex, boolean ok) throws IOException {
    byte[] body = (ok ? "ok" : "not ready").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(ok ? 200 : 503, body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  /** {@code :8080}, {@code 127.0.0.1:0}, {@code host:port}; {@code 0} is off (null). */
  static InetSocketAddress address(String addr, String flag) {
    if (addr == null || addr.equals("0")) {
      return null;
    }
    int colon = addr.lastIndexOf(':');
    try {
      int port = Integer.parseInt(addr.substring(colon + 1));
      String host = colon <= 0 ? "0.0.0.0" : addr.substring(0, colon);
      return new InetSocketAddress(host, port);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(flag + ": \"" + addr + "\" is not [host]:port");
    }
  }

  @Override
  public void close() {
    if (health != null) {
      health.stop(0);
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
