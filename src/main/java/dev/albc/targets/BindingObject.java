package dev.albc.targets;

import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * A TargetGroupBinding as client-java's informers hold it: typed metadata, spec and status kept as
 * JSON (read into a {@link Binding} when used). Its own class, so the informer factory's slot for
 * it is not the generic DynamicKubernetesObject's.
 */
public final class BindingObject implements KubernetesObject {
  private static final JSON KUBE_JSON = new JSON();

  private String apiVersion;
  private String kind;
  private V1ObjectMeta metadata;
  private JsonObject spec;
  private JsonObject status;

  @Override
  public V1ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  /** The binding it holds. */
  public Binding binding() {
    return Binding.of(KUBE_JSON.serialize(this));
  }

  /** The list type of the informer's list calls. */
  public static final class BindingObjectList implements KubernetesListObject {
    private String apiVersion;
    private String kind;
    private V1ListMeta metadata;
    private List<BindingObject> items = new ArrayList<>();

    @Override
    public V1ListMeta getMetadata() {
      return metadata;
    }

    @Override
    public List<BindingObject> getItems() {
      return items;
    }

    @Override
    public String getApiVersion() {
      return apiVersion;
    }

    @Override
    public String getKind() {
      return kind;
    }
  }
}
