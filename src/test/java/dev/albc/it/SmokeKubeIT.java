package dev.albc.it;

import static dev.albc.testinfra.Kube.ELBV2_GROUP;
import static dev.albc.testinfra.Kube.ELBV2_VERSION;
import static dev.albc.testinfra.Kube.INGRESS_CLASS_PARAMS;
import static dev.albc.testinfra.Kube.TARGET_GROUP_BINDINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.reflect.TypeToken;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1HTTPIngressRuleValue;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressServiceBackend;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ServiceBackendPort;
import io.kubernetes.client.util.Watch;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The test API server: Ingress and albc's custom resources can be written, read and watched. */
@IntegrationTest
class SmokeKubeIT {

    private static final Type INGRESS_EVENT = new TypeToken<Watch.Response<V1Ingress>>() {}.getType();
    private static final Type OBJECT_EVENT = new TypeToken<Watch.Response<Map<String, Object>>>() {}.getType();

    @Test
    void apiServerIsKubernetes134(ItContext it) {
        assertThat(it.kubeVersion()).startsWith("v1.34.");
    }

    @Test
    void ingressIsCreatedReadAndWatched(ItContext it) throws Exception {
        NetworkingV1Api net = new NetworkingV1Api(it.kube());
        String rv = net.listNamespacedIngress(it.namespace()).execute().getMetadata().getResourceVersion();

        var call = net.listNamespacedIngress(it.namespace()).resourceVersion(rv).watch(true).timeoutSeconds(60)
                .buildCall(null);
        try (Watch<V1Ingress> watch = Watch.createWatch(it.kube(), call, INGRESS_EVENT)) {
            V1Ingress ingress = new V1Ingress()
                    .metadata(new V1ObjectMeta().name("web").namespace(it.namespace())
                            .annotations(Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing",
                                    "alb.ingress.kubernetes.io/target-type", "ip")))
                    .spec(new V1IngressSpec().ingressClassName("alb").rules(List.of(new V1IngressRule()
                            .host("web.example.com")
                            .http(new V1HTTPIngressRuleValue().paths(List.of(new V1HTTPIngressPath()
                                    .path("/").pathType("Prefix")
                                    .backend(new V1IngressBackend().service(new V1IngressServiceBackend()
                                            .name("web").port(new V1ServiceBackendPort().number(80))))))))));
            net.createNamespacedIngress(it.namespace(), ingress).execute();

            V1Ingress read = net.readNamespacedIngress("web", it.namespace()).execute();
            assertThat(read.getSpec().getIngressClassName()).isEqualTo("alb");
            assertThat(read.getMetadata().getAnnotations()).containsEntry("alb.ingress.kubernetes.io/target-type", "ip");
            assertThat(read.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                    .isEqualTo("web");

            Watch.Response<V1Ingress> added = next(watch, e -> e.type.equals("ADDED"));
            assertThat(added.object.getMetadata().getName()).isEqualTo("web");

            read.getMetadata().putAnnotationsItem("alb.ingress.kubernetes.io/group.name", "shared");
            net.replaceNamespacedIngress("web", it.namespace(), read).execute();
            Watch.Response<V1Ingress> modified = next(watch, e -> e.type.equals("MODIFIED"));
            assertThat(modified.object.getMetadata().getAnnotations())
                    .containsEntry("alb.ingress.kubernetes.io/group.name", "shared");
        }
    }

    @Test
    void targetGroupBindingIsCreatedReadWatchedAndGetsStatus(ItContext it) throws Exception {
        CustomObjectsApi custom = new CustomObjectsApi(it.kube());
        String ns = it.namespace();
        @SuppressWarnings("unchecked")
        Map<String, Object> list = (Map<String, Object>) custom
                .listNamespacedCustomObject(ELBV2_GROUP, ELBV2_VERSION, ns, TARGET_GROUP_BINDINGS).execute();
        String rv = (String) ((Map<?, ?>) list.get("metadata")).get("resourceVersion");

        var call = custom.listNamespacedCustomObject(ELBV2_GROUP, ELBV2_VERSION, ns, TARGET_GROUP_BINDINGS)
                .resourceVersion(rv).watch(true).timeoutSeconds(60).buildCall(null);
        try (Watch<Map<String, Object>> watch = Watch.createWatch(it.kube(), call, OBJECT_EVENT)) {
            Map<String, Object> tgb = Map.of(
                    "apiVersion", ELBV2_GROUP + "/" + ELBV2_VERSION,
                    "kind", "TargetGroupBinding",
                    "metadata", Map.of("name", "web-80", "namespace", ns),
                    "spec", Map.of(
                            "targetGroupARN", "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/k8s-web/0123456789abcdef",
                            "targetType", "ip",
                            "serviceRef", Map.of("name", "web", "port", 80),
                            "networking", Map.of("ingress", List.of(Map.of(
                                    "from", List.of(Map.of("securityGroup", Map.of("groupID", "sg-0123456789abcdef0"))),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 8080))))),
                            "unknownField", "pruned by the structural schema"));
            custom.createNamespacedCustomObject(ELBV2_GROUP, ELBV2_VERSION, ns, TARGET_GROUP_BINDINGS, tgb).execute();

