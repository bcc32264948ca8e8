package dev.albc.targets;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The EC2 calls of a binding's networking (docs/targets.md, "Networking"): an interface, so
 * {@link BindingNetworking} is tested without AWS ({@link SdkSecurityGroupRules} is the SDK's).
 */
public interface SecurityGroupRules {

  /** The security groups of each instance's primary network interface (DescribeInstances). */
  Map<String, List<String>> instanceGroups(Collection<String> instanceIds);

  /**
   * The network interface and security groups of each private IP in the VPC
   * (DescribeNetworkInterfaces); IPs without one are absent.
   */
  Map<String, Eni> ipGroups(String vpcId, Collection<String> ips);

  /** One network interface: its id and security groups. */
  record Eni(String id, List<String> groups) {}

  /** The tags of each security group (DescribeSecurityGroups). */
  Map<String, Map<String, String>> tags(Collection<String> groupIds);

  /** The security groups of the VPC tagged {@code kubernetes.io/cluster/<cluster>} owned or shared. */
  Set<String> clusterGroups(String vpcId, String clusterName);

  /** The inbound rules of a group that carry {@link Permission#DESCRIPTION}; empty when the group is gone. */
  Optional<Set<Permission>> managed(String groupId);

  /** AuthorizeSecurityGroupIngress, each with {@link Permission#DESCRIPTION}. */
  void authorize(String groupId, Collection<Permission> permissions);

  /** RevokeSecurityGroupIngress. */
  void revoke(String groupId, Collection<Permission> permissions);
}
