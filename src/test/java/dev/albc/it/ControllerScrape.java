package dev.albc.it;

import dev.albc.aws.CallCounter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a controller process tells about itself, read from outside: its Prometheus {@code /metrics}
 * (AWS calls by operation, reconciles by result; docs/controller.md "Metrics"), its AWS call log
 * ({@code aws-calls-<pid>.txt}, dev.albc.aws.AwsCallAudit), its RSS ({@code /proc/<pid>/status}) and
 * its heap ({@code jcmd <pid> GC.heap_info}).
 */
final class ControllerScrape {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample of the text exposition format. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private ControllerScrape(List<Sample> samples) {
    this.samples = samples;
  }

  /** GET http://127.0.0.1:port/metrics, parsed. */
  static ControllerScrape metrics(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("/metrics answered " + r.statusCode());
    }
    return parse(r.body());
  }

  static ControllerScrape parse(String text) {
    List<Sample> out = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line.trim());
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return new ControllerScrape(out);
  }

  /** The sum of a metric's samples whose labels include {@code match}. */
  double sum(String name, Map<String, String> match) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet()))
        .mapToDouble(Sample::value).sum();
  }

  /** Reconciles of the Ingress controller that ended well ({@code controller_runtime_reconcile_total}). */
  long reconciledOk() {
    return (long) sum("controller_runtime_reconcile_total", Map.of("result", "success"));
  }

  /** Every reconcile, whatever its result. */
  long reconciles() {
    return (long) sum("controller_runtime_reconcile_total", Map.of());
  }

  /** AWS calls by {@code <service>:<Operation>} ({@code aws_api_calls_total}, every status). */
  Map<String, Long> awsCalls() {
    Map<String, Long> out = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals("aws_api_calls_total")) {
        out.merge(s.labels().get("service") + ":" + s.labels().get("operation"), (long) s.value(), Long::sum);
      }
    }
    return out;
  }

  /** The write calls among {@link #awsCalls()} (CallCounter's rule: all but Describe*, List*, Get*). */
  Map<String, Long> awsWrites() {
    Map<String, Long> out = new TreeMap<>();
    awsCalls().forEach((k, v) -> {
      if (CallCounter.isWrite(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The operations a process's AWS call log names (each once; {@code DENIED} lines included as they are). */
  static List<String> callLog(Path dir, long pid) throws IOException {
    Path log = dir.resolve("aws-calls-" + pid + ".txt");
    return Files.isRegularFile(log) ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList() : List.of();
  }

  /** VmRSS of a process, in KiB (Linux). */
  static long rssKib(long pid) throws IOException {
    return status(pid, "VmRSS:");
  }

  /** VmHWM of a process (the largest RSS it had), in KiB (Linux). */
  static long peakRssKib(long pid) throws IOException {
    return status(pid, "VmHWM:");
  }

  /** One KiB (or count) field of /proc/PID/status, e.g. {@code RssAnon:}, {@code RssFile:}, {@code Threads:}. */
  static long status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no " + field + " in /proc/" + pid + "/status");
  }

  /**
   * The heap of a JVM after a full GC, in KiB: {@code jcmd <pid> GC.run}, then the "used" of
   * {@code GC.heap_info}'s heap line (G1) or generation lines (Serial, summed); -1 when jcmd is
   * missing or answers otherwise.
   */
  static long heapUsedAfterGcKib(long pid) throws InterruptedException {
    try {
      if (jcmd(pid, "GC.run") == null) {
        return -1;
      }
      String info = jcmd(pid, "GC.heap_info");
      // G1: one "garbage-first heap ... used NK" line; Serial/Parallel: one line per generation
      long used = -1;
      for (String line : info.split("\n")) {
        Matcher m = Pattern.compile("used (\\d+)K").matcher(line);
        if ((line.contains(" heap ") || line.contains("generation")) && m.find()) {
          used = Math.max(used, 0) + Long.parseLong(m.group(1));
        }
      }
      return used;
    } catch (IOException e) {
      return -1;
    }
  }

  /** {@code jcmd <pid> <command…>}'s answer, or null when the JDK has no jcmd. */
  static String jcmd(long pid, String... command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return null;
    }
    List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    cmd.addAll(List.of(command));
    return run(cmd.toArray(String[]::new));
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
