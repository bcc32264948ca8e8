package dev.albc.testinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Seeds the AWS side the way an EKS cluster's account looks: a VPC, subnets tagged for load balancer
 * discovery, an internet gateway, ACM certificates and EC2 instances for nodes.
 *
 * <p>On the emulator everything is wiped before the next test. Against real AWS (no reset) the
 * helpers register cleanups that delete what they made, best effort.
 */
public final class AwsSeed {

    public static final String ROLE_ELB = "kubernetes.io/role/elb";
    public static final String ROLE_INTERNAL_ELB = "kubernetes.io/role/internal-elb";

    public static String clusterTag(String clusterName) {
        return "kubernetes.io/cluster/" + clusterName;
    }

    /** A VPC with a public and a private subnet in each of its availability zones. */
    public record EksNetwork(String vpcId, String cidr, String internetGatewayId,
                             List<Subnet> publicSubnets, List<Subnet> privateSubnets) {
        public List<String> publicSubnetIds() {
            return publicSubnets.stream().map(Subnet::subnetId).toList();
        }

        public List<String> privateSubnetIds() {
            return privateSubnets.stream().map(Subnet::subnetId).toList();
        }
    }

    private final ItContext it;

    AwsSeed(ItContext it) {
        this.it = it;
    }

    private Ec2Client ec2() {
        return it.aws().ec2();
    }

    private void cleanup(ItContext.Cleanup c) {
        if (!it.awsIsReset()) {
            it.onCleanup(c);
        }
    }

    /** The first {@code count} available zones of the region, by name. */
    public List<String> availabilityZones(int count) {
        List<String> zones = ec2().describeAvailabilityZones(r -> r.filters(filter("state", "available")))
                .availabilityZones().stream().map(AvailabilityZone::zoneName).sorted().toList();
        if (zones.size() < count) {
            throw new IllegalStateException("region has only " + zones.size() + " zones: " + zones);
        }
        return zones.subList(0, count);
    }

    public String vpc(String cidr, Map<String, String> tags) {
        String vpcId = ec2().createVpc(r -> r.cidrBlock(cidr)
                .tagSpecifications(tagSpec(ResourceType.VPC, tags))).vpc().vpcId();
        cleanup(() -> ec2().deleteVpc(r -> r.vpcId(vpcId)));
        return vpcId;
    }

