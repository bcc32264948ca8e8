package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.JSON;
import org.junit.jupiter.api.Test;

/** The informer's list of bindings reads with client-java's JSON, metadata and spec included. */
class BindingObjectTest {

  @Test
  void aListOfBindingsReadsIntoBindings() {
    String list = "{\"apiVersion\":\"elbv2.k8s.aws/v1beta1\",\"kind\":\"TargetGroupBindingList\","
        + "\"metadata\":{\"resourceVersion\":\"42\"},\"items\":[{\"apiVersion\":\"elbv2.k8s.aws/v1beta1\","
        + "\"kind\":\"TargetGroupBinding\",\"metadata\":{\"name\":\"b\",\"namespace\":\"ns\",\"generation\":3,"
        + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"finalizers\":[\"elbv2.k8s.aws/resources\"]},"
        + "\"spec\":{\"targetGroupARN\":\"arn:x\",\"targetType\":\"ip\",\"serviceRef\":{\"name\":\"web\",\"port\":80},"
        + "\"multiClusterTargetGroup\":true},\"status\":{\"observedGeneration\":2}}]}";
    BindingObject.BindingObjectList l = new JSON().deserialize(list, BindingObject.BindingObjectList.class);
    assertThat(l.getMetadata().getResourceVersion()).isEqualTo("42");
    Binding b = l.getItems().get(0).binding();
    assertThat(b.key()).isEqualTo("ns/b");
    assertThat(b.servicePort()).isEqualTo("80");
    assertThat(b.generation()).isEqualTo(3);
    assertThat(b.observedGeneration()).isEqualTo(2);
    assertThat(b.hasFinalizer()).isTrue();
    assertThat(b.multiCluster()).isTrue();
    assertThat(b.instanceMode()).isFalse();
  }
}
