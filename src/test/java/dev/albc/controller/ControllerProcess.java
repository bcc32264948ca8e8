package dev.albc.controller;

import dev.albc.testinfra.ItContext;
import dev.albc.testinfra.LoopbackWebhookCert;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar target/albc.jar controller} against the test servers, for the end-to-end tests:
 * short lease and resync timings, its own free ports, its log in a file the test can read.
 */
public final class ControllerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  public final int healthPort;
  public final int metricsPort;
  /** The webhook server's port on loopback, with {@link LoopbackWebhookCert#shared()}'s certificate. */
  public final int webhookPort;
  public final String name;

  private ControllerProcess(Process p, Path log, int healthPort, int metricsPort, int webhookPort, String name) {
    this.process = p;
    this.log = log;
    this.healthPort = healthPort;
    this.metricsPort = metricsPort;
    this.webhookPort = webhookPort;
    this.name = name;
  }

  /**
   * Starts one controller process watching the test's namespace, holding the lease {@code leaseId}
   * in it, with {@code HOSTNAME=name} (the lease holder's identity starts with it).
   */
  public static ControllerProcess start(ItContext it, String vpcId, String name, String leaseId, String... extra)
      throws IOException {
    return start(it, vpcId, name, leaseId, java.util.Map.of(), extra);
  }

  /** As {@link #start(ItContext, String, String, String, String...)}, with extra environment variables. */
  public static ControllerProcess start(ItContext it, String vpcId, String name, String leaseId,
      java.util.Map<String, String> env, String... extra) throws IOException {
    return start(it, vpcId, name, leaseId, env, JVM_OPTIONS, extra);
  }

  /** The JVM options of the controller processes ({@code -Dalbc.controller.jvm-options}, default {@code -Xmx384m}). */
  public static final List<String> JVM_OPTIONS = List.of(
      System.getProperty("albc.controller.jvm-options", "-Xmx384m").trim().split("\\s+"));

  /** As {@link #start(ItContext, String, String, String, java.util.Map, String...)}, with these JVM options. */
  public static ControllerProcess start(ItContext it, String vpcId, String name, String leaseId,
      java.util.Map<String, String> env, List<String> jvmOptions, String... extra) throws IOException {
    return start(it, it.settings().awsEndpoint().orElseThrow(), vpcId, name, leaseId, env, jvmOptions, extra);
  }

  /** As above, calling AWS at {@code awsEndpoint} (a fault-injecting proxy, ChaosIT). */
  public static ControllerProcess start(ItContext it, java.net.URI awsEndpoint, String vpcId, String name,
      String leaseId, java.util.Map<String, String> env, List<String> jvmOptions, String... extra) throws IOException {
    Path jar = Path.of("target", "albc.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("target/albc.jar is missing: run the ITs through `mvn verify` (scripts/test)");
    }
    int health = freePort();
    int metrics = freePort();
    int webhook = freePort();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    jvmOptions.stream().filter(o -> !o.isBlank()).forEach(cmd::add);
    cmd.addAll(List.of("-jar", jar.toString(),
        "controller",
        "--cluster-name", it.clusterName(),
        "--aws-vpc-id", vpcId,
        "--aws-region", it.settings().region(),
        "--aws-endpoint-url", awsEndpoint.toString(),
        "--kubeconfig", it.settings().kubeconfig().orElseThrow().toString(),
        "--watch-namespace", it.namespace(),
        "--leader-election-namespace", it.namespace(),
        "--leader-election-id", leaseId,
        "--leader-election-lease-duration", "6s",
        "--leader-election-renew-deadline", "4s",
        "--leader-election-retry-period", "1s",
        "--sync-period", "10h",
        "--health-probe-bind-addr", "127.0.0.1:" + health,
        "--metrics-bind-addr", "127.0.0.1:" + metrics,
        "--webhook-bind-port", String.valueOf(webhook),
        "--webhook-cert-dir", LoopbackWebhookCert.shared().dir().toString()));
    cmd.addAll(List.of(extra));
    Path log = Files.createTempFile("albc-controller-" + name + "-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("HOSTNAME", name);
    pb.environment().putAll(env);
    return new ControllerProcess(pb.start(), log, health, metrics, webhook, name);
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for the process to end by itself; its exit status, or null if it still runs after {@code d}. */
  public Integer awaitExit(Duration d) throws InterruptedException {
    return process.waitFor(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** kill -9. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
