package dev.albc.webhook;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.sources.Documents;
import dev.albc.sources.InputLimits;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission webhook server (docs/targets.md, "Webhook server"): the JDK's HttpsServer on
 * {@code --webhook-bind-port} (9443), TLS 1.2 and 1.3 only, with the certificate of the mounted files
 * reloaded when they change, serving AdmissionReview v1 on one path per handler. A request body is
 * read within the input limits of docs/limits.md: over 3 MiB (the API server's own request limit) it
 * is answered 413 without reading further, nested deeper than 100 levels or with a string over 1 MiB
 * 400, each naming the limit; a body that is not an AdmissionReview is answered 400.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  static final int MAX_BODY = InputLimits.WEBHOOK_BODY_BYTES;
  public static final String MUTATE_POD = "/mutate-v1-pod";
  public static final String MUTATE_BINDING = "/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding";
  public static final String VALIDATE_BINDING = "/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding";
  public static final String VALIDATE_INGRESS = "/validate-networking-v1-ingress";
  public static final String VALIDATE_PARAMS = "/validate-elbv2-k8s-aws-v1beta1-ingressclassparams";

  private final HttpsServer server;
  private final ExecutorService executor;
  private final ReloadingKeyManager keys;
  private final Map<String, AdmissionHandler> handlers = new LinkedHashMap<>();

  /**
   * @param bind e.g. {@code 0.0.0.0:9443}; port 0 picks a free one
   * @param certFile {@code tls.crt} of the mounted Secret; {@code keyFile} its {@code tls.key}
   */
  public WebhookServer(InetSocketAddress bind, Path certFile, Path keyFile, int threads) throws IOException {
    this.keys = new ReloadingKeyManager(certFile, keyFile);
    SSLContext tls;
    try {
      tls = SSLContext.getInstance("TLS");
      tls.init(new KeyManager[] {keys}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the webhook server: " + e.getMessage(), e);
    }
    this.server = HttpsServer.create(bind, 128);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = tls.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        params.setSSLParameters(p);
      }
    });
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "albc-webhook");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
  }

  /** Serves a handler on a path (before {@link #start}). */
  public WebhookServer handle(String path, AdmissionHandler handler) {
    handlers.put(path, handler);
    server.createContext(path, exchange -> serve(exchange, path, handler));
    return this;
  }

  public void start() {
    server.start();
    LOG.info("webhook server on {} serving {}", server.getAddress(), handlers.keySet());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Re-reads the certificate files now if they changed (they are also checked at handshakes). */
  public void reloadCertificate() {
    keys.checkNow();
  }

  private void serve(HttpExchange exchange, String path, AdmissionHandler handler) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals(path)) {
        send(exchange, 404, "{\"error\":\"not found\"}");
        return;
      }
      JsonNode review;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          send(exchange, 413, error("the request body is " + InputLimits.limit("bytes per request body", MAX_BODY)));
          return;
        }
        review = Admission.JSON.readTree(body);
      } catch (StreamConstraintsException e) {
        send(exchange, 400, error("the request body is refused: " + Documents.constraint(e, null)));
        return;
      } catch (IOException e) {
        send(exchange, 400, error("not JSON"));
        return;
      }
      if (review == null || !review.path("request").isObject()) {
        send(exchange, 400, "{\"error\":\"not an AdmissionReview\"}");
        return;
      }
      Admission.Request req = Admission.Request.of(review);
      Admission.Response res;
      try {
        res = handler.handle(req);
      } catch (RuntimeException e) {
        LOG.warn("webhook {} failed on {} {}/{}: {}", path, req.kind(), req.namespace(), req.name(), e.toString());
        res = new Admission.Response(false, 500, "albc webhook " + path + " failed: " + e.getMessage(), null,
            java.util.List.of());
      }
      send(exchange, 200, Admission.review(req, res).toString());
    }
  }

  private static String error(String message) {
    return Admission.JSON.createObjectNode().put("error", message).toString();
  }

  private static void send(HttpExchange exchange, int code, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
