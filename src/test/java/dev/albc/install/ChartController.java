package dev.albc.install;

import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The controller as the chart's Deployment runs it — the args of the installed Deployment, read back
 * from the API server — but as a process on this machine ({@code java -jar target/albc.jar}, the
 * image's entry point), authenticated as the chart's ServiceAccount (a TokenRequest token, not an
 * admin's). Added for a process outside a pod: the kubeconfig, the emulator's endpoint, the lease's
 * namespace (in a pod: the ServiceAccount's) and loopback probe and metrics ports.
 */
public final class ChartController implements AutoCloseable {
  private final Process process;
  private final Path log;
  public final int healthPort;
  public final int metricsPort;
  public final List<String> args;

  private ChartController(Process process, Path log, int healthPort, int metricsPort, List<String> args) {
    this.process = process;
    this.log = log;
    this.healthPort = healthPort;
    this.metricsPort = metricsPort;
    this.args = args;
  }

  public static ChartController start(ItContext it, ChartRelease release, Path dir) throws IOException, ApiException {
    Path jar = Path.of("target", "albc.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("target/albc.jar is missing: run the ITs through `mvn verify` (scripts/test)");
    }
    List<String> chartArgs = new AppsV1Api(it.kube()).readNamespacedDeployment(release.name(), release.namespace())
        .execute().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    int health = freePort();
    int metrics = freePort();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-jar", jar.toString(), "controller"));
    cmd.addAll(chartArgs);
    cmd.addAll(List.of(
        "--kubeconfig=" + release.serviceAccountKubeconfig(dir),
        "--aws-endpoint-url=" + it.settings().awsEndpoint().orElseThrow(),
        "--leader-election-namespace=" + release.namespace(),
        "--health-probe-bind-addr=127.0.0.1:" + health,
        "--metrics-bind-addr=127.0.0.1:" + metrics));
    Path log = Files.createTempFile(dir, "controller-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("HOSTNAME", release.name());
    return new ChartController(pb.start(), log, health, metrics, List.copyOf(chartArgs));
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

  /** The process id (its AWS call log is {@code aws-calls-<pid>.txt}, AwsCallAudit). */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
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
