package dev.albc.testinfra;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.VersionInfo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The servers of one test JVM: settings, AWS clients, Kubernetes client, checked reachable once.
 * Made and closed by {@link IntegrationExtension}; tests see it through {@link ItContext}.
 */
public final class ItEnvironment implements AutoCloseable {

    private final ItSettings settings;
    private final AwsClients aws;
    private final ApiClient kube;
    private final String kubeVersion;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ItEnvironment(ItSettings settings) {
        this.settings = settings;
        this.kube = Kube.client(settings.kubeconfig().orElseThrow());
        this.kubeVersion = checkKube();
        this.aws = new AwsClients(settings);
        try {
            checkAws();
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** Reads the settings and checks that both servers answer; fails with how to start them. */
    public static ItEnvironment start() {
        return new ItEnvironment(ItSettings.fromEnvironment());
    }

    public ItSettings settings() {
        return settings;
    }

    public AwsClients aws() {
        return aws;
    }

    public ApiClient kube() {
        return kube;
    }

    /** gitVersion of the API server, e.g. v1.34.4. */
    public String kubeVersion() {
        return kubeVersion;
    }

    /** Wipes all emulator state (moto: POST /moto-api/reset); nothing when the reset mode is none. */
    public void resetAws() {
        if (settings.resetPath().isEmpty() || settings.awsEndpoint().isEmpty()) {
            return;
        }
        URI uri = URI.create(settings.awsEndpoint().get() + settings.resetPath().get());
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("emulator reset " + uri + " answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new ServersUnavailableException("cannot reset the AWS emulator at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String checkKube() {
        try {
            VersionInfo version = new VersionApi(kube).getCode().execute();
            return version.getGitVersion();
        } catch (ApiException e) {
            String where = kube.getBasePath();
            String why = e.getCode() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.getCode() + " " + e.getResponseBody();
            throw new ServersUnavailableException("the Kubernetes API server at " + where + " does not answer: " + why, e);
        }
    }

    private void checkAws() {
        if (settings.awsEndpoint().isPresent()) {
            URI endpoint = settings.awsEndpoint().get();
            try {
                http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (ConnectException e) {
                throw new ServersUnavailableException("nothing listens at the AWS endpoint " + endpoint, e);
            } catch (IOException e) {
                throw new ServersUnavailableException("the AWS endpoint " + endpoint + " does not answer: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } else {
            try {
                aws.sts().getCallerIdentity();
            } catch (RuntimeException e) {
                throw new ServersUnavailableException("real AWS (ALBC_TEST_AWS_ENDPOINT=aws) rejects the default credentials: " + e, e);
            }
        }
    }

    @Override
    public void close() {
        aws.close();
        kube.getHttpClient().dispatcher().executorService().shutdown();
        kube.getHttpClient().connectionPool().evictAll();
    }
}
