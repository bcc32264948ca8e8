package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.CrdObject;
import io.kubernetes.client.openapi.JSON;
import org.junit.jupiter.api.Test;

/** The informer's list of bindings (controller/CrdObject) reads with client-java's JSON: metadata, spec, status. */
class BindingOfCrdObjectTest {

  @Test
  void aListOfBindingsReadsIntoBindings() {
    String list = "{\"apiVersion\":\"elbv2.k8s.aws/v1beta1\",\"kind\":\"TargetGroupBindingList\","
        + "\"metadata\":{\"resourceVersion\":\"42\"},\"items\":[{\"apiVersion\":\"elbv2.k8s.aws/v1beta1\","
        + "\"kind\":\"TargetGroupBinding\",\"metadata\":{\"name\":\"b\",\"namespace\":\"ns\",\"generation\":3,"
        + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"finalizers\":[\"elbv2.k8s.aws/resources\"]},"
        + "\"spec\":{\"targetGroupARN\":\"arn:x\",\"targetType\":\"ip\",\"serviceRef\":{\"name\":\"web\",\"port\":80},"
        + "\"multiClusterTargetGroup\":true},\"status\":{\"observedGeneration\":2}}]}";
    CrdObject.CrdList l = new JSON().deserialize(list, CrdObject.CrdList.class);
    assertThat(l.getMetadata().getResourceVersion()).isEqualTo("42");
    Binding b = Binding.of(l.getItems().get(0));
    assertThat(b.key()).isEqualTo("ns/b");
    assertThat(b.servicePort()).isEqualTo("80");
    assertThat(b.generation()).isEqualTo(3);
    assertThat(b.observedGeneration()).isEqualTo(2);
    assertThat(b.hasFinalizer()).isTrue();
    assertThat(b.multiCluster()).isTrue();
    assertThat(b.instanceMode()).isFalse();
  }
}
