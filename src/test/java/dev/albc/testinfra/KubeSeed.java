package dev.albc.testinfra;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAddress;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Seeds Kubernetes objects that a control plane without kubelets lacks. Nodes are cluster-scoped, so
 * each one is deleted after the test.
 */
public final class KubeSeed {

    private final ItContext it;

    KubeSeed(ItContext it) {
        this.it = it;
    }

    /**
     * A Node as an EKS kubelet would register it, with a Ready condition of {@code ready}.
     *
     * @param providerId e.g. {@code aws:///us-west-2a/i-0123456789abcdef0}
     */
    public V1Node node(String name, String providerId, String zone, String internalIp, boolean ready,
                       Map<String, String> extraLabels) throws ApiException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("topology.kubernetes.io/zone", zone);
        labels.put("topology.kubernetes.io/region", it.settings().region());
        labels.putAll(extraLabels);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        V1NodeStatus status = new V1NodeStatus()
                .conditions(List.of(new V1NodeCondition().type("Ready").status(ready ? "True" : "False")
                        .reason(ready ? "KubeletReady" : "KubeletNotReady").message("seeded by an integration test")
                        .lastHeartbeatTime(now).lastTransitionTime(now)))
                .addresses(List.of(new V1NodeAddress().type("InternalIP").address(internalIp),
                        new V1NodeAddress().type("Hostname").address(name)));
        V1Node body = new V1Node()
                .metadata(new V1ObjectMeta().name(name).labels(labels))
                .spec(new V1NodeSpec().providerID(providerId))
                .status(status);
        CoreV1Api core = new CoreV1Api(it.kube());
        V1Node created = core.createNode(body).execute();
        it.onCleanup(() -> {
            try {
                core.deleteNode(name).execute();
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        });
        if (created.getStatus() == null || created.getStatus().getConditions() == null) {
            created.setStatus(status); // the API server may drop status on create; set it through /status
            created = core.replaceNodeStatus(name, created).execute();
        }
        return created;
    }

    /** A Ready Node for an EC2 instance: providerID aws:///&lt;zone&gt;/&lt;instance id&gt;, named by its private DNS name. */
    public V1Node nodeFor(Instance instance) throws ApiException {
        String zone = instance.placement().availabilityZone();
        String name = instance.privateDnsName() != null && !instance.privateDnsName().isBlank()
                ? instance.privateDnsName()
                : instance.instanceId();
        return node(name, "aws:///" + zone + "/" + instance.instanceId(), zone, instance.privateIpAddress(), true,
                Map.of("node.kubernetes.io/instance-type", instance.instanceTypeAsString()));
    }
}
