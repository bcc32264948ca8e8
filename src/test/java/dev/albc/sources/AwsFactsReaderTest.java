package dev.albc.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SslPoliciesFact;
import dev.albc.facts.SubnetFact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsFactsReaderTest {

  static final Path AWS = Path.of("src/test/resources/sources/aws");
  static final String VPC = "vpc-0abc0000000000001";
  static final String CERT_A =
      "arn:aws:acm:us-east-1:111122223333:certificate/0a0a0a0a-1111-2222-3333-444444444444";
  static final String CERT_B =
      "arn:aws:acm:us-east-1:111122223333:certificate/0b0b0b0b-1111-2222-3333-444444444444";

  @Test
  void readsAFolderOfCliOutput() {
    AwsFacts f = new AwsFactsReader().read(AWS);
    assertThat(f.subnets()).extracting(SubnetFact::id).containsExactly(
        "subnet-0a1111111111111aa", "subnet-0b2222222222222bb", "subnet-0c3333333333333cc",
        "subnet-0d4444444444444dd");
    assertThat(f.routeTables()).extracting(RouteTableFact::id)
        .containsExactly("rtb-0aaa0000000000001", "rtb-0bbb0000000000002", "rtb-0fff0000000000009");
    assertThat(f.securityGroups()).extracting(SecurityGroupFact::id)
        .containsExactly("sg-0aaa0000000000001", "sg-0fff0000000000009");
    assertThat(f.certificates()).extracting(CertificateFact::arn).containsExactly(CERT_A, CERT_B);
  }

  @Test
  void mapsSubnets() {
    List<SubnetFact> subnets = new AwsFactsReader(VPC).read(AWS.resolve("describe-subnets.json")).subnets();
    assertThat(subnets.get(0)).isEqualTo(new SubnetFact(
        "subnet-0a1111111111111aa", VPC, "us-east-1a", "use1-az1",
        Map.of("Name", "demo-public-us-east-1a", "kubernetes.io/role/elb", "1", "kubernetes.io/cluster/demo", "shared"),
        4087, List.of("2600:1f18:1234:5600::/64"), null));
    assertThat(subnets.get(0).nameTag()).isEqualTo("demo-public-us-east-1a");
    SubnetFact b = subnets.get(1);
    assertThat(b.tags()).containsEntry("kubernetes.io/role/internal-elb", "");
    assertThat(b.availableIpAddressCount()).isEqualTo(7);
    assertThat(b.ipv6Cidrs()).isEmpty();
    SubnetFact c = subnets.get(2);
    assertThat(c.tags()).isEmpty();
    assertThat(c.outpostArn()).isEqualTo("arn:aws:outposts:us-east-1:111122223333:outpost/op-0123456789abcdef0");
  }

  @Test
  void onlyAssociatedIpv6CidrsCount() {
    List<SubnetFact> subnets = new AwsFactsReader().read(AWS.resolve("describe-subnets.json")).subnets();
    // a: one associated, one disassociated; c: only "associating"
    assertThat(subnets.get(0).ipv6Cidrs()).containsExactly("2600:1f18:1234:5600::/64");
    assertThat(subnets.get(2).ipv6Cidrs()).isEmpty();
  }

  @Test
  void routeTablesMainAndExplicitAssociations() {
    List<RouteTableFact> tables = new AwsFactsReader(VPC).read(AWS.resolve("describe-route-tables.json")).routeTables();
    assertThat(tables).containsExactly(
        new RouteTableFact("rtb-0aaa0000000000001", VPC, true, List.of(), List.of("local")),
        // the disassociated subnet-0e5… association is ignored
        new RouteTableFact("rtb-0bbb0000000000002", VPC, false, List.of("subnet-0a1111111111111aa"),
            List.of("local", "igw-0123456789abcdef0")));
    assertThat(tables.get(0).hasInternetGateway()).isFalse();
    assertThat(tables.get(1).hasInternetGateway()).isTrue();
  }

  @Test
  void securityGroups() {
    List<SecurityGroupFact> groups = new AwsFactsReader().read(AWS.resolve("describe-security-groups.json")).securityGroups();
    assertThat(groups).containsExactly(
        new SecurityGroupFact("sg-0aaa0000000000001", VPC, "eks-cluster-sg-demo-123456789",
            Map.of("kubernetes.io/cluster/demo", "owned", "Name", "eks-cluster-sg-demo-123456789")),
        new SecurityGroupFact("sg-0fff0000000000009", "vpc-0fff0000000000009", "default", Map.of()));
  }

  @Test
  void vpcFilterDropsOtherVpcsButKeepsCertificates() {
    AwsFacts f = new AwsFactsReader(VPC).read(AWS);
    assertThat(f.subnets()).extracting(SubnetFact::vpcId).containsOnly(VPC).hasSize(3);
    assertThat(f.routeTables()).extracting(RouteTableFact::vpcId).containsOnly(VPC).hasSize(2);
    assertThat(f.securityGroups()).extracting(SecurityGroupFact::id).containsExactly("sg-0aaa0000000000001");
    assertThat(f.certificates()).hasSize(2);
    assertThat(new AwsFactsReader("").read(AWS).subnets()).hasSize(4);
    assertThat(new AwsFactsReader("vpc-none").read(AWS).subnets()).isEmpty();
  }

  @Test
  void describeCertificateOverridesTheSummary() {
    AwsFacts f = new AwsFactsReader().read(AWS);
    assertThat(f.certificates()).containsExactly(
        new CertificateFact(CERT_A, "example.com", List.of("example.com", "*.example.com", "api.example.net"),
            "ISSUED", "AMAZON_ISSUED", ""),
        new CertificateFact(CERT_B, "old.example.org", List.of("old.example.org"), "EXPIRED", "IMPORTED", ""));
    // whatever the file order
    AwsFacts reversed = new AwsFactsReader().read(
        AWS.resolve("describe-certificate.json"), AWS.resolve("list-certificates.json"));
    assertThat(reversed.certificates()).isEqualTo(f.certificates());
    // summaries alone keep the truncated SAN list
    AwsFacts summaries = new AwsFactsReader().read(AWS.resolve("list-certificates.json"));
    assertThat(summaries.certificates().get(0).names()).containsExactly("example.com", "*.example.com");
  }

  @Test
  void oneDocumentMayHoldSeveralKeys() {
    String text = """
        {
          "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1a",
                       "AvailableIpAddressCount": 10}],
          "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1"}],
          "NextToken": "eyJ..."
        }
        {"RouteTables": []}
        """;
    AwsFacts f = new AwsFactsReader().readText("mixed.json", text);
    assertThat(f.subnets()).containsExactly(
        new SubnetFact("subnet-1", "vpc-1", "eu-west-1a", null, Map.of(), 10, List.of(), null));
    assertThat(f.securityGroups()).containsExactly(new SecurityGroupFact("sg-1", "vpc-1", null, Map.of()));
    assertThat(f.routeTables()).isEmpty();
  }

  @Test
  void sslPoliciesGiveOneFactOfTheirNamesAndNoneWhenAbsentOrEmpty() {
    String text = """
        {"SslPolicies": [{"Name": "ELBSecurityPolicy-TLS13-1-2-2021-06", "SslProtocols": ["TLSv1.2"]},
                         {"Name": "ELBSecurityPolicy-2016-08"}]}
        {"SslPolicies": [{"Name": "ELBSecurityPolicy-2016-08"}]}
        """;
    AwsFacts f = new AwsFactsReader().readText("policies.json", text);
    SslPoliciesFact fact = new SslPoliciesFact(List.of("ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS13-1-2-2021-06"));
    assertThat(f.sslPolicies()).isEqualTo(fact);
    assertThat(f.all()).containsExactly(fact);
    assertThat(new AwsFactsReader().readText("none.json", "{\"SslPolicies\": []}").sslPolicies()).isNull();
    assertThat(new AwsFactsReader().readText("sg.json", "{\"SecurityGroups\": []}").all()).isEmpty();
    assertThatThrownBy(() -> new AwsFactsReader().readText("bad.json", "{\"SslPolicies\": [{\"SslProtocols\": []}]}"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad.json document 1: SslPolicies[0]")
        .hasMessageContaining("Name");
  }

  @Test
  void identicalDuplicatesAreMergedDifferentOnesAreErrors() {
    String subnet = "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"AvailabilityZone\": \"a\","
        + " \"AvailableIpAddressCount\": %d}]}";
    AwsFactsReader reader = new AwsFactsReader();
    assertThat(reader.load(List.of(
        new InputText("a.json", subnet.formatted(10)), new InputText("b.json", subnet.formatted(10)))).subnets())
        .hasSize(1);
    assertThatThrownBy(() -> reader.load(List.of(
            new InputText("a.json", subnet.formatted(10)), new InputText("b.json", subnet.formatted(9)))))
        .isInstanceOf(InputException.class)
        .hasMessage("b.json document 1: Subnets[0]: subnet subnet-1 differs from the one in a.json document 1"
            + " Subnets[0]; expected the same contents (or only one of them)");
  }

  @Test
  void unknownTopLevelKeyNamesFileKeyAndKnownKeys() {
    assertThatThrownBy(() -> new AwsFactsReader().readText("aws/vpcs.json", "{\"Vpcs\": []}"))
        .isInstanceOf(InputException.class)
        .hasMessage("aws/vpcs.json document 1: unknown top-level key \"Vpcs\"; expected one of: Certificate,"
            + " CertificateSummaryList, LoadBalancers, RouteTables, SecurityGroups, SslPolicies, Subnets, TagDescriptions,"
            + " TargetGroups, TrustStores, WebACLs");
  }

  @Test
  void fieldErrorsNameTheDocumentAndPath() {
    AwsFactsReader r = new AwsFactsReader();
    assertThatThrownBy(() -> r.readText("s.json",
            "{\"Subnets\": []}\n{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\","
                + " \"AvailabilityZone\": \"a\", \"AvailableIpAddressCount\": \"many\"}]}"))
        .hasMessage("s.json document 2: Subnets[0].AvailableIpAddressCount: expected an integer, got a string (\"many\")");
    assertThatThrownBy(() -> r.readText("s.json", "{\"Subnets\": [{\"VpcId\": \"vpc-1\"}]}"))
        .hasMessage("s.json document 1: Subnets[0]: missing required field \"SubnetId\"");
    assertThatThrownBy(() -> r.readText("rt.json",
            "{\"RouteTables\": [{\"RouteTableId\": \"rtb-1\", \"VpcId\": \"vpc-1\", \"Associations\": [{\"Main\": \"yes\"}]}]}"))
        .hasMessage("rt.json document 1: RouteTables[0].Associations[0].Main: expected true or false, got a string (\"yes\")");
    assertThatThrownBy(() -> r.readText("sg.json",
            "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"VpcId\": \"vpc-1\", \"Tags\": [{\"Value\": \"x\"}]}]}"))
        .hasMessage("sg.json document 1: SecurityGroups[0].Tags[0]: missing required field \"Key\"");
    assertThatThrownBy(() -> r.readText("c.json", "{\"Certificate\": []}"))
        .hasMessage("c.json document 1: Certificate: expected an object, got a list");
    assertThatThrownBy(() -> r.readText("c.json", "{\"CertificateSummaryList\": {}}"))
        .hasMessage("c.json document 1: CertificateSummaryList: expected a list, got a mapping");
    assertThatThrownBy(() -> r.readText("x.json", "[1, 2]"))
        .hasMessage("x.json document 1: expected AWS CLI JSON output (an object with one of the keys Certificate,"
            + " CertificateSummaryList, LoadBalancers, RouteTables, SecurityGroups, SslPolicies, Subnets, TagDescriptions,"
            + " TargetGroups, TrustStores, WebACLs), got a list");
    assertThatThrownBy(() -> r.readText("x.json", "{\"Subnets\": [}"))
        .hasMessageStartingWith("x.json document 1: invalid JSON at line 1, column ");
  }

  @Test
  void emptyInputGivesNoFacts() {
    assertThat(new AwsFactsReader().readText("e.json", "")).isEqualTo(AwsFacts.empty());
    assertThat(new AwsFactsReader().readText("e.json", "{}")).isEqualTo(AwsFacts.empty());
  }

  @Test
  void loadBalancersTakeTheirTagsFromDescribeTags() {
    AwsFacts f = new AwsFactsReader(VPC).readText("lb.json", """
        {"LoadBalancers": [
          {"LoadBalancerArn": "arn:lb/b", "LoadBalancerName": "b", "Type": "application", "Scheme": "internal",
           "VpcId": "%1$s", "AvailabilityZones": [{"ZoneName": "eu-west-1b", "SubnetId": "subnet-2"},
           {"ZoneName": "eu-west-1a", "SubnetId": "subnet-1"}]},
          {"LoadBalancerArn": "arn:lb/other-vpc", "Scheme": "internal", "VpcId": "vpc-other"},
          {"LoadBalancerArn": "arn:lb/a", "Scheme": "internet-facing", "VpcId": "%1$s"}],
         "TagDescriptions": [{"ResourceArn": "arn:lb/b", "Tags": [{"Key": "elbv2.k8s.aws/cluster", "Value": "demo"},
           {"Key": "ingress.k8s.aws/stack", "Value": "demo/shop"}]}]}
        """.formatted(VPC));
    assertThat(f.loadBalancers()).containsExactly(
        new dev.albc.facts.LoadBalancerFact("arn:lb/a", null, null, "internet-facing", VPC, List.of(), null),
        new dev.albc.facts.LoadBalancerFact("arn:lb/b", "b", "application", "internal", VPC, List.of("subnet-1", "subnet-2"),
            Map.of("elbv2.k8s.aws/cluster", "demo", "ingress.k8s.aws/stack", "demo/shop")));
    assertThat(f.loadBalancers().get(1).ofStack("demo", "demo/shop")).isTrue();
    assertThat(f.loadBalancers().get(1).ofStack("other", "demo/shop")).isFalse();
    assertThat(f.loadBalancers().get(0).ofStack("demo", "demo/shop")).isFalse();
  }

  @Test
  void targetGroupAndWebAclListingsAreWholeListsOfTheirKind() {
    AwsFacts f = new AwsFactsReader().readText("l.json", """
        {"TargetGroups": [{"TargetGroupName": "blue", "TargetGroupArn": "arn:tg/blue", "Port": 80}],
         "WebACLs": [{"Name": "house", "Id": "1", "ARN": "arn:waf/house", "LockToken": "t"}], "NextMarker": "m"}
        """);
    assertThat(f.targetGroups()).containsExactly(new dev.albc.facts.TargetGroupFact("blue", "arn:tg/blue"));
    assertThat(f.webAcls()).containsExactly(new dev.albc.facts.WebAclFact("house", "1", "arn:waf/house"));
    assertThat(f.all()).contains(new dev.albc.facts.LookupMiss(dev.albc.facts.LookupMiss.TARGET_GROUP, null),
        new dev.albc.facts.LookupMiss(dev.albc.facts.LookupMiss.WEB_ACL, null));
    assertThat(new AwsFactsReader().readText("e.json", "{}").all()).isEmpty();
  }

  @Test
  void aDescribeTrustStoresDumpIsTheWholeListOfTrustStoresByName() {
    AwsFacts f = new AwsFactsReader().readText("ts.json", """
        {"TrustStores": [
          {"Name": "partners", "TrustStoreArn": "arn:aws:elasticloadbalancing:us-west-2:123456789012:truststore/partners/2222222222222222",
           "NumberOfCaCertificates": 2, "NumberOfRevokedEntries": 0, "Status": "ACTIVE"},
          {"Name": "clients", "TrustStoreArn": "arn:aws:elasticloadbalancing:us-west-2:123456789012:truststore/clients/1111111111111111",
           "NumberOfCaCertificates": 1, "Status": "ACTIVE"}], "NextMarker": "m"}
        """);
    assertThat(f.trustStores()).containsExactly(
        new dev.albc.facts.TrustStoreFact("clients",
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:truststore/clients/1111111111111111"),
        new dev.albc.facts.TrustStoreFact("partners",
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:truststore/partners/2222222222222222"));
    assertThat(f.all()).containsAll(f.trustStores())
        .contains(new dev.albc.facts.LookupMiss(dev.albc.facts.LookupMiss.TRUST_STORE, null));
    assertThatThrownBy(() -> new AwsFactsReader().readText("ts.json", "{\"TrustStores\": [{\"Name\": \"x\"}]}"))
        .hasMessage("ts.json document 1: TrustStores[0]: missing required field \"TrustStoreArn\"");
    assertThatThrownBy(() -> new AwsFactsReader().readText("ts.json",
            "{\"TrustStores\": [{\"Name\": \"x\", \"TrustStoreArn\": \"arn:1\"}]}\n"
                + "{\"TrustStores\": [{\"Name\": \"x\", \"TrustStoreArn\": \"arn:2\"}]}"))
        .hasMessageContaining("TrustStores[0]");
  }

  @Test
  void aCertificatesIssuingCaIsKnownFromDescribeCertificateOrItsType() {
    AwsFacts f = new AwsFactsReader().readText("c.json", """
        {"CertificateSummaryList": [
          {"CertificateArn": "arn:c/private", "DomainName": "p.example.com", "Type": "PRIVATE", "Status": "ISSUED"},
          {"CertificateArn": "arn:c/amazon", "DomainName": "a.example.com", "Type": "AMAZON_ISSUED", "Status": "ISSUED"},
          {"CertificateArn": "arn:c/described", "DomainName": "d.example.com", "Type": "PRIVATE", "Status": "ISSUED"}],
         "Certificate": {"CertificateArn": "arn:c/described", "DomainName": "d.example.com", "Type": "PRIVATE",
           "Status": "ISSUED", "CertificateAuthorityArn": "arn:ca/1"}}
        """);
    assertThat(f.certificates()).extracting(CertificateFact::arn, CertificateFact::certificateAuthorityArn)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("arn:c/amazon", ""),
            org.assertj.core.groups.Tuple.tuple("arn:c/described", "arn:ca/1"),
            org.assertj.core.groups.Tuple.tuple("arn:c/private", null));
  }

  @Test
  void differentTagsOfOneResourceAreAnError() {
    assertThatThrownBy(() -> new AwsFactsReader().readText("t.json", """
        {"TagDescriptions": [{"ResourceArn": "arn:lb/a", "Tags": [{"Key": "k", "Value": "1"}]},
                             {"ResourceArn": "arn:lb/a", "Tags": [{"Key": "k", "Value": "2"}]}]}
        """)).isInstanceOf(InputException.class).hasMessageContaining("the tags of arn:lb/a differ");
  }
}
