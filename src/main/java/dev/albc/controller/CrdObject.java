package dev.albc.controller;

import com.google.gson.JsonElement;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;

/**
 * An object of one of albc's CRDs (IngressClassParams, TargetGroupBinding) as the informers hold
 * it: typed metadata, the spec and status as JSON (the targets reconciler reads a binding from it
 * with {@code targets.Binding.of(CrdObject)}). (client-java's dynamic list type loses the list's
 * metadata, which an informer needs for its watch.)
 */
public final class CrdObject implements KubernetesObject {
  private String apiVersion;
  private String kind;
  private V1ObjectMeta metadata;
  private JsonElement spec;
  private JsonElement status;

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  @Override
  public V1ObjectMeta getMetadata() {
    return metadata;
  }

  public JsonElement getSpec() {
    return spec;
  }

  /** The status as JSON, or null. */
  public JsonElement getStatus() {
    return status;
  }

  /** A list of them, as the API server answers a list. */
  public static final class CrdList implements KubernetesListObject {
    private String apiVersion;
    private String kind;
    private V1ListMeta metadata;
    private List<CrdObject> items;

    @Override
    public String getApiVersion() {
      return apiVersion;
    }

    @Override
    public String getKind() {
      return kind;
    }

    @Override
    public V1ListMeta getMetadata() {
      return metadata;
    }

    @Override
    public List<CrdObject> getItems() {
      return items == null ? List.of() : items;
    }
  }
}
