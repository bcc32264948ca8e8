package dev.albc.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.shield.ShieldClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * The AWS SDK v2 clients albc uses (ELBv2, EC2, ACM, Route 53, WAFv2, Shield, Resource Groups Tagging, STS):
 * one per service, made on first use, sharing one Apache HTTP client, with
 *
 * <ul>
 *   <li>the region of {@code --aws-region}, else the SDK's chain ({@code AWS_REGION}, profile, IMDS);
 *   <li>an endpoint override ({@code --aws-endpoint-url}, else {@code AWS_ENDPOINT_URL}) for an
 *       emulator;
 *   <li>the default credential chain (environment, profile, IRSA web identity through STS — the
 *       {@code sts} module is on the classpath —, container and instance credentials);
 *   <li>the standard retry strategy with {@value #DEFAULT_MAX_ATTEMPTS} attempts and its retry-quota
 *       circuit breaker off, as the reference controller;
 *   <li>{@link RateLimits} and a {@link CallCounter} on every call.
 * </ul>
 */
public final class AwsSession implements AutoCloseable {
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** How to reach AWS. Empty region: the SDK's region chain; empty endpoint: AWS itself. */
  public record Settings(
      String region,
      Optional<URI> endpoint,
      int maxAttempts,
      RateLimits rateLimits,
      AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> extraInterceptors) {

    public Settings {
      region = region == null ? "" : region;
      endpoint = endpoint == null ? Optional.empty() : endpoint;
      rateLimits = rateLimits == null ? RateLimits.defaults() : rateLimits;
      extraInterceptors = extraInterceptors == null ? List.of() : List.copyOf(extraInterceptors);
    }

    /**
     * Settings from flags: an empty endpoint flag falls back to {@code AWS_ENDPOINT_URL}; default
     * credential chain; reference rate limits and retries.
     */
    public static Settings of(String region, String endpointUrl) {
      String ep = endpointUrl == null || endpointUrl.isBlank() ? System.getenv("AWS_ENDPOINT_URL") : endpointUrl;
      Optional<URI> endpoint = Optional.empty();
      if (ep != null && !ep.isBlank()) {
        try {
          URI u = URI.create(ep.trim());
          if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL");
          }
          endpoint = Optional.of(u);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--aws-endpoint-url: \"" + ep + "\" is not a URL (" + e.getMessage() + ")", e);
        }
      }
      return new Settings(region, endpoint, DEFAULT_MAX_ATTEMPTS, RateLimits.defaults(), null, List.of());
    }

    public Settings withCredentials(AwsCredentialsProvider c) {
      return new Settings(region, endpoint, maxAttempts, rateLimits, c, extraInterceptors);
    }

    public Settings withRateLimits(RateLimits r) {
      return new Settings(region, endpoint, maxAttempts, r, credentials, extraInterceptors);
    }

    public Settings withInterceptor(ExecutionInterceptor i) {
      List<ExecutionInterceptor> l = new ArrayList<>(extraInterceptors);
      l.add(i);
      return new Settings(region, endpoint, maxAttempts, rateLimits, credentials, l);
    }

    public Settings withMaxAttempts(int n) {
      return new Settings(region, endpoint, n, rateLimits, credentials, extraInterceptors);
    }
  }

  private final Settings settings;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  /**
   * The timers of every client of the session (call and attempt timeouts), on one daemon thread:
   * left to itself the SDK gives each client a pool of up to five (17 threads in a controller).
   */
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "albc-aws-timers");
    t.setDaemon(true);
    return t;
  });
  private final CallCounter counter = new CallCounter();
  private final List<SdkClient> made = new ArrayList<>();

  private ElasticLoadBalancingV2Client elbv2;
  private Ec2Client ec2;
  private AcmClient acm;
  private Wafv2Client wafv2;
  private ShieldClient shield;
  private Route53Client route53;
  private ResourceGroupsTaggingApiClient tagging;
  private StsClient sts;

  public AwsSession(Settings settings) {
    this.settings = settings;
    this.region = settings.region().isBlank()
        ? new DefaultAwsRegionProviderChain().getRegion()
        : Region.of(settings.region());
    this.credentials = settings.credentials() != null
        ? settings.credentials()
        : DefaultCredentialsProvider.builder().build();
    this.http = ApacheHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(60))
        .maxConnections(16)
        .build();
  }

  public Region region() {
    return region;
  }

  public Optional<URI> endpoint() {
    return settings.endpoint();
  }

  /** Every call made through this session's clients. */
  public CallCounter calls() {
    return counter;
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

  /** Shield Advanced's real endpoint is in us-east-1; an emulator serves it in the session's region. */
  public synchronized ShieldClient shield() {
    return shield = made(shield, () -> build(ShieldClient.builder(),
        settings.endpoint().isPresent() ? region : Region.US_EAST_1));
  }

  /** Route 53 is global (its endpoint in us-east-1); an emulator serves it in the session's region. */
  public synchronized Route53Client route53() {
    return route53 = made(route53, () -> build(Route53Client.builder(),
        settings.endpoint().isPresent() ? region : Region.AWS_GLOBAL));
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
    ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(settings.maxAttempts())
            .circuitBreakerEnabled(false)
            .build())
        .apiCallTimeout(Duration.ofMinutes(5))
        .apiCallAttemptTimeout(Duration.ofSeconds(60))
        .scheduledExecutorService(timers)
        .addExecutionInterceptor(settings.rateLimits())
        .addExecutionInterceptor(counter);
    settings.extraInterceptors().forEach(o::addExecutionInterceptor);
    builder.region(r).credentialsProvider(credentials).httpClient(http).overrideConfiguration(o.build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public synchronized void close() {
    made.forEach(SdkClient::close);
    made.clear();
    http.close();
    timers.shutdownNow();
  }
}
