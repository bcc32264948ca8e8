package dev.albc.testinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy in front of the AWS emulator that injects faults, for the chaos run (ChaosIT): a
 * request refused with 503 before it reaches the emulator, an answer lost after the emulator acted
 * on it (the caller sees 503 and, through its SDK's retries, sends the call again), and latency.
 * Faults are drawn from a seeded generator, so a run can be repeated. An answer is never lost for a
 * {@code Create*} call: the emulator, unlike AWS, makes a second load balancer or target group of
 * the same name when one is retried, which would be the emulator's fault, not albc's.
 */
public final class FaultProxy implements AutoCloseable {
  /** Probabilities per request, and the most latency added to one. */
  public record Faults(double refuse, double loseAnswer, int maxDelayMillis) {
    public static final Faults NONE = new Faults(0, 0, 0);
  }

  private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI target;
  private final Random random;
  private volatile Faults faults = Faults.NONE;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  public FaultProxy(URI target, long seed) throws IOException {
    this.target = target;
    this.random = new Random(seed);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void faults(Faults f) {
    this.faults = f;
  }

  /** What happened so far: forwarded, refused, lost (answers), by kind; sorted. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String op = operation(ex, body);
      Faults f = faults;
      double roll;
      int delay;
      synchronized (random) {
        roll = random.nextDouble();
        delay = f.maxDelayMillis() > 0 ? random.nextInt(f.maxDelayMillis() + 1) : 0;
      }
      if (roll < f.refuse()) {
        count("refused");
        unavailable(ex);
        return;
      }
      if (delay > 0) {
        Thread.sleep(delay);
      }
      HttpResponse<byte[]> answer = forward(ex, body);
      count("forwarded");
      if (roll < f.refuse() + f.loseAnswer() && !op.startsWith("Create")) {
        count("lost");
        unavailable(ex);
        return;
      }
      answer.headers().map().forEach((k, vs) -> {
        if (!HOP_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
          vs.forEach(v -> ex.getResponseHeaders().add(k, v));
        }
      });
      byte[] out = answer.body();
      ex.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      count("proxy-error");
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
    URI uri = target.resolve(ex.getRequestURI().toString());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((k, vs) -> {
      if (!HOP_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
        vs.forEach(v -> b.header(k, v));
      }
    });
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void unavailable(HttpExchange ex) throws IOException {
    byte[] out = ("<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
        + "<Message>injected by the chaos run</Message></Error><RequestId>chaos</RequestId></ErrorResponse>")
        .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/xml");
    ex.sendResponseHeaders(503, out.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(out);
    }
  }

  /** The AWS operation: {@code Action=} of a query-protocol body, else the JSON protocol's target header. */
  static String operation(HttpExchange ex, byte[] body) {
    String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      return target.substring(target.lastIndexOf('.') + 1);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (pair.startsWith("Action=")) {
        return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
