package dev.albc.testinfra;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.shield.ShieldClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * AWS SDK v2 clients for the services albc calls, pointed at the test endpoint: the emulator of
 * {@code scripts/test-env} (static dummy credentials), or real AWS when the endpoint is {@code aws}
 * (default endpoints and credential chain). Clients are made on first use and share one HTTP client.
 */
public final class AwsClients implements AutoCloseable {

    /** The account moto answers for (its default); real AWS answers with yours. */
    public static final String MOTO_ACCOUNT_ID = "123456789012";

    private final Optional<URI> endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final List<SdkClient> made = new ArrayList<>();

    private ElasticLoadBalancingV2Client elbv2;
    private Ec2Client ec2;
    private AcmClient acm;
    private Wafv2Client wafv2;
    private ShieldClient shield;
    private software.amazon.awssdk.services.route53.Route53Client route53;
    private ResourceGroupsTaggingApiClient tagging;
    private StsClient sts;

    public AwsClients(ItSettings settings) {
        this.endpoint = settings.awsEndpoint();
        this.region = Region.of(settings.region());
        this.credentials = endpoint.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))
                : DefaultCredentialsProvider.builder().build();
        this.http = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    public Region region() {
        return region;
    }

    public Optional<URI> endpoint() {
        return endpoint;
    }

    public synchronized ElasticLoadBalancingV2Client elbv2() {
        return elbv2 = made(elbv2, () -> build(ElasticLoadBalancingV2Client.builder(), region));
    }

    public synchronized Ec2Client ec2() {
        return ec2 = made(ec2, () -> build(Ec2Client.builder(), region));
    }

    public synchronized AcmClient acm() {
        return acm = made(acm, () -> build(AcmClient.builder(), region));
    }

    public synchronized Wafv2Client wafv2() {
        return wafv2 = made(wafv2, () -> build(Wafv2Client.builder(), region));
    }

    /** Shield Advanced is a global service whose real endpoint lives in us-east-1. */
    public synchronized ShieldClient shield() {
        return shield = made(shield, () -> build(ShieldClient.builder(),
                endpoint.isPresent() ? region : Region.US_EAST_1));
    }

    /** Route 53 is global (us-east-1 on AWS); the emulator serves it in the test region. */
    public synchronized software.amazon.awssdk.services.route53.Route53Client route53() {
        return route53 = made(route53, () -> build(software.amazon.awssdk.services.route53.Route53Client.builder(),
                endpoint.isPresent() ? region : Region.AWS_GLOBAL));
    }

    public synchronized ResourceGroupsTaggingApiClient tagging() {
        return tagging = made(tagging, () -> build(ResourceGroupsTaggingApiClient.builder(), region));
    }

    public synchronized StsClient sts() {
        return sts = made(sts, () -> build(StsClient.builder(), region));
    }

    private <C extends SdkClient> C made(C existing, Supplier<C> factory) {
        if (existing != null) {
            return existing;
        }
        C client = factory.get();
        made.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Region r) {
        builder.region(r).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(120)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public synchronized void close() {
        made.forEach(SdkClient::close);
        made.clear();
        http.close();
    }
}
