package dev.albc.testinfra;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** client-java against the test API server. */
public final class Kube {

    /** Every call, a watch's wait for its next event included, gives up after this long. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Group, version and plurals of albc's custom resources (deploy/crds/). */
    public static final String ELBV2_GROUP = "elbv2.k8s.aws";
    public static final String ELBV2_VERSION = "v1beta1";
    public static final String TARGET_GROUP_BINDINGS = "targetgroupbindings";
    public static final String INGRESS_CLASS_PARAMS = "ingressclassparams";

    private Kube() {}

    /** An {@link ApiClient} for the kubeconfig's current context (token or client certificate). */
    public static ApiClient client(Path kubeconfig) {
        try (Reader reader = Files.newBufferedReader(kubeconfig)) {
            KubeConfig config = KubeConfig.loadKubeConfig(reader);
            config.setFile(kubeconfig.toFile());
            return ClientBuilder.kubeconfig(config).setReadTimeout(READ_TIMEOUT).build();
        } catch (IOException e) {
            throw new ServersUnavailableException("cannot read the kubeconfig " + kubeconfig + ": " + e, e);
        }
    }

    public static V1Namespace createNamespace(ApiClient client, String name, Map<String, String> labels)
            throws ApiException {
        return new CoreV1Api(client)
                .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name).labels(labels)))
                .execute();
    }

    /**
     * Deletes a namespace. Without kube-controller-manager nothing finalizes it, so it stays
     * Terminating with its objects until the test servers are restarted; tests use a fresh one each.
     */
    public static void deleteNamespace(ApiClient client, String name) throws ApiException {
        try {
            new CoreV1Api(client).deleteNamespace(name).execute();
        } catch (ApiException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
