package dev.albc.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TargetGroupBinding ({@code elbv2.k8s.aws/v1beta1}) as the targets reconciler reads it: the fields
 * of docs/targets.md ("The binding"), parsed from the object's JSON. Immutable.
 *
 * @param servicePort the {@code serviceRef.port} as written: a number or a port name
 * @param nodeSelector {@code spec.nodeSelector} (null: none)
 * @param networking {@code spec.networking} as written (null: none)
 * @param finalizers the object's finalizers
 */
public record Binding(
    String namespace,
    String name,
    String uid,
    String resourceVersion,
    long generation,
    long observedGeneration,
    String targetGroupArn,
    String targetGroupName,
    String targetType,
    String serviceName,
    String servicePort,
    LabelSelector nodeSelector,
    String ipAddressType,
    String vpcId,
    boolean multiCluster,
    JsonNode networking,
    boolean deleting,
    List<String> finalizers,
    Map<String, String> annotations) {

  public static final String FINALIZER = "elbv2.k8s.aws/resources";
  public static final String CHECKPOINT = "elbv2.k8s.aws/checkpoint";
  public static final String CHECKPOINT_TIMESTAMP = "elbv2.k8s.aws/checkpoint-timestamp";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final io.kubernetes.client.openapi.JSON KUBE_JSON = new io.kubernetes.client.openapi.JSON();

  public Binding {
    finalizers = List.copyOf(finalizers);
    annotations = Map.copyOf(annotations);
  }

  /** {@code namespace/name}: the work-queue key. */
  public String key() {
    return namespace + "/" + name;
  }

  public boolean instanceMode() {
    return !"ip".equals(targetType);
  }

  public boolean hasFinalizer() {
    return finalizers.contains(FINALIZER);
  }

  public String checkpoint() {
    return annotations.get(CHECKPOINT);
  }

  /** The readiness-gate condition type of this binding's pods (docs/targets.md, "Readiness gates"). */
  public String readinessGate() {
    return ReadinessGates.PREFIX + name;
  }

  /** Parses the object's JSON (as the API server returns it). */
  public static Binding of(JsonNode o) {
    JsonNode meta = o.path("metadata");
    JsonNode spec = o.path("spec");
    List<String> finalizers = new ArrayList<>();
    meta.path("finalizers").forEach(f -> finalizers.add(f.asText()));
    Map<String, String> annotations = new TreeMap<>();
    meta.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    JsonNode port = spec.path("serviceRef").path("port");
    String servicePort = port.isNumber() ? String.valueOf(port.asLong()) : port.asText("");
    JsonNode ns = spec.path("nodeSelector");
    return new Binding(
        meta.path("namespace").asText(),
        meta.path("name").asText(),
        meta.path("uid").asText(""),
        meta.path("resourceVersion").asText(""),
        meta.path("generation").asLong(0),
        o.path("status").path("observedGeneration").asLong(0),
        spec.path("targetGroupARN").asText(""),
        spec.path("targetGroupName").asText(""),
        spec.path("targetType").asText(""),
        spec.path("serviceRef").path("name").asText(""),
        servicePort,
        ns.isObject() ? LabelSelector.of(ns) : null,
        spec.path("ipAddressType").asText(""),
        spec.path("vpcID").asText(""),
        spec.path("multiClusterTargetGroup").asBoolean(false),
        spec.path("networking").isObject() ? spec.get("networking") : null,
        meta.hasNonNull("deletionTimestamp"),
        finalizers,
        annotations);
  }

  /** The binding an informer holds (serialized with client-java's JSON, dates as the API writes them). */
  public static Binding of(dev.albc.controller.CrdObject o) {
    return of(KUBE_JSON.serialize(o));
  }

  /** Parses JSON text. */
  public static Binding of(String json) {
    try {
      return of(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a TargetGroupBinding: " + e.getOriginalMessage(), e);
    }
  }

  /** The spec fields whose change must re-run the binding (part of the checkpoint). */
  String specSignature() {
    return String.join("|", targetGroupArn, targetType, serviceName, servicePort,
        nodeSelector == null ? "" : nodeSelector.toString(), ipAddressType, vpcId, String.valueOf(multiCluster),
        networking == null ? "" : networking.toString());
  }
}
