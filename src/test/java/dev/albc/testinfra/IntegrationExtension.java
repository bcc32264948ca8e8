package dev.albc.testinfra;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link IntegrationTest}: checks the servers once per JVM (failing, never
 * skipping, when they are missing), wipes the AWS emulator and makes a fresh namespace before each
 * test, runs the test's cleanups and deletes the namespace after it, fails a test during which an
 * AWS call was refused by the IAM policy audit ({@link AwsCallLogs}), and resolves {@link ItContext},
 * {@link AwsClients} and {@link ApiClient} parameters.
 */
public final class IntegrationExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(IntegrationExtension.class);

    /** How many earlier runs' AWS call-log directories are kept beside this run's (target/aws-calls). */
    static final int KEEP_CALL_LOG_RUNS = 3;

    /** The JVM-wide environment, or the reason it could not be had (remembered, so each class fails fast). */
    private static final class Holder implements AutoCloseable {
        final ItEnvironment environment;
        final RuntimeException failure;
        boolean failureReported;

        Holder() {
            ItEnvironment env = null;
            RuntimeException fail = null;
            try {
                AwsCallLogs.pruneEarlierRuns(KEEP_CALL_LOG_RUNS);
                env = ItEnvironment.start();
            } catch (RuntimeException e) {
                fail = e;
            }
            this.environment = env;
            this.failure = fail;
        }

        @Override
        public void close() {
            if (environment != null) {
                environment.close();
            }
        }
    }

    static ItEnvironment environment(ExtensionContext context) {
        Holder holder = context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
        if (holder.failure != null) {
            synchronized (holder) {
                if (!holder.failureReported) {
                    holder.failureReported = true;
                    throw holder.failure; // in full, with its stack, for the first test class
                }
            }
            if (holder.failure instanceof ServersUnavailableException) { // the same again, shorter
                throw new ServersUnavailableException(firstLine(holder.failure.getMessage()));
            }
            throw holder.failure;
        }
        return holder.environment;
    }

    private static String firstLine(String message) {
        int end = message.indexOf("\n\n");
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws ApiException {
        ItEnvironment env = environment(context);
        env.resetAws();
        String namespace = namespaceFor(context);
        Kube.createNamespace(env.kube(), namespace, Map.of(
                "albc.dev/integration-test", "true",
                "albc.dev/test-class", label(context.getRequiredTestClass().getSimpleName())));
        context.getStore(STORE).put(ItContext.class, new ItContext(env, namespace));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ItContext it = context.getStore(STORE).remove(ItContext.class, ItContext.class);
        if (it == null) {
            return;
        }
        try {
            it.runCleanups();
        } finally {
            Kube.deleteNamespace(it.kube(), it.namespace());
        }
        // a refused call fails its test even when the code under test caught the refusal (a
        // controller process retries and logs it): every create must carry the cluster tag
        List<String> denied = AwsCallLogs.newDenials();
        if (!denied.isEmpty()) {
            throw new AssertionError("AWS calls the IAM policy would deny were made during this test "
                    + "(dev.albc.aws.AwsCallAudit, deploy/iam/albc-iam-policy.json): " + denied);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == ItContext.class || type == AwsClients.class || type == ApiClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        ItContext it = extension.getStore(STORE).get(ItContext.class, ItContext.class);
        if (type == ItContext.class) {
            if (it == null) {
                throw new IllegalStateException("ItContext is only available to test methods, not to @BeforeAll");
            }
            return it;
        }
        ItEnvironment env = environment(extension);
        return type == AwsClients.class ? env.aws() : env.kube();
    }

    /** it-&lt;class&gt;-&lt;random&gt;, a valid DNS label. */
    private static String namespaceFor(ExtensionContext context) {
        String cls = label(context.getRequiredTestClass().getSimpleName());
        if (cls.length() > 40) {
            cls = cls.substring(0, 40).replaceAll("-+$", "");
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "it-" + cls + "-" + HexFormat.of().formatHex(random);
    }

    private static String label(String s) {
        String l = s.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return l.length() > 63 ? l.substring(0, 63).replaceAll("-+$", "") : l;
    }
}
