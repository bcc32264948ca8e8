package dev.albc.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.util.PatchUtils;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The controller's writes to Kubernetes for a group: finalizers (JSON patch guarded by a test of the
 * resourceVersion read, so a concurrent edit is never lost), {@code status.loadBalancer} (merge patch of
 * the status subresource), albc's own annotations (merge patch) and events. Every write first asks {@link #guard} (the leader check).
 * See docs/controller.md "Reconcile of one group".
 */
public class KubeWrites {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The events' source component, as the reference's Ingress controller. */
  public static final String COMPONENT = "ingress";

  private final ApiClient client;
  private final NetworkingV1Api net;
  private final CoreV1Api core;
  private final Runnable guard;

  public KubeWrites(ApiClient client, Runnable guard) {
    this.client = client;
    this.net = new NetworkingV1Api(client);
    this.core = new CoreV1Api(client);
    this.guard = guard;
  }

  /** Adds the finalizer unless present; returns the Ingress as it is after. */
  public V1Ingress addFinalizer(V1Ingress ing, String finalizer) throws ApiException {
    return editFinalizers(ing, finalizer, true);
  }

  /** Removes the finalizer when present. */
  public V1Ingress removeFinalizer(V1Ingress ing, String finalizer) throws ApiException {
    return editFinalizers(ing, finalizer, false);
  }

  private V1Ingress editFinalizers(V1Ingress ing, String finalizer, boolean add) throws ApiException {
    V1Ingress current = ing;
    for (int attempt = 1; ; attempt++) {
      List<String> now = current.getMetadata().getFinalizers() == null
          ? List.of() : current.getMetadata().getFinalizers();
      if (now.contains(finalizer) == add) {
        return current;
      }
      List<String> next = new ArrayList<>(now);
      if (add) {
        next.add(finalizer);
      } else {
        next.removeIf(finalizer::equals);
      }
      // guarded by the resourceVersion read: a concurrent edit fails the test and is read again
      ArrayNode patch = JSON.createArrayNode();
      patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion")
          .put("value", current.getMetadata().getResourceVersion());
      patch.addObject().put("op", "add").put("path", "/metadata/finalizers").set("value", JSON.valueToTree(next));
      guard.run();
      String ns = current.getMetadata().getNamespace();
      String name = current.getMetadata().getName();
      try {
        return PatchUtils.patch(V1Ingress.class,
            () -> net.patchNamespacedIngress(name, ns, new V1Patch(patch.toString())).buildCall(null),
            V1Patch.PATCH_FORMAT_JSON_PATCH, client);
      } catch (ApiException e) {
        if (e.getCode() == 404 && !add) {
          return current; // gone already
        }
        if ((e.getCode() == 422 || e.getCode() == 409) && attempt < 5) {
          current = net.readNamespacedIngress(name, ns).execute(); // the list changed meanwhile
          continue;
        }
        throw e;
      }
    }
  }

  /** Sets {@code status.loadBalancer.ingress} to one entry (hostname, ports) unless it says that already. */
  public boolean updateStatus(V1Ingress ing, String hostname, List<Integer> ports) throws ApiException {
    return updateStatus(ing, hostname, ports, null);
  }

  /**
   * Sets {@code status.loadBalancer.ingress} to the ALB's entry (hostname, ports) and, with a
   * frontend NLB ({@code nlbHostname} not null), a second entry with its hostname, unless it says
   * that already.
   */
  public boolean updateStatus(V1Ingress ing, String hostname, List<Integer> ports, String nlbHostname)
      throws ApiException {
    if (IngressStatus.matches(ing, hostname, ports, nlbHostname)) {
      return false;
    }
    ObjectNode entry = JSON.createObjectNode().put("hostname", hostname);
    ArrayNode p = entry.putArray("ports");
    ports.forEach(port -> p.addObject().put("port", port).put("protocol", "TCP"));
    ObjectNode patch = JSON.createObjectNode();
    ArrayNode entries = patch.putObject("status").putObject("loadBalancer").putArray("ingress").add(entry);
    if (nlbHostname != null) {
      entries.addObject().put("hostname", nlbHostname);
    }
    guard.run();
    String ns = ing.getMetadata().getNamespace();
    String name = ing.getMetadata().getName();
    PatchUtils.patch(V1Ingress.class,
        () -> net.patchNamespacedIngressStatus(name, ns, new V1Patch(patch.toString())).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    return true;
  }

  /**
   * Sets albc's own annotations ({@code albc.dev/*}: the member's last valid inputs and its status)
   * with a merge patch of {@code metadata.annotations}, which leaves every other key as it is;
   * returns the Ingress as it is after. Their changes enqueue nothing ({@link Triggers}).
   */
  public V1Ingress annotate(V1Ingress ing, java.util.Map<String, String> annotations) throws ApiException {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode ann = patch.putObject("metadata").putObject("annotations");
    annotations.forEach(ann::put);
    guard.run();
    String ns = ing.getMetadata().getNamespace();
    String name = ing.getMetadata().getName();
    return PatchUtils.patch(V1Ingress.class,
        () -> net.patchNamespacedIngress(name, ns, new V1Patch(patch.toString())).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
  }

  /** Records a Normal or Warning event on the Ingress; a failure to record is returned, never thrown. */
  public String event(V1Ingress ing, boolean warning, String reason, String message) {
    V1ObjectMeta m = ing.getMetadata();
    OffsetDateTime now = OffsetDateTime.now();
    CoreV1Event e = new CoreV1Event()
        .metadata(new V1ObjectMeta().namespace(m.getNamespace())
            .name(m.getName() + "." + Long.toHexString(System.currentTimeMillis())
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000))))
        .involvedObject(new V1ObjectReference().apiVersion("networking.k8s.io/v1").kind("Ingress")
            .namespace(m.getNamespace()).name(m.getName()).uid(m.getUid()).resourceVersion(m.getResourceVersion()))
        .type(warning ? "Warning" : "Normal").reason(reason).message(message)
        .source(new V1EventSource().component(COMPONENT)).reportingComponent(COMPONENT)
        .firstTimestamp(now).lastTimestamp(now).count(1);
    try {
      guard.run();
      core.createNamespacedEvent(m.getNamespace(), e).execute();
      return null;
    } catch (ApiException ex) {
      return "HTTP " + ex.getCode() + " " + ex.getResponseBody();
    } catch (RuntimeException ex) {
      return ex.getMessage();
    }
  }

  /** The ALB DNS name as the status carries it. */
  public static String hostname(String dnsName) {
    return dnsName == null ? null : dnsName.toLowerCase(Locale.ROOT);
  }
}