            Map<String, Object> read = get(custom, ns, "web-80");
            Map<String, Object> spec = map(read, "spec");
            assertThat(spec).containsEntry("targetType", "ip").doesNotContainKey("unknownField");
            assertThat(map(spec, "serviceRef")).containsEntry("name", "web");

            Watch.Response<Map<String, Object>> added = next(watch, e -> e.type.equals("ADDED"));
            assertThat(map(added.object, "metadata")).containsEntry("name", "web-80");

            // the status subresource: what a controller writes after reconciling
            Map<String, Object> withStatus = new HashMap<>(read);
            withStatus.put("status", Map.of("observedGeneration", 1));
            custom.replaceNamespacedCustomObjectStatus(ELBV2_GROUP, ELBV2_VERSION, ns, TARGET_GROUP_BINDINGS,
                    "web-80", withStatus).execute();
            Watch.Response<Map<String, Object>> modified = next(watch, e -> e.type.equals("MODIFIED"));
            assertThat(((Number) map(modified.object, "status").get("observedGeneration")).intValue()).isEqualTo(1);

            custom.deleteNamespacedCustomObject(ELBV2_GROUP, ELBV2_VERSION, ns, TARGET_GROUP_BINDINGS, "web-80").execute();
            assertThat(next(watch, e -> e.type.equals("DELETED")).object).isNotNull();
        }
    }

    @Test
    void crdSchemasAreEnforced(ItContext it) throws Exception {
        CustomObjectsApi custom = new CustomObjectsApi(it.kube());
        Map<String, Object> noServiceRef = Map.of(
                "apiVersion", ELBV2_GROUP + "/" + ELBV2_VERSION, "kind", "TargetGroupBinding",
                "metadata", Map.of("name", "broken"),
                "spec", Map.of("targetType", "pod"));
        assertThatThrownBy(() -> custom.createNamespacedCustomObject(ELBV2_GROUP, ELBV2_VERSION, it.namespace(),
                TARGET_GROUP_BINDINGS, noServiceRef).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains("spec.serviceRef").contains("spec.targetType");
                });

        String name = "params-" + it.namespace();
        Map<String, Object> params = Map.of(
                "apiVersion", ELBV2_GROUP + "/" + ELBV2_VERSION, "kind", "IngressClassParams",
                "metadata", Map.of("name", name),
                "spec", Map.of("scheme", "internal", "group", Map.of("name", "shared"),
                        "subnets", Map.of("tags", Map.of("kubernetes.io/role/internal-elb", List.of("1")))));
        custom.createClusterCustomObject(ELBV2_GROUP, ELBV2_VERSION, INGRESS_CLASS_PARAMS, params).execute();
        it.onCleanup(() -> custom.deleteClusterCustomObject(ELBV2_GROUP, ELBV2_VERSION, INGRESS_CLASS_PARAMS, name).execute());
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) custom
                .getClusterCustomObject(ELBV2_GROUP, ELBV2_VERSION, INGRESS_CLASS_PARAMS, name).execute();
        assertThat(map(read, "spec")).containsEntry("scheme", "internal");

        Map<String, Object> bothPrefixLists = Map.of(
                "apiVersion", ELBV2_GROUP + "/" + ELBV2_VERSION, "kind", "IngressClassParams",
                "metadata", Map.of("name", name + "-x"),
                "spec", Map.of("prefixListsIDs", List.of("pl-1"), "PrefixListsIDs", List.of("pl-2")));
        assertThatThrownBy(() -> custom.createClusterCustomObject(ELBV2_GROUP, ELBV2_VERSION, INGRESS_CLASS_PARAMS,
                bothPrefixLists).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains("cannot specify both");
                });
    }

    @Test
    void seededNodeIsReady(ItContext it) throws Exception {
        it.seedKube().node("ip-10-0-1-10.us-west-2.compute.internal", "aws:///us-west-2a/i-0123456789abcdef0",
                "us-west-2a", "10.0.1.10", true, Map.of());
        V1Node node = new CoreV1Api(it.kube()).readNode("ip-10-0-1-10.us-west-2.compute.internal").execute();
        assertThat(node.getSpec().getProviderID()).isEqualTo("aws:///us-west-2a/i-0123456789abcdef0");
        assertThat(node.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                });
        assertThat(node.getMetadata().getLabels()).containsEntry("topology.kubernetes.io/zone", "us-west-2a");
    }

    /** The next event matching {@code wanted}; the client's read timeout bounds the wait. */
    private static <T> Watch.Response<T> next(Watch<T> watch, Predicate<Watch.Response<T>> wanted) {
        for (int seen = 0; seen < 100 && watch.hasNext(); seen++) {
            Watch.Response<T> event = watch.next();
            if (wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("the watch ended without the expected event");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(CustomObjectsApi custom, String ns, String name) throws ApiException {
        return (Map<String, Object>) custom
                .getNamespacedCustomObject(ELBV2_GROUP, ELBV2_VERSION, ns, TARGET_GROUP_BINDINGS, name).execute();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> object, String key) {
        return (Map<String, Object>) object.get(key);
    }
}
