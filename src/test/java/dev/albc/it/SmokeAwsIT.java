package dev.albc.it;

import static dev.albc.testinfra.AwsSeed.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albc.testinfra.AwsClients;
import dev.albc.testinfra.AwsSeed;
import dev.albc.testinfra.AwsSeed.EksNetwork;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.models.V1Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;
import software.amazon.awssdk.services.shield.model.SubscriptionState;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;
import software.amazon.awssdk.services.wafv2.model.Scope;

/** The AWS API emulator: what albc creates can be created and read back with the AWS SDK. */
@IntegrationTest
class SmokeAwsIT {

    private static final List<Tag> STACK_TAGS = List.of(
            Tag.builder().key("elbv2.k8s.aws/cluster").value(ItContext.CLUSTER_NAME).build(),
            Tag.builder().key("ingress.k8s.aws/stack").value("shop/web").build(),
            Tag.builder().key("ingress.k8s.aws/resource").value("LoadBalancer").build());

    @Test
    void stsAnswers(AwsClients aws, ItContext it) {
        String account = aws.sts().getCallerIdentity().account();
        if (it.settings().awsEndpoint().isPresent()) {
            assertThat(account).isEqualTo(AwsClients.MOTO_ACCOUNT_ID);
        } else {
            assertThat(account).matches("\\d{12}");
        }
    }

    @Test
    void subnetsAreTaggedLikeAnEksClusters(ItContext it) {
        EksNetwork net = it.seedAws().eksNetwork(it.clusterName(), 3);
        assertThat(net.publicSubnets()).hasSize(3);
        assertThat(net.publicSubnets()).extracting(Subnet::availabilityZone).doesNotHaveDuplicates();

        // what subnet discovery asks for an internet-facing ALB
        List<String> found = it.aws().ec2().describeSubnets(r -> r.filters(
                        filter("vpc-id", net.vpcId()), filter("tag:" + AwsSeed.ROLE_ELB, "", "1")))
                .subnets().stream().map(Subnet::subnetId).sorted().toList();
        assertThat(found).containsExactlyElementsOf(net.publicSubnetIds().stream().sorted().toList());

        List<String> internal = it.aws().ec2().describeSubnets(r -> r.filters(
                        filter("vpc-id", net.vpcId()), filter("tag:" + AwsSeed.ROLE_INTERNAL_ELB, "", "1"),
                        filter("tag-key", AwsSeed.clusterTag(it.clusterName()))))
                .subnets().stream().map(Subnet::subnetId).sorted().toList();
        assertThat(internal).containsExactlyElementsOf(net.privateSubnetIds().stream().sorted().toList());

        // public subnets route to the internet gateway (discovery by reachability looks at this)
        var routes = it.aws().ec2().describeRouteTables(r -> r.filters(
                filter("association.subnet-id", net.publicSubnetIds().get(0)))).routeTables();
        assertThat(routes).singleElement().satisfies(t -> assertThat(t.routes())
                .anySatisfy(route -> assertThat(route.gatewayId()).isEqualTo(net.internetGatewayId())));
    }

