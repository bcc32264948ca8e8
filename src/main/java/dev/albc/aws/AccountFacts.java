package dev.albc.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.facts.SslPoliciesFact;
import dev.albc.sources.AwsFacts;
import dev.albc.sources.AwsFactsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * The AWS facts the rules need, read from the account instead of AWS CLI dumps: the VPC's subnets,
 * route tables and security groups (EC2, filtered by {@code vpc-id}) and the ISSUED ACM certificates
 * (ListCertificates of every key type; DescribeCertificate only for a certificate whose summary does
 * not list all its names). The SDK's answers are turned into the AWS CLI's JSON ({@link SdkJson})
 * and mapped to facts by {@link AwsFactsReader}, as dumps are: one mapping for both (docs/apply.md,
 * "Inputs").
 */
public final class AccountFacts {
  private static final Logger LOG = LoggerFactory.getLogger(AccountFacts.class);
  private final AwsSession aws;

  public AccountFacts(AwsSession aws) {
    this.aws = aws;
  }

  /** The SDK's answers, as read. */
  public record Answers(List<Subnet> subnets, List<RouteTable> routeTables, List<SecurityGroup> securityGroups,
      List<CertificateSummary> certificateSummaries, List<CertificateDetail> certificateDetails) {}

  /** Reads all four kinds; an AWS error throws {@link AwsCallException} naming the call. */
  public AwsFacts read(String vpcId) {
    return facts(vpcId, answers(vpcId));
  }

  /**
   * Every fact the rules get from the account: those of {@link #read} and, when DescribeSSLPolicies
   * answers, the account's {@link SslPoliciesFact}: what plan --live, apply and the controller
   * (cached with the rest, {@code CachedAccountFacts}) hand to the rules.
   */
  public List<Object> all(String vpcId) {
    List<Object> out = new ArrayList<>(read(vpcId).all());
    sslPolicies().ifPresent(out::add);
    return List.copyOf(out);
  }

  /**
   * The account's ELB security policy names (DescribeSSLPolicies, every page). A failed call or an
   * empty answer gives no fact, never an empty one: the rules then warn about a policy albc does not
   * know, as offline, instead of calling every policy unknown (an IAM policy from before albc asked
   * for elasticloadbalancing:DescribeSSLPolicies keeps working).
   */
  public Optional<SslPoliciesFact> sslPolicies() {
    try {
      List<SslPolicy> policies = call("DescribeSSLPolicies", "the ELB security policies", () -> {
        List<SslPolicy> out = new ArrayList<>();
        String marker = null;
        do {
          String page = marker;
          var r = aws.elbv2().describeSSLPolicies(b -> b.marker(page));
          out.addAll(r.sslPolicies());
          marker = r.nextMarker() == null || r.nextMarker().isEmpty() || r.nextMarker().equals(page)
              ? null : r.nextMarker();
        } while (marker != null);
        return out;
      });
      // mapped as an aws elbv2 describe-ssl-policies dump is: one mapping for both
      return Optional.ofNullable(new AwsFactsReader().readJson("the account's answers",
          List.of(SdkJson.cliOutput("SslPolicies", policies))).sslPolicies());
    } catch (AwsCallException e) {
      LOG.warn("ssl-policy names are checked against albc's own list only: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The facts of the SDK's answers: as CLI JSON, through {@link AwsFactsReader}. */
  public static AwsFacts facts(String vpcId, Answers a) {
    List<ObjectNode> docs = new ArrayList<>();
    docs.add(SdkJson.cliOutput("Subnets", a.subnets()));
    docs.add(SdkJson.cliOutput("RouteTables", a.routeTables()));
    docs.add(SdkJson.cliOutput("SecurityGroups", a.securityGroups()));
    docs.add(SdkJson.cliOutput("CertificateSummaryList", a.certificateSummaries()));
    a.certificateDetails().forEach(d -> docs.add(SdkJson.cliOutput("Certificate", d)));
    return new AwsFactsReader(vpcId).readJson("the account's answers", docs);
  }

  /** The calls: DescribeSubnets, DescribeRouteTables, DescribeSecurityGroups, ListCertificates, DescribeCertificate. */
  Answers answers(String vpcId) {
    Filter vpc = Filter.builder().name("vpc-id").values(vpcId).build();
    List<Subnet> subnets = call("DescribeSubnets", "the subnets of " + vpcId, () -> {
      List<Subnet> out = new ArrayList<>();
      aws.ec2().describeSubnetsPaginator(r -> r.filters(vpc)).subnets().forEach(out::add);
      return out;
    });
    List<RouteTable> routeTables = call("DescribeRouteTables", "the route tables of " + vpcId, () -> {
      List<RouteTable> out = new ArrayList<>();
      aws.ec2().describeRouteTablesPaginator(r -> r.filters(vpc)).routeTables().forEach(out::add);
      return out;
    });
    List<SecurityGroup> groups = call("DescribeSecurityGroups", "the security groups of " + vpcId, () -> {
      List<SecurityGroup> out = new ArrayList<>();
      aws.ec2().describeSecurityGroupsPaginator(r -> r.filters(vpc)).securityGroups().forEach(out::add);
      return out;
    });
    // ISSUED certificates of every key type (ListCertificates alone lists only RSA-2048 ones)
    List<CertificateSummary> summaries = call("ListCertificates", "the ACM certificates", () -> {
      List<CertificateSummary> out = new ArrayList<>();
      aws.acm().listCertificatesPaginator(r -> r.certificateStatuses(CertificateStatus.ISSUED)
          .includes(i -> i.keyTypes(KeyAlgorithm.knownValues()))).certificateSummaryList().forEach(out::add);
      return out;
    });
    List<CertificateDetail> details = new ArrayList<>();
    for (CertificateSummary s : summaries) {
      boolean complete = !s.subjectAlternativeNameSummaries().isEmpty()
          && !Boolean.TRUE.equals(s.hasAdditionalSubjectAlternativeNames());
      if (!complete) {
        details.add(call("DescribeCertificate", s.certificateArn(),
            () -> aws.acm().describeCertificate(r -> r.certificateArn(s.certificateArn())).certificate()));
      }
    }
    return new Answers(subnets, routeTables, groups, summaries, details);
  }

  private static <T> T call(String op, String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (AwsCallException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AwsCallException(op, what, e);
    }
  }
}
