package dev.albc.targets;

import dev.albc.aws.AwsSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * {@link TargetGroups} with the AWS SDK through an {@link AwsSession} (its rate limits apply:
 * RegisterTargets and DeregisterTargets 4/s, burst 20 — docs/targets.md). VPC CIDRs are cached.
 */
public final class SdkTargetGroups implements TargetGroups {
  private final AwsSession aws;
  private final Map<String, List<String>> vpcCidrs = new ConcurrentHashMap<>();

  public SdkTargetGroups(AwsSession aws) {
    this.aws = aws;
  }

  @Override
  public Optional<List<TargetHealth>> health(String arn) {
    List<TargetHealthDescription> described;
    try {
      described = aws.elbv2().describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions();
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
    List<TargetHealth> out = new ArrayList<>();
    for (TargetHealthDescription d : described) {
      var t = d.target();
      var h = d.targetHealth();
      out.add(new TargetHealth(new Target(t.id(), t.port() == null ? 0 : t.port(), t.availabilityZone()),
          h == null ? null : h.stateAsString(), h == null ? null : h.reasonAsString(),
          h == null ? null : h.description()));
    }
    return Optional.of(out);
  }

  @Override
  public void register(String arn, List<Target> targets) {
    for (List<Target> batch : TargetDiff.batches(targets, TargetDiff.BATCH)) {
      aws.elbv2().registerTargets(r -> r.targetGroupArn(arn).targets(descriptions(batch)));
    }
  }

  @Override
  public void deregister(String arn, List<Target> targets) {
    for (List<Target> batch : TargetDiff.batches(targets, TargetDiff.BATCH)) {
      aws.elbv2().deregisterTargets(r -> r.targetGroupArn(arn).targets(descriptions(batch)));
    }
  }

  private static List<TargetDescription> descriptions(List<Target> batch) {
    return batch.stream().map(t -> TargetDescription.builder().id(t.id()).port(t.port())
        .availabilityZone(t.availabilityZone()).build()).toList();
  }

  @Override
  public Optional<Info> byArn(String arn) {
    try {
      return aws.elbv2().describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().stream()
          .findFirst().map(SdkTargetGroups::info);
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    } catch (ElasticLoadBalancingV2Exception e) {
      if ("ValidationError".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
        return Optional.empty(); // not an ARN at all
      }
      throw e;
    }
  }

  @Override
  public Optional<Info> byName(String name) {
    try {
      return aws.elbv2().describeTargetGroups(r -> r.names(name)).targetGroups().stream()
          .findFirst().map(SdkTargetGroups::info);
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Info info(TargetGroup g) {
    return new Info(g.targetGroupArn(), g.targetGroupName(), g.targetTypeAsString(), g.ipAddressTypeAsString(),
        g.vpcId(), g.protocolAsString(), g.port() == null ? 0 : g.port());
  }

  @Override
  public List<String> vpcCidrs(String vpcId) {
    return vpcCidrs.computeIfAbsent(vpcId, id -> {
      List<String> out = new ArrayList<>();
      for (Vpc v : aws.ec2().describeVpcs(r -> r.vpcIds(id)).vpcs()) {
        v.cidrBlockAssociationSet().forEach(c -> out.add(c.cidrBlock()));
        v.ipv6CidrBlockAssociationSet().forEach(c -> out.add(c.ipv6CidrBlock()));
        if (out.isEmpty() && v.cidrBlock() != null) {
          out.add(v.cidrBlock());
        }
      }
      return List.copyOf(out);
    });
  }
}
