package dev.albc.testinfra;

import io.kubernetes.client.openapi.ApiClient;
import java.util.ArrayDeque;
import java.util.Deque;

/** What one integration test gets: clients, its own namespace, seeding helpers, cleanups. */
public final class ItContext {

    /** The cluster name used by the seeding helpers' tags (kubernetes.io/cluster/&lt;name&gt;). */
    public static final String CLUSTER_NAME = "albc-it";

    /** Something to undo after the test. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }

    private final ItEnvironment environment;
    private final String namespace;
    private final Deque<Cleanup> cleanups = new ArrayDeque<>();
    private final AwsSeed awsSeed;
    private final KubeSeed kubeSeed;

    ItContext(ItEnvironment environment, String namespace) {
        this.environment = environment;
        this.namespace = namespace;
        this.awsSeed = new AwsSeed(this);
        this.kubeSeed = new KubeSeed(this);
    }

    public ItSettings settings() {
        return environment.settings();
    }

    public AwsClients aws() {
        return environment.aws();
    }

    public ApiClient kube() {
        return environment.kube();
    }

    /** The namespace made for this test (deleted after it). */
    public String namespace() {
        return namespace;
    }

    public String clusterName() {
        return CLUSTER_NAME;
    }

    /** gitVersion of the API server, e.g. v1.34.4. */
    public String kubeVersion() {
        return environment.kubeVersion();
    }

    public AwsSeed seedAws() {
        return awsSeed;
    }

    public KubeSeed seedKube() {
        return kubeSeed;
    }

    /** Wipes the emulator now (it is also wiped before each test). */
    public void resetAws() {
        environment.resetAws();
    }

    /** True when the tests run against an emulator that is wiped before each test. */
    public boolean awsIsReset() {
        return settings().awsEndpoint().isPresent() && settings().resetPath().isPresent();
    }

    /** Registers something to undo after the test; cleanups run last-registered first. */
    public void onCleanup(Cleanup cleanup) {
        cleanups.push(cleanup);
    }

    /** Runs the cleanups; the first failure is thrown after all have run. */
    void runCleanups() throws Exception {
        Exception first = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
