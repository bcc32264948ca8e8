package dev.albc.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * The test-time audit of albc's AWS calls against its IAM policy (docs/installation.md "IAM
 * policy"). Off unless the system property {@code albc.aws.call-log} or the environment variable
 * {@code ALBC_AWS_CALL_LOG} names a directory — the integration tests set it, and a controller
 * process they start inherits it. When on, every call (through {@link CallCounter}):
 *
 * <ul>
 *   <li>is refused when its operation is not in {@link AwsOperations#ALL} (so not in the policy);
 *   <li>is refused when it creates a load balancer, target group, security group or certificate without the
 *       {@code elbv2.k8s.aws/cluster} tag that the policy's conditions require;
 *   <li>is written, the first time this process makes it, to {@code <dir>/aws-calls-<pid>.txt}
 *       (refusals as {@code DENIED <operation> <why>}), where a test reads every process's calls.
 * </ul>
 */
public final class AwsCallAudit {
  public static final String PROPERTY = "albc.aws.call-log";
  public static final String ENV = "ALBC_AWS_CALL_LOG";
  public static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";

  private static final Path DIR = dir();
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private AwsCallAudit() {}

  private static Path dir() {
    String d = System.getProperty(PROPERTY);
    if (d == null || d.isBlank()) {
      d = System.getenv(ENV);
    }
    return d == null || d.isBlank() ? null : Path.of(d);
  }

  /** True when the audit is on in this process. */
  public static boolean enabled() {
    return DIR != null;
  }

  /** This process's log file, when the audit is on. */
  public static Path logFile() {
    return DIR == null ? null : DIR.resolve("aws-calls-" + ProcessHandle.current().pid() + ".txt");
  }

  /** Checks and records one call; throws {@link IllegalStateException} for a call the policy would deny. */
  static void check(String serviceOperation, SdkRequest request) {
    if (DIR == null) {
      return;
    }
    String why = problem(serviceOperation, request);
    if (why != null) {
      write("DENIED " + serviceOperation + " " + why);
      throw new IllegalStateException("AWS call " + serviceOperation + " refused by the IAM policy audit: " + why);
    }
    if (SEEN.add(serviceOperation)) {
      write(serviceOperation);
    }
  }

  /** Why the policy would deny this call, or null. */
  public static String problem(String serviceOperation, SdkRequest request) {
    if (!AwsOperations.listed(serviceOperation)) {
      return "not in AwsOperations.ALL nor in deploy/iam/albc-iam-policy.json";
    }
    boolean tagged = switch (serviceOperation) {
      case "elbv2:CreateLoadBalancer" -> request instanceof CreateLoadBalancerRequest r && hasClusterTag(r.tags());
      case "elbv2:CreateTargetGroup" -> request instanceof CreateTargetGroupRequest r && hasClusterTag(r.tags());
      case "ec2:CreateSecurityGroup" -> request instanceof CreateSecurityGroupRequest r
          && r.tagSpecifications().stream().map(TagSpecification::tags)
              .anyMatch(ts -> ts.stream().anyMatch(t -> CLUSTER_TAG.equals(t.key())));
      case "acm:RequestCertificate" -> request instanceof software.amazon.awssdk.services.acm.model.RequestCertificateRequest r
          && r.tags().stream().anyMatch(t -> CLUSTER_TAG.equals(t.key()));
      default -> true;
    };
    return tagged ? null : "the request carries no " + CLUSTER_TAG + " tag (aws:RequestTag condition)";
  }

  private static boolean hasClusterTag(List<Tag> tags) {
    return tags.stream().anyMatch(t -> CLUSTER_TAG.equals(t.key()));
  }

  private static synchronized void write(String line) {
    try {
      Files.createDirectories(DIR);
      Files.writeString(logFile(), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the AWS call log " + logFile(), e);
    }
  }
}
