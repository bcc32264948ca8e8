package dev.albc.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItSettingsTest {

    @TempDir
    Path dir;

    private static ItSettings load(Map<String, String> properties, Map<String, String> env) {
        return ItSettings.load(properties::get, env::get);
    }

    @Test
    void withoutServersItFailsAndSaysHowToStartThem() {
        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(ServersUnavailableException.class)
                .hasMessageContaining("ALBC_TEST_AWS_ENDPOINT")
                .hasMessageContaining("ALBC_TEST_KUBECONFIG")
                .hasMessageContaining("scripts/test-env up")
                .hasMessageContaining("eval \"$(scripts/test-env env)\"")
                .hasMessageContaining("scripts/test");
    }

    @Test
    void aKubeconfigThatIsGoneMeansTheServersWereStopped() {
        Map<String, String> env = Map.of("ALBC_TEST_AWS_ENDPOINT", "http://127.0.0.1:15000",
                "ALBC_TEST_KUBECONFIG", dir.resolve("missing").toString());
        assertThatThrownBy(() -> load(Map.of(), env))
                .isInstanceOf(ServersUnavailableException.class)
                .hasMessageContaining("names no readable file");
    }

    @Test
    void readsWhatTestEnvExports() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n");
        ItSettings s = load(Map.of(), Map.of(
                "ALBC_TEST_AWS_ENDPOINT", "http://127.0.0.1:15000/",
                "ALBC_TEST_AWS_RESET", "moto",
                "AWS_REGION", "eu-west-1",
                "ALBC_TEST_KUBECONFIG", kubeconfig.toString()));
        assertThat(s.awsEndpoint()).contains(URI.create("http://127.0.0.1:15000"));
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.resetPath()).contains("/moto-api/reset");
        assertThat(s.kubeconfig()).contains(kubeconfig);
        assertThat(s.realAws()).isFalse();
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n");
        Map<String, String> props = new HashMap<>();
        props.put("albc.test.aws.endpoint", "http://localhost:4566");
        props.put("albc.test.aws.reset", "none");
        props.put("albc.test.aws.region", "us-east-1");
        ItSettings s = load(props, Map.of("ALBC_TEST_AWS_ENDPOINT", "http://127.0.0.1:15000",
                "ALBC_TEST_KUBECONFIG", kubeconfig.toString()));
        assertThat(s.awsEndpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(s.resetPath()).isEmpty();
        assertThat(s.region()).isEqualTo("us-east-1");
    }

    @Test
    void realAwsIsNeverReset() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n");
        ItSettings s = load(Map.of(), Map.of("ALBC_TEST_AWS_ENDPOINT", "aws", "ALBC_TEST_KUBECONFIG", kubeconfig.toString()));
        assertThat(s.realAws()).isTrue();
        assertThat(s.resetPath()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> load(Map.of(), Map.of("ALBC_TEST_AWS_ENDPOINT", "aws", "ALBC_TEST_AWS_RESET", "moto",
                "ALBC_TEST_KUBECONFIG", kubeconfig.toString())))
                .hasMessageContaining("cannot be used against real AWS");
    }
}
