package dev.albc.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.albc.targets.Binding;
import dev.albc.targets.ClusterView;
import dev.albc.targets.LabelSelector;
import dev.albc.targets.ReadinessGates;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /mutate-v1-pod} (docs/targets.md, "Readiness gates"): a pod created in a namespace the
 * webhook configuration selects ({@code elbv2.k8s.aws/pod-readiness-gate-inject: enabled}) gets the
 * gate {@code target-health.elbv2.k8s.aws/<binding>} of every ip-mode binding in its namespace whose
 * Service has a non-empty selector matching the pod's labels; legacy
 * {@code target-health.alb.ingress.k8s.aws/*} gates are removed. Reads the informer caches only.
 */
public final class PodMutator implements AdmissionHandler {
  private final ClusterView cluster;
  private final boolean enabled;

  public PodMutator(ClusterView cluster, boolean enabled) {
    this.cluster = cluster;
    this.enabled = enabled;
  }

  @Override
  public Admission.Response handle(Admission.Request req) {
    if (!enabled || !"CREATE".equals(req.operation())) {
      return Admission.Response.allow();
    }
    JsonNode pod = req.object();
    String ns = req.namespace().isEmpty() ? pod.path("metadata").path("namespace").asText() : req.namespace();
    Map<String, String> labels = new TreeMap<>();
    pod.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Set<String> gates = new LinkedHashSet<>();
    List<String> existing = new ArrayList<>();
    for (JsonNode g : pod.path("spec").path("readinessGates")) {
      existing.add(g.path("conditionType").asText());
    }
    existing.stream().filter(t -> !t.startsWith(ReadinessGates.LEGACY_PREFIX)).forEach(gates::add);
    for (Binding b : cluster.bindings()) {
      if (!b.namespace().equals(ns) || b.instanceMode() || b.deleting()) {
        continue;
      }
      V1Service svc = cluster.service(ns, b.serviceName());
      Map<String, String> selector = svc == null || svc.getSpec() == null ? null : svc.getSpec().getSelector();
      if (selector != null && !selector.isEmpty() && new LabelSelector(selector, List.of()).matches(labels)) {
        gates.add(b.readinessGate());
      }
    }
    if (new ArrayList<>(gates).equals(existing)) {
      return Admission.Response.allow();
    }
    ArrayNode value = Admission.JSON.createArrayNode();
    gates.forEach(t -> value.addObject().put("conditionType", t));
    ArrayNode ops = Admission.JSON.createArrayNode();
    ops.addObject().put("op", pod.path("spec").has("readinessGates") ? "replace" : "add")
        .put("path", "/spec/readinessGates").set("value", value);
    return Admission.Response.patch(ops);
  }
}
