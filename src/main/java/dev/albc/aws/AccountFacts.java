package dev.albc.aws;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SubnetFact;
import dev.albc.sources.AwsFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The AWS facts the rules need, read from the account instead of AWS CLI dumps: the VPC's subnets,
 * route tables and security groups (EC2, filtered by {@code vpc-id}) and the ISSUED ACM certificates
 * (ListCertificates of every key type; DescribeCertificate only for a certificate whose summary does
 * not list all its names). Read once per run.
 */
public final class AccountFacts {
  private final AwsSession aws;

  public AccountFacts(AwsSession aws) {
    this.aws = aws;
  }

  /** Reads all four kinds; an AWS error throws {@link AwsCallException} naming the call. */
  public AwsFacts read(String vpcId) {
    return new AwsFacts(subnets(vpcId), routeTables(vpcId), securityGroups(vpcId), certificates());
  }

  private static Filter vpc(String vpcId) {
    return Filter.builder().name("vpc-id").values(vpcId).build();
  }

  public List<SubnetFact> subnets(String vpcId) {
    List<SubnetFact> out = new ArrayList<>();
    try {
      for (Subnet s : aws.ec2().describeSubnetsPaginator(r -> r.filters(vpc(vpcId))).subnets()) {
        List<String> ipv6 = new ArrayList<>();
        for (SubnetIpv6CidrBlockAssociation a : s.ipv6CidrBlockAssociationSet()) {
          if (a.ipv6CidrBlockState() != null && "associated".equals(a.ipv6CidrBlockState().stateAsString())) {
            ipv6.add(a.ipv6CidrBlock());
          }
        }
        out.add(new SubnetFact(s.subnetId(), s.vpcId(), s.availabilityZone(), s.availabilityZoneId(), tags(s.tags()),
            s.availableIpAddressCount() == null ? 0 : s.availableIpAddressCount(), ipv6, s.outpostArn()));
      }
    } catch (RuntimeException e) {
      throw wrap("DescribeSubnets", "the subnets of " + vpcId, e);
    }
    return out;
  }

  public List<RouteTableFact> routeTables(String vpcId) {
    List<RouteTableFact> out = new ArrayList<>();
    try {
      for (RouteTable t : aws.ec2().describeRouteTablesPaginator(r -> r.filters(vpc(vpcId))).routeTables()) {
        boolean main = false;
        TreeSet<String> subnets = new TreeSet<>();
        for (RouteTableAssociation a : t.associations()) {
          String state = a.associationState() == null ? null : a.associationState().stateAsString();
          if (state != null && !"associated".equals(state)) {
            continue;
          }
          main |= Boolean.TRUE.equals(a.main());
          if (a.subnetId() != null) {
            subnets.add(a.subnetId());
          }
        }
        List<String> gateways = new ArrayList<>();
        t.routes().forEach(r -> {
          if (r.gatewayId() != null && !gateways.contains(r.gatewayId())) {
            gateways.add(r.gatewayId());
          }
        });
        out.add(new RouteTableFact(t.routeTableId(), t.vpcId(), main, List.copyOf(subnets), gateways));
      }
    } catch (RuntimeException e) {
      throw wrap("DescribeRouteTables", "the route tables of " + vpcId, e);
    }
    return out;
  }

  public List<SecurityGroupFact> securityGroups(String vpcId) {
    List<SecurityGroupFact> out = new ArrayList<>();
    try {
      for (SecurityGroup g : aws.ec2().describeSecurityGroupsPaginator(r -> r.filters(vpc(vpcId))).securityGroups()) {
        out.add(new SecurityGroupFact(g.groupId(), g.vpcId(), g.groupName(), tags(g.tags())));
      }
    } catch (RuntimeException e) {
      throw wrap("DescribeSecurityGroups", "the security groups of " + vpcId, e);
    }
    return out;
  }

  /** ISSUED certificates of every key type (ListCertificates alone lists only RSA-2048 ones). */
  public List<CertificateFact> certificates() {
    List<CertificateFact> out = new ArrayList<>();
    List<CertificateSummary> summaries = new ArrayList<>();
    try {
      aws.acm().listCertificatesPaginator(r -> r
              .certificateStatuses(CertificateStatus.ISSUED)
              .includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
          .certificateSummaryList().forEach(summaries::add);
    } catch (RuntimeException e) {
      throw wrap("ListCertificates", "the ACM certificates", e);
    }
    for (CertificateSummary s : summaries) {
      boolean complete = !s.subjectAlternativeNameSummaries().isEmpty()
          && !Boolean.TRUE.equals(s.hasAdditionalSubjectAlternativeNames());
      if (complete) {
        out.add(new CertificateFact(s.certificateArn(), s.domainName(), s.subjectAlternativeNameSummaries(),
            s.statusAsString(), s.typeAsString()));
        continue;
      }
      try {
        CertificateDetail d = aws.acm().describeCertificate(r -> r.certificateArn(s.certificateArn())).certificate();
        out.add(new CertificateFact(d.certificateArn(), d.domainName(), d.subjectAlternativeNames(),
            d.statusAsString(), d.typeAsString()));
      } catch (RuntimeException e) {
        throw wrap("DescribeCertificate", s.certificateArn(), e);
      }
    }
    return out;
  }

  static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> m = new LinkedHashMap<>();
    if (tags != null) {
      tags.forEach(t -> m.put(t.key(), t.value()));
    }
    return m;
  }

  static RuntimeException wrap(String op, String what, RuntimeException e) {
    return e instanceof AwsCallException ? e : new AwsCallException(op, what, e);
  }
}