    @Test
    void targetGroupLoadBalancerAndListenerAreCreatedAndReadBack(ItContext it) {
        EksNetwork net = it.seedAws().eksNetwork(it.clusterName(), 2);
        ElasticLoadBalancingV2Client elbv2 = it.aws().elbv2();
        String sg = it.aws().ec2().createSecurityGroup(r -> r.vpcId(net.vpcId()).groupName("k8s-shop-web-sg")
                .description("[k8s] Managed SecurityGroup for LoadBalancer")).groupId();

        TargetGroup tg = elbv2.createTargetGroup(r -> r.name("k8s-shop-web-0123456789").protocol(ProtocolEnum.HTTP)
                .port(80).vpcId(net.vpcId()).targetType(TargetTypeEnum.IP).healthCheckPath("/healthz")
                .tags(STACK_TAGS)).targetGroups().get(0);
        cleanupUnlessReset(it, () -> elbv2.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn())));

        LoadBalancer lb = elbv2.createLoadBalancer(r -> r.name("k8s-shop-web-0123456789").type(LoadBalancerTypeEnum.APPLICATION)
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).ipAddressType(IpAddressType.IPV4)
                .subnets(net.publicSubnetIds()).securityGroups(sg).tags(STACK_TAGS)).loadBalancers().get(0);
        cleanupUnlessReset(it, () -> elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())));

        Listener listener = elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(80).defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()))
                .listeners().get(0);

        LoadBalancer readLb = elbv2.describeLoadBalancers(r -> r.names("k8s-shop-web-0123456789"))
                .loadBalancers().get(0);
        assertThat(readLb.loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
        assertThat(readLb.vpcId()).isEqualTo(net.vpcId());
        assertThat(readLb.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNET_FACING);
        assertThat(readLb.securityGroups()).containsExactly(sg);
        assertThat(readLb.availabilityZones()).extracting(az -> az.subnetId())
                .containsExactlyInAnyOrderElementsOf(net.publicSubnetIds());
        assertThat(readLb.dnsName()).isNotBlank();

        TargetGroup readTg = elbv2.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .targetGroups().get(0);
        assertThat(readTg.targetGroupArn()).isEqualTo(tg.targetGroupArn());
        assertThat(readTg.healthCheckPath()).isEqualTo("/healthz");
        assertThat(readTg.targetType()).isEqualTo(TargetTypeEnum.IP);

        assertThat(elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners())
                .singleElement().satisfies(l -> {
                    assertThat(l.listenerArn()).isEqualTo(listener.listenerArn());
                    assertThat(l.defaultActions().get(0).targetGroupArn()).isEqualTo(tg.targetGroupArn());
                });

        assertThat(elbv2.describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags())
                .containsExactlyInAnyOrderElementsOf(STACK_TAGS);

        // the controller finds its own resources by tags
        List<String> tagged = it.aws().tagging().getResources(r -> r
                        .tagFilters(TagFilter.builder().key("elbv2.k8s.aws/cluster").values(ItContext.CLUSTER_NAME).build())
                        .resourceTypeFilters("elasticloadbalancing:loadbalancer", "elasticloadbalancing:targetgroup"))
                .resourceTagMappingList().stream().map(ResourceTagMapping::resourceARN).toList();
        assertThat(tagged).contains(lb.loadBalancerArn(), tg.targetGroupArn());

        elbv2.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn())
                .targets(TargetDescription.builder().id("10.0.0.10").port(8080).build()));
        assertThat(elbv2.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions())
                .singleElement().satisfies(d -> {
                    assertThat(d.target().id()).isEqualTo("10.0.0.10");
                    assertThat(d.targetHealth().state()).isIn(TargetHealthStateEnum.HEALTHY, TargetHealthStateEnum.INITIAL);
                });
    }

    @Test
    void certificatesAreImportedAndRequested(ItContext it) {
        String imported = it.seedAws().importCertificate("shop.example.com", "*.shop.example.com");
        String requested = it.seedAws().requestCertificate("api.example.com", "api.example.com", "www.api.example.com");

        var acm = it.aws().acm();
        assertThat(acm.describeCertificate(r -> r.certificateArn(imported)).certificate().subjectAlternativeNames())
                .contains("shop.example.com", "*.shop.example.com");
        assertThat(acm.listCertificates(r -> r.certificateStatusesWithStrings("ISSUED")).certificateSummaryList())
                .extracting(CertificateSummary::certificateArn).contains(imported, requested);
    }

    @Test
    void wafAndShieldProtectALoadBalancer(ItContext it) {
        EksNetwork net = it.seedAws().eksNetwork(it.clusterName(), 2);
        String lbArn = it.aws().elbv2().createLoadBalancer(r -> r.name("k8s-waf-test").subnets(net.publicSubnetIds()))
                .loadBalancers().get(0).loadBalancerArn();
        cleanupUnlessReset(it, () -> it.aws().elbv2().deleteLoadBalancer(r -> r.loadBalancerArn(lbArn)));

        var waf = it.aws().wafv2();
        String aclArn = waf.createWebACL(r -> r.name("albc-it").scope(Scope.REGIONAL)
                .defaultAction(DefaultAction.builder().allow(a -> { }).build())
                .visibilityConfig(v -> v.sampledRequestsEnabled(false).cloudWatchMetricsEnabled(false).metricName("albc-it")))
                .summary().arn();
        waf.associateWebACL(r -> r.webACLArn(aclArn).resourceArn(lbArn));
        assertThat(waf.getWebACLForResource(r -> r.resourceArn(lbArn)).webACL().arn()).isEqualTo(aclArn);

        // GetSubscriptionState is the action scripts/moto_run.py adds to moto
        var shield = it.aws().shield();
        assumeTrue(it.awsIsReset(), "Shield Advanced subscriptions cost money; only tried on the emulator");
        assertThat(shield.getSubscriptionState(r -> { }).subscriptionState()).isEqualTo(SubscriptionState.INACTIVE);
        shield.createSubscription(r -> { });
        assertThat(shield.getSubscriptionState(r -> { }).subscriptionState()).isEqualTo(SubscriptionState.ACTIVE);
        String protection = shield.createProtection(r -> r.name("albc-it").resourceArn(lbArn)).protectionId();
        assertThat(shield.describeProtection(r -> r.resourceArn(lbArn)).protection().id()).isEqualTo(protection);
    }

    @Test
    void nodeIsSeededForAnEc2Instance(ItContext it) throws Exception {
        assumeTrue(it.awsIsReset(), "starts an EC2 instance; only on the emulator");
        EksNetwork net = it.seedAws().eksNetwork(it.clusterName(), 2);
        Subnet subnet = net.privateSubnets().get(0);
        Instance instance = it.seedAws().instance(subnet, Map.of("Name", "node-1"));
        V1Node node = it.seedKube().nodeFor(instance);
        assertThat(node.getSpec().getProviderID())
                .isEqualTo("aws:///" + subnet.availabilityZone() + "/" + instance.instanceId());
        assertThat(node.getMetadata().getLabels()).containsEntry("topology.kubernetes.io/zone", subnet.availabilityZone());
    }

    @Test
    void resetWipesTheEmulator(ItContext it) {
        assumeTrue(it.awsIsReset(), "only an emulator can be wiped");
        String vpc = it.seedAws().vpc("10.1.0.0/16", Map.of("Name", "before-reset"));
        it.resetAws();
        assertThatThrownBy(() -> it.aws().ec2().describeVpcs(r -> r.vpcIds(vpc)))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound"));
    }

    private static void cleanupUnlessReset(ItContext it, ItContext.Cleanup cleanup) {
        if (!it.awsIsReset()) {
            it.onCleanup(cleanup);
        }
    }
}
