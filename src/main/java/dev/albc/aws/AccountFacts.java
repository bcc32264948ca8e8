package dev.albc.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.facts.SslPoliciesFact;
import dev.albc.sources.AwsFacts;
import dev.albc.sources.AwsFactsReader;
import dev.albc.facts.LoadBalancerFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The AWS facts the rules need, read from the account instead of AWS CLI dumps: the VPC's subnets,
 * route tables and security groups (EC2, filtered by {@code vpc-id}) and the ISSUED ACM certificates
 * (ListCertificates of every key type; DescribeCertificate only for a certificate whose summary does
 * not list all its names), and, given a cluster name, the cluster's load balancers. The SDK's answers are turned into the AWS CLI's JSON ({@link SdkJson})
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
   * Every fact the rules get from the account: those of {@link #read(String, String)} and, when DescribeSSLPolicies
   * answers, the account's {@link SslPoliciesFact}: what plan --live, apply and the controller
   * (cached with the rest, {@code CachedAccountFacts}) hand to the rules.
   */
  public List<Object> all(String vpcId, String clusterName) {
    List<Object> out = new ArrayList<>(read(vpcId, clusterName).all());
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

  /**
   * Reads all four kinds and the load balancers of cluster {@code clusterName} with their tags, so
   * the rules keep a group's existing load balancer's subnets (docs/annotations.md "subnets").
   */
  public AwsFacts read(String vpcId, String clusterName) {
    List<ObjectNode> docs = documents(answers(vpcId));
    docs.addAll(loadBalancers(vpcId, clusterName));
    return new AwsFactsReader(vpcId).readJson("the account's answers", docs);
  }

  /** The facts of the SDK's answers: as CLI JSON, through {@link AwsFactsReader}. */
  public static AwsFacts facts(String vpcId, Answers a) {
    return new AwsFactsReader(vpcId).readJson("the account's answers", documents(a));
  }

  private static List<ObjectNode> documents(Answers a) {
    List<ObjectNode> docs = new ArrayList<>();
    docs.add(SdkJson.cliOutput("Subnets", a.subnets()));
    docs.add(SdkJson.cliOutput("RouteTables", a.routeTables()));
    docs.add(SdkJson.cliOutput("SecurityGroups", a.securityGroups()));
    docs.add(SdkJson.cliOutput("CertificateSummaryList", a.certificateSummaries()));
    a.certificateDetails().forEach(d -> docs.add(SdkJson.cliOutput("Certificate", d)));
    return docs;
  }

  /**
   * The cluster's load balancers as {@code describe-load-balancers} and {@code describe-tags}
   * print them: found by the tag {@code elbv2.k8s.aws/cluster} (one {@code GetResources}) and
   * described by ARN, 20 a call; when the account denies the tagging API, the region's load
   * balancers are listed and their tags read (DescribeTags, 20 a call), as the reference does.
   */
  List<ObjectNode> loadBalancers(String vpcId, String clusterName) {
    var reads = new dev.albc.observe.SessionReads(aws);
    Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    List<LoadBalancer> lbs = new ArrayList<>();
    Map<String, String> filter = Map.of(LoadBalancerFact.CLUSTER_TAG, clusterName);
    try {
      call("GetResources", "the load balancers of cluster " + clusterName,
          () -> reads.taggedLoadBalancersAndTargetGroups(filter)).forEach((arn, t) -> {
            if (arn.contains(":loadbalancer/app/")) {
              tags.put(arn, t);
            }
          });
      List<String> arns = List.copyOf(tags.keySet());
      for (int i = 0; i < arns.size(); i += 20) {
        List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
        lbs.addAll(call("DescribeLoadBalancers", batch.size() + " load balancer(s)", () -> reads.loadBalancersByArn(batch)));
      }
    } catch (AwsCallException e) {
      String code = e.errorCode();
      if (code == null || !(code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation"))) {
        throw e;
      }
      lbs.clear();
      for (LoadBalancer lb : call("DescribeLoadBalancers", "the load balancers of " + vpcId, reads::allLoadBalancers)) {
        if (vpcId.equals(lb.vpcId()) && "application".equals(lb.typeAsString())) {
          lbs.add(lb);
        }
      }
      List<String> arns = lbs.stream().map(LoadBalancer::loadBalancerArn).toList();
      for (int i = 0; i < arns.size(); i += 20) {
        List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
        tags.putAll(call("DescribeTags", batch.size() + " resource(s)", () -> reads.tags(batch)));
      }
    }
    ObjectNode tagDoc = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    var descriptions = tagDoc.putArray("TagDescriptions");
    tags.forEach((arn, t) -> {
      ObjectNode d = descriptions.addObject().put("ResourceArn", arn);
      var list = d.putArray("Tags");
      t.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    });
    return List.of(SdkJson.cliOutput("LoadBalancers", lbs), tagDoc);
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
