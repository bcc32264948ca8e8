package dev.albc.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.PatchUtils;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link BindingWrites} with client-java: merge patches on the binding (finalizers guarded by the
 * object's resourceVersion, so a stale cache gives a conflict and a retry, never a lost finalizer),
 * a strategic-merge patch of the pod's status conditions, and the multi-cluster ConfigMap
 * {@code aws-lbc-targets-<binding>} whose {@code targets} key holds the sorted, comma-separated
 * {@code id:port} identifiers — the reference's name and format (docs/targets.md, "Multi-cluster").
 */
public final class KubeBindingWrites implements BindingWrites {
  public static final String GROUP = "elbv2.k8s.aws";
  public static final String VERSION = "v1beta1";
  public static final String PLURAL = "targetgroupbindings";
  static final String TRACKED_PREFIX = "aws-lbc-targets-";
  static final String TRACKED_KEY = "targets";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiClient client;
  private final CustomObjectsApi custom;
  private final CoreV1Api core;
  private final Clock clock;
  private final Map<String, Set<String>> tracked = new ConcurrentHashMap<>();

  public KubeBindingWrites(ApiClient client, Clock clock) {
    this.client = client;
    this.custom = new CustomObjectsApi(client);
    this.core = new CoreV1Api(client);
    this.clock = clock;
  }

  @Override
  public void addFinalizer(Binding b) {
    List<String> f = new ArrayList<>(b.finalizers());
    f.add(Binding.FINALIZER);
    patchFinalizers(b, f);
  }

  @Override
  public void removeFinalizer(Binding b) {
    List<String> f = new ArrayList<>(b.finalizers());
    f.remove(Binding.FINALIZER);
    patchFinalizers(b, f);
  }

  private void patchFinalizers(Binding b, List<String> finalizers) {
    ObjectNode meta = JSON.createObjectNode();
    ArrayNode a = meta.putArray("finalizers");
    finalizers.forEach(a::add);
    if (!b.resourceVersion().isEmpty()) {
      meta.put("resourceVersion", b.resourceVersion()); // a stale copy gives 409 and a retry
    }
    mergePatch(b, JSON.createObjectNode().set("metadata", meta), false);
  }

  @Override
  public void checkpoint(Binding b, String checkpoint) {
    if (checkpoint.equals(b.checkpoint())) {
      return;
    }
    ObjectNode annotations = JSON.createObjectNode()
        .put(Binding.CHECKPOINT, checkpoint)
        .put(Binding.CHECKPOINT_TIMESTAMP, String.valueOf(clock.instant().getEpochSecond()));
    mergePatch(b, JSON.createObjectNode().set("metadata", JSON.createObjectNode().set("annotations", annotations)),
        false);
  }

  @Override
  public void status(Binding b, long observedGeneration, String readyStatus, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("observedGeneration", observedGeneration);
    if (reason != null) {
      ObjectNode c = status.putArray("conditions").addObject();
      c.put("type", "Ready").put("status", readyStatus).put("reason", reason).put("message", message)
          .put("lastTransitionTime", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0).toString());
    }
    mergePatch(b, JSON.createObjectNode().set("status", status), true);
  }

  private void mergePatch(Binding b, ObjectNode body, boolean status) {
    V1Patch patch = new V1Patch(body.toString());
    try {
      PatchUtils.patch(Object.class, () -> status
              ? custom.patchNamespacedCustomObjectStatus(GROUP, VERSION, b.namespace(), PLURAL, b.name(), patch)
                  .buildCall(null)
              : custom.patchNamespacedCustomObject(GROUP, VERSION, b.namespace(), PLURAL, b.name(), patch)
                  .buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return; // gone meanwhile: nothing to write
      }
      throw new IllegalStateException("patching TargetGroupBinding " + b.key() + ": " + reason(e), e);
    }
  }

  @Override
  public void podCondition(String namespace, String pod, ReadinessGates.Wanted w) {
    ObjectNode c = JSON.createObjectNode().put("type", w.type()).put("status", w.status())
        .put("reason", w.reason()).put("message", w.message())
        .put("lastTransitionTime", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0).toString());
    ObjectNode body = JSON.createObjectNode();
    body.putObject("status").putArray("conditions").add(c);
    V1Patch patch = new V1Patch(body.toString());
    try {
      PatchUtils.patch(Object.class, () -> core.patchNamespacedPodStatus(pod, namespace, patch).buildCall(null),
          V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return;
      }
      throw new IllegalStateException("patching pod " + namespace + "/" + pod + " condition " + w.type() + ": "
          + reason(e), e);
    }
  }

  @Override
  public Optional<Set<String>> trackedTargets(Binding b) {
    Set<String> cached = tracked.get(b.key());
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      V1ConfigMap cm = core.readNamespacedConfigMap(TRACKED_PREFIX + b.name(), b.namespace()).execute();
      String csv = cm.getData() == null ? "" : cm.getData().getOrDefault(TRACKED_KEY, "");
      Set<String> ids = new TreeSet<>();
      Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
      tracked.put(b.key(), ids);
      return Optional.of(ids);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw new IllegalStateException("reading ConfigMap " + b.namespace() + "/" + TRACKED_PREFIX + b.name() + ": "
          + reason(e), e);
    }
  }

  @Override
  public void trackTargets(Binding b, Set<String> identifiers) {
    Set<String> ids = new TreeSet<>(identifiers);
    if (ids.equals(tracked.get(b.key()))) {
      return;
    }
    V1ConfigMap cm = new V1ConfigMap()
        .metadata(new V1ObjectMeta().name(TRACKED_PREFIX + b.name()).namespace(b.namespace()))
        .data(Map.of(TRACKED_KEY, String.join(",", ids)));
    try {
      try {
        core.replaceNamespacedConfigMap(TRACKED_PREFIX + b.name(), b.namespace(), cm).execute();
      } catch (ApiException e) {
        if (e.getCode() != 404) {
          throw e;
        }
        core.createNamespacedConfigMap(b.namespace(), cm).execute();
      }
      tracked.put(b.key(), ids);
    } catch (ApiException e) {
      throw new IllegalStateException("writing ConfigMap " + b.namespace() + "/" + TRACKED_PREFIX + b.name() + ": "
          + reason(e), e);
    }
  }

  @Override
  public void untrackTargets(Binding b) {
    tracked.remove(b.key());
    try {
      core.deleteNamespacedConfigMap(TRACKED_PREFIX + b.name(), b.namespace()).execute();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw new IllegalStateException("deleting ConfigMap " + b.namespace() + "/" + TRACKED_PREFIX + b.name()
            + ": " + reason(e), e);
      }
    }
  }

  static String reason(ApiException e) {
    if (e.getCode() == 0) {
      return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause());
    }
    return "HTTP " + e.getCode() + " " + (e.getResponseBody() == null ? "" : e.getResponseBody().replaceAll("\\s+", " "));
  }
}
