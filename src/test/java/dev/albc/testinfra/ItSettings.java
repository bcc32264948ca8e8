package dev.albc.testinfra;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the integration tests find their servers. Each setting is read from a system property first
 * (e.g. {@code mvn verify -Dalbc.test.aws.endpoint=...}), then from the environment, which
 * {@code scripts/test-env env} fills in.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>System property</th><th>Environment</th><th>Meaning</th></tr>
 *   <tr><td>albc.test.aws.endpoint</td><td>ALBC_TEST_AWS_ENDPOINT</td>
 *       <td>URL of an AWS API emulator (moto, LocalStack), or {@code aws} for the real AWS endpoints with
 *       the default credential chain</td></tr>
 *   <tr><td>albc.test.aws.region</td><td>ALBC_TEST_AWS_REGION, AWS_REGION</td><td>region (us-west-2)</td></tr>
 *   <tr><td>albc.test.aws.reset</td><td>ALBC_TEST_AWS_RESET</td>
 *       <td>how to wipe the emulator before each test: {@code moto} (POST /moto-api/reset), {@code none},
 *       or a path to POST to; default {@code moto} for an emulator URL, {@code none} for {@code aws}</td></tr>
 *   <tr><td>albc.test.kubeconfig</td><td>ALBC_TEST_KUBECONFIG</td>
 *       <td>kubeconfig of the test API server. Deliberately not $KUBECONFIG, so that tests never run
 *       against a cluster that happens to be configured in the shell.</td></tr>
 * </table>
 */
public record ItSettings(Optional<URI> awsEndpoint, String region, Optional<String> resetPath, Optional<Path> kubeconfig) {

    public static final String DEFAULT_REGION = "us-west-2";

    /** Said by every failure caused by missing or unreachable test servers. */
    public static final String HOW_TO_START = String.join("\n",
            "The integration tests (*IT) need the test servers: moto (AWS API emulator), etcd and kube-apiserver.",
            "Run everything with the one test command:",
            "    scripts/test                      (extra args go to Maven, e.g. scripts/test -Dit.test=SmokeAwsIT)",
            "or start the servers once and point this shell at them:",
            "    scripts/test-env up",
            "    eval \"$(scripts/test-env env)\"",
            "    mvn verify -Dit.test=SmokeAwsIT",
            "and stop them with `scripts/test-env down`. See docs/testing.md.");

    public boolean realAws() {
        return awsEndpoint.isEmpty();
    }

    public static ItSettings fromEnvironment() {
        return load(System::getProperty, System::getenv);
    }

    /** For tests of this class: explicit property and environment lookups. */
    static ItSettings load(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        List<String> problems = new ArrayList<>();
        Setting s = new Setting(properties, environment);

        String endpointValue = s.get("albc.test.aws.endpoint", "ALBC_TEST_AWS_ENDPOINT");
        Optional<URI> endpoint = Optional.empty();
        boolean awsConfigured = endpointValue != null;
        if (endpointValue == null) {
            problems.add("ALBC_TEST_AWS_ENDPOINT (or -Dalbc.test.aws.endpoint) is not set");
        } else if (!endpointValue.equalsIgnoreCase("aws")) {
            try {
                URI uri = URI.create(endpointValue.replaceAll("/+$", ""));
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                endpoint = Optional.of(uri);
            } catch (IllegalArgumentException e) {
                problems.add("ALBC_TEST_AWS_ENDPOINT is not a URL nor 'aws': " + endpointValue);
            }
        }

        String region = Optional.ofNullable(s.get("albc.test.aws.region", "ALBC_TEST_AWS_REGION"))
                .or(() -> Optional.ofNullable(environment.apply("AWS_REGION")))
                .filter(r -> !r.isBlank())
                .orElse(DEFAULT_REGION);

        String reset = s.get("albc.test.aws.reset", "ALBC_TEST_AWS_RESET");
        if (reset == null) {
            reset = endpoint.isPresent() ? "moto" : "none";
        }
        Optional<String> resetPath = switch (reset.toLowerCase(Locale.ROOT)) {
            case "moto" -> Optional.of("/moto-api/reset");
            case "none", "" -> Optional.empty();
            default -> {
                if (!reset.startsWith("/")) {
                    problems.add("ALBC_TEST_AWS_RESET must be moto, none or a path starting with /: " + reset);
                }
                yield Optional.of(reset);
            }
        };
        if (awsConfigured && endpoint.isEmpty() && resetPath.isPresent()) {
            problems.add("ALBC_TEST_AWS_RESET cannot be used against real AWS (ALBC_TEST_AWS_ENDPOINT=aws)");
        }

        String kubeconfigValue = s.get("albc.test.kubeconfig", "ALBC_TEST_KUBECONFIG");
        Optional<Path> kubeconfig = Optional.empty();
        if (kubeconfigValue == null) {
            problems.add("ALBC_TEST_KUBECONFIG (or -Dalbc.test.kubeconfig) is not set");
        } else if (!Files.isReadable(Path.of(kubeconfigValue))) {
            problems.add("ALBC_TEST_KUBECONFIG names no readable file: " + kubeconfigValue
                    + " (were the servers stopped?)");
        } else {
            kubeconfig = Optional.of(Path.of(kubeconfigValue));
        }

        if (!problems.isEmpty()) {
            throw new ServersUnavailableException(
                    "Test servers are not configured:\n  - " + String.join("\n  - ", problems));
        }
        return new ItSettings(endpoint, region, resetPath, kubeconfig);
    }

    private record Setting(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String get(String property, String env) {
            String v = properties.apply(property);
            if (v == null || v.isBlank()) {
                v = environment.apply(env);
            }
            return v == null || v.isBlank() ? null : v.trim();
        }
    }
}