    public Subnet subnet(String vpcId, String cidr, String availabilityZone, Map<String, String> tags) {
        Subnet subnet = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(availabilityZone)
                .tagSpecifications(tagSpec(ResourceType.SUBNET, tags))).subnet();
        cleanup(() -> ec2().deleteSubnet(r -> r.subnetId(subnet.subnetId())));
        return subnet;
    }

    /**
     * An EKS-like network for {@code clusterName}: VPC 10.0.0.0/16 with an internet gateway; per zone a
     * public subnet 10.0.N.0/24 (tag kubernetes.io/role/elb=1, routed to the gateway) and a private
     * subnet 10.0.(128+N).0/24 (tag kubernetes.io/role/internal-elb=1); all tagged
     * kubernetes.io/cluster/&lt;clusterName&gt;=shared.
     */
    public EksNetwork eksNetwork(String clusterName, int zoneCount) {
        String cidr = "10.0.0.0/16";
        String vpcId = vpc(cidr, Map.of("Name", clusterName + "-vpc", clusterTag(clusterName), "shared"));

        String igw = ec2().createInternetGateway(r -> r.tagSpecifications(
                tagSpec(ResourceType.INTERNET_GATEWAY, Map.of("Name", clusterName + "-igw")))).internetGateway()
                .internetGatewayId();
        cleanup(() -> ec2().deleteInternetGateway(r -> r.internetGatewayId(igw)));
        ec2().attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
        cleanup(() -> ec2().detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId)));

        String publicRoutes = ec2().createRouteTable(r -> r.vpcId(vpcId).tagSpecifications(
                tagSpec(ResourceType.ROUTE_TABLE, Map.of("Name", clusterName + "-public")))).routeTable().routeTableId();
        cleanup(() -> ec2().deleteRouteTable(r -> r.routeTableId(publicRoutes)));
        ec2().createRoute(r -> r.routeTableId(publicRoutes).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));

        List<Subnet> publicSubnets = new ArrayList<>();
        List<Subnet> privateSubnets = new ArrayList<>();
        List<String> zones = availabilityZones(zoneCount);
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            Subnet pub = subnet(vpcId, "10.0." + i + ".0/24", zone, Map.of(
                    "Name", clusterName + "-public-" + zone, ROLE_ELB, "1", clusterTag(clusterName), "shared"));
            String association = ec2().associateRouteTable(r -> r.routeTableId(publicRoutes).subnetId(pub.subnetId()))
                    .associationId();
            cleanup(() -> ec2().disassociateRouteTable(r -> r.associationId(association)));
            publicSubnets.add(pub);
            privateSubnets.add(subnet(vpcId, "10.0." + (128 + i) + ".0/24", zone, Map.of(
                    "Name", clusterName + "-private-" + zone, ROLE_INTERNAL_ELB, "1", clusterTag(clusterName), "shared")));
        }
        return new EksNetwork(vpcId, cidr, igw, List.copyOf(publicSubnets), List.copyOf(privateSubnets));
    }

    /** Imports a self-signed certificate for the names into ACM (ISSUED at once); returns its ARN. */
    public String importCertificate(String... dnsNames) {
        SelfSignedCert cert = SelfSignedCert.generate(Duration.ofDays(365), dnsNames);
        String arn = acm().importCertificate(r -> r
                .certificate(SdkBytes.fromUtf8String(cert.certificatePem()))
                .privateKey(SdkBytes.fromUtf8String(cert.privateKeyPem()))).certificateArn();
        cleanup(() -> acm().deleteCertificate(r -> r.certificateArn(arn)));
        return arn;
    }

    /**
     * Requests an ACM certificate with DNS validation and waits until it is ISSUED (the test emulator
     * runs with MOTO_ACM_VALIDATION_WAIT=0, so that is at once). Returns its ARN.
     */
    public String requestCertificate(String domainName, String... subjectAlternativeNames) {
        String arn = acm().requestCertificate(r -> {
            r.domainName(domainName).validationMethod(ValidationMethod.DNS);
            if (subjectAlternativeNames.length > 0) {
                r.subjectAlternativeNames(subjectAlternativeNames);
            }
        }).certificateArn();
        cleanup(() -> acm().deleteCertificate(r -> r.certificateArn(arn)));
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            CertificateStatus status = acm().describeCertificate(r -> r.certificateArn(arn)).certificate().status();
            if (status == CertificateStatus.ISSUED) {
                return arn;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("certificate " + arn + " still " + status + " after 20 s");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** A running EC2 instance in the subnet (for Nodes whose providerID names it). Emulator-oriented. */
    public Instance instance(Subnet subnet, Map<String, String> tags) {
        String imageId = ec2().describeImages(r -> r.owners("amazon")).images().stream()
                .map(Image::imageId).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no AMI owned by amazon"));
        Instance instance = ec2().runInstances(r -> r.imageId(imageId).instanceType(InstanceType.T3_MEDIUM)
                .minCount(1).maxCount(1).subnetId(subnet.subnetId())
                .tagSpecifications(tagSpec(ResourceType.INSTANCE, tags))).instances().get(0);
        cleanup(() -> ec2().terminateInstances(r -> r.instanceIds(instance.instanceId())));
        return instance;
    }

    private AcmClient acm() {
        return it.aws().acm();
    }

    public static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    public static TagSpecification tagSpec(ResourceType type, Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        new LinkedHashMap<>(tags).forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        return TagSpecification.builder().resourceType(type).tags(list).build();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
