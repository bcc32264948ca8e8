package dev.albc.controller;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1HTTPIngressRuleValue;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressServiceBackend;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceBackendPort;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Small builders and a poll loop for the controller's tests. */
public final class KubeObjects {
  private KubeObjects() {}

  /** An Ingress of class {@code cls}: one rule for {@code host}, one Prefix path per {@code path=service} pair. */
  public static V1Ingress ingress(String name, String cls, Map<String, String> annotations, String host,
      String... pathService) {
    List<V1HTTPIngressPath> paths = new ArrayList<>();
    for (String ps : pathService) {
      String[] p = ps.split("=");
      paths.add(new V1HTTPIngressPath().path(p[0]).pathType("Prefix").backend(new V1IngressBackend()
          .service(new V1IngressServiceBackend().name(p[1]).port(new V1ServiceBackendPort().number(80)))));
    }
    return new V1Ingress().metadata(new V1ObjectMeta().name(name).annotations(new java.util.HashMap<>(annotations)))
        .spec(new V1IngressSpec().ingressClassName(cls).rules(List.of(new V1IngressRule().host(host)
            .http(new V1HTTPIngressRuleValue().paths(paths)))));
  }

  public static V1Service nodePortService(String name) {
    return new V1Service().metadata(new V1ObjectMeta().name(name))
        .spec(new V1ServiceSpec().type("NodePort").selector(Map.of("app", name))
            .ports(List.of(new V1ServicePort().name("http").port(80).targetPort(new IntOrString(8080)))));
  }

  /** Polls until {@code check} gives a non-null value; fails with {@code why} after {@code timeout}. */
  public static <T> T await(Duration timeout, Supplier<String> why, Check<T> check) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      try {
        T v = check.get();
        if (v != null) {
          return v;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("timed out after " + timeout + ": " + why.get() + (last == null ? "" : " (last error: " + last + ")"));
  }

  /** A condition read from the servers; null = not yet. */
  public interface Check<T> {
    T get() throws Exception;
  }
}
