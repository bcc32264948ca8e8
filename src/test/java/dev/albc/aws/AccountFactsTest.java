package dev.albc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SubnetFact;
import dev.albc.sources.AwsFacts;
import dev.albc.sources.AwsFactsReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The account's facts (SDK objects) and an AWS CLI dump of the same data map to equal facts. */
class AccountFactsTest {
  static final String VPC = "vpc-1";

  static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  static AccountFacts.Answers answers() {
    Subnet a = Subnet.builder().subnetId("subnet-a").vpcId(VPC).availabilityZone("eu-west-1a")
        .availabilityZoneId("euw1-az1").availableIpAddressCount(250)
        .tags(tag("kubernetes.io/role/elb", "1"), tag("Name", "public-a"))
        .ipv6CidrBlockAssociationSet(
            b -> b.ipv6CidrBlock("2001:db8::/64").ipv6CidrBlockState(s -> s.state("associated")),
            b -> b.ipv6CidrBlock("2001:db8:1::/64").ipv6CidrBlockState(s -> s.state("disassociated")))
        .build();
    Subnet other = Subnet.builder().subnetId("subnet-x").vpcId("vpc-other").availabilityZone("eu-west-1b")
        .availableIpAddressCount(10).build();
    Subnet outpost = Subnet.builder().subnetId("subnet-o").vpcId(VPC).availabilityZone("eu-west-1c")
        .availableIpAddressCount(0).outpostArn("arn:aws:outposts:eu-west-1:1:outpost/op-1").build();
    RouteTable main = RouteTable.builder().routeTableId("rtb-main").vpcId(VPC)
        .associations(x -> x.main(true).associationState(s -> s.state("associated")),
            x -> x.subnetId("subnet-gone").associationState(s -> s.state("disassociated")))
        .routes(r -> r.gatewayId("local"), r -> r.gatewayId("igw-1"), r -> r.natGatewayId("nat-1"),
            r -> r.gatewayId("igw-1"))
        .build();
    RouteTable priv = RouteTable.builder().routeTableId("rtb-private").vpcId(VPC)
        .associations(x -> x.subnetId("subnet-o"), x -> x.subnetId("subnet-a").main(false))
        .routes(r -> r.gatewayId("local")).build();
    SecurityGroup sg = SecurityGroup.builder().groupId("sg-1").vpcId(VPC).groupName("nodes")
        .tags(tag("kubernetes.io/cluster/demo", "owned")).build();
    SecurityGroup untagged = SecurityGroup.builder().groupId("sg-2").vpcId(VPC).groupName("default").build();
    CertificateSummary complete = CertificateSummary.builder()
        .certificateArn("arn:aws:acm:eu-west-1:1:certificate/b").domainName("shop.example.com")
        .subjectAlternativeNameSummaries("shop.example.com", "*.shop.example.com")
        .hasAdditionalSubjectAlternativeNames(false).status("ISSUED").type("AMAZON_ISSUED").build();
    CertificateSummary partial = CertificateSummary.builder()
        .certificateArn("arn:aws:acm:eu-west-1:1:certificate/a").domainName("api.example.com")
        .subjectAlternativeNameSummaries("api.example.com").hasAdditionalSubjectAlternativeNames(true)
        .status("ISSUED").type("IMPORTED").build();
    CertificateDetail detail = CertificateDetail.builder()
        .certificateArn("arn:aws:acm:eu-west-1:1:certificate/a").domainName("api.example.com")
        .subjectAlternativeNames("api.example.com", "api2.example.com").status("ISSUED").type("IMPORTED").build();
    return new AccountFacts.Answers(List.of(a, other, outpost), List.of(main, priv), List.of(sg, untagged),
        List.of(complete, partial), List.of(detail));
  }

