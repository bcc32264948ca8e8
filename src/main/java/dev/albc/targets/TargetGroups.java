package dev.albc.targets;

import java.util.List;
import java.util.Optional;

/**
 * The ELBv2 and EC2 calls of the targets reconciler and the webhooks: an interface, so the
 * reconciler is tested without AWS ({@link SdkTargetGroups} is the SDK's).
 */
public interface TargetGroups {

  /** What the webhooks default and check from a target group. */
  record Info(String arn, String name, String targetType, String ipAddressType, String vpcId, String protocol,
              int port) {}

  /**
   * Every target of the group with its health (DescribeTargetHealth, no target filter); empty when
   * the target group does not exist.
   */
  Optional<List<TargetHealth>> health(String targetGroupArn);

  /** RegisterTargets in batches of {@link TargetDiff#BATCH}. */
  void register(String targetGroupArn, List<Target> targets);

  /** DeregisterTargets in batches of {@link TargetDiff#BATCH}. */
  void deregister(String targetGroupArn, List<Target> targets);

  /** DescribeTargetGroups by ARN; empty when there is no such group. */
  Optional<Info> byArn(String arn);

  /** DescribeTargetGroups by name; empty when there is no such group. */
  Optional<Info> byName(String name);

  /** The IPv4 and IPv6 CIDR blocks of a VPC (DescribeVpcs). */
  List<String> vpcCidrs(String vpcId);
}