  /** The same data as `aws ec2 describe-*` and `aws acm list-certificates / describe-certificate` print it. */
  static final String CLI = """
      {"Subnets": [
        {"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1a", "AvailabilityZoneId": "euw1-az1",
         "AvailableIpAddressCount": 250, "MapPublicIpOnLaunch": false,
         "Tags": [{"Key": "kubernetes.io/role/elb", "Value": "1"}, {"Key": "Name", "Value": "public-a"}],
         "Ipv6CidrBlockAssociationSet": [
           {"Ipv6CidrBlock": "2001:db8::/64", "Ipv6CidrBlockState": {"State": "associated"}},
           {"Ipv6CidrBlock": "2001:db8:1::/64", "Ipv6CidrBlockState": {"State": "disassociated"}}]},
        {"SubnetId": "subnet-x", "VpcId": "vpc-other", "AvailabilityZone": "eu-west-1b", "AvailableIpAddressCount": 10},
        {"SubnetId": "subnet-o", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1c", "AvailableIpAddressCount": 0,
         "OutpostArn": "arn:aws:outposts:eu-west-1:1:outpost/op-1"}]}
      {"RouteTables": [
        {"RouteTableId": "rtb-main", "VpcId": "vpc-1",
         "Associations": [{"Main": true, "AssociationState": {"State": "associated"}},
                          {"SubnetId": "subnet-gone", "AssociationState": {"State": "disassociated"}}],
         "Routes": [{"GatewayId": "local"}, {"GatewayId": "igw-1"}, {"NatGatewayId": "nat-1"}, {"GatewayId": "igw-1"}]},
        {"RouteTableId": "rtb-private", "VpcId": "vpc-1",
         "Associations": [{"SubnetId": "subnet-o"}, {"SubnetId": "subnet-a", "Main": false}],
         "Routes": [{"GatewayId": "local"}]}]}
      {"SecurityGroups": [
        {"GroupId": "sg-1", "VpcId": "vpc-1", "GroupName": "nodes", "Tags": [{"Key": "kubernetes.io/cluster/demo", "Value": "owned"}]},
        {"GroupId": "sg-2", "VpcId": "vpc-1", "GroupName": "default"}]}
      {"CertificateSummaryList": [
        {"CertificateArn": "arn:aws:acm:eu-west-1:1:certificate/b", "DomainName": "shop.example.com",
         "SubjectAlternativeNameSummaries": ["shop.example.com", "*.shop.example.com"],
         "HasAdditionalSubjectAlternativeNames": false, "Status": "ISSUED", "Type": "AMAZON_ISSUED"},
        {"CertificateArn": "arn:aws:acm:eu-west-1:1:certificate/a", "DomainName": "api.example.com",
         "SubjectAlternativeNameSummaries": ["api.example.com"], "HasAdditionalSubjectAlternativeNames": true,
         "Status": "ISSUED", "Type": "IMPORTED"}]}
      {"Certificate": {"CertificateArn": "arn:aws:acm:eu-west-1:1:certificate/a", "DomainName": "api.example.com",
         "SubjectAlternativeNames": ["api.example.com", "api2.example.com"], "Status": "ISSUED", "Type": "IMPORTED"}}
      """;

  @Test
  void sdkAnswersAndCliDumpsOfTheSameDataGiveEqualFacts() {
    AwsFacts fromSdk = AccountFacts.facts(VPC, answers());
    AwsFacts fromCli = new AwsFactsReader(VPC).readText("dump.json", CLI);
    assertThat(fromSdk).isEqualTo(fromCli);
    assertThat(fromSdk.all()).isEqualTo(fromCli.all());
  }

  @Test
  void theFactsAreTheAccountsOwn() {
    AwsFacts f = AccountFacts.facts(VPC, answers());
    assertThat(f.subnets()).containsExactly(
        new SubnetFact("subnet-a", VPC, "eu-west-1a", "euw1-az1",
            Map.of("kubernetes.io/role/elb", "1", "Name", "public-a"), 250, List.of("2001:db8::/64"), null),
        new SubnetFact("subnet-o", VPC, "eu-west-1c", null, Map.of(), 0, List.of(),
            "arn:aws:outposts:eu-west-1:1:outpost/op-1"));
    assertThat(f.routeTables()).containsExactly(
        new RouteTableFact("rtb-main", VPC, true, List.of(), List.of("local", "igw-1")),
        new RouteTableFact("rtb-private", VPC, false, List.of("subnet-a", "subnet-o"), List.of("local")));
    assertThat(f.securityGroups()).containsExactly(
        new SecurityGroupFact("sg-1", VPC, "nodes", Map.of("kubernetes.io/cluster/demo", "owned")),
        new SecurityGroupFact("sg-2", VPC, "default", Map.of()));
    assertThat(f.certificates()).containsExactly(
        new CertificateFact("arn:aws:acm:eu-west-1:1:certificate/a", "api.example.com",
            List.of("api.example.com", "api2.example.com"), "ISSUED", "IMPORTED", ""),
        new CertificateFact("arn:aws:acm:eu-west-1:1:certificate/b", "shop.example.com",
            List.of("shop.example.com", "*.shop.example.com"), "ISSUED", "AMAZON_ISSUED", ""));
  }
}
