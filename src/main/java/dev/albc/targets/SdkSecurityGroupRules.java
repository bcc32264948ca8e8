package dev.albc.targets;

import dev.albc.aws.AwsSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** {@link SecurityGroupRules} with the AWS SDK through an {@link AwsSession} (its rate limits apply). */
public final class SdkSecurityGroupRules implements SecurityGroupRules {
  /** EC2 filters take at most this many values. */
  static final int FILTER_VALUES = 200;

  private final AwsSession aws;

  public SdkSecurityGroupRules(AwsSession aws) {
    this.aws = aws;
  }

  @Override
  public Map<String, List<String>> instanceGroups(Collection<String> instanceIds) {
    Map<String, List<String>> out = new TreeMap<>();
    for (List<String> batch : TargetDiff.batches(List.copyOf(new TreeSet<>(instanceIds)), FILTER_VALUES)) {
      aws.ec2().describeInstancesPaginator(r -> r.instanceIds(batch)).reservations().forEach(res ->
          res.instances().forEach(i -> {
            for (InstanceNetworkInterface n : i.networkInterfaces()) {
              if (n.attachment() != null && Integer.valueOf(0).equals(n.attachment().deviceIndex())) {
                out.put(i.instanceId(), n.groups().stream().map(GroupIdentifier::groupId).sorted().toList());
              }
            }
            if (!out.containsKey(i.instanceId()) && !i.securityGroups().isEmpty()) {
              out.put(i.instanceId(), i.securityGroups().stream().map(GroupIdentifier::groupId).sorted().toList());
            }
          }));
    }
    return out;
  }

  @Override
  public Map<String, Eni> ipGroups(String vpcId, Collection<String> ips) {
    Map<String, Eni> out = new TreeMap<>();
    Set<String> wanted = new HashSet<>(ips);
    for (List<String> batch : TargetDiff.batches(List.copyOf(new TreeSet<>(ips)), FILTER_VALUES)) {
      List<Filter> filters = List.of(Filter.builder().name("vpc-id").values(vpcId).build(),
          Filter.builder().name("addresses.private-ip-address").values(batch).build());
      for (NetworkInterface n : aws.ec2().describeNetworkInterfacesPaginator(r -> r.filters(filters))
          .networkInterfaces()) {
        List<String> groups = n.groups().stream().map(GroupIdentifier::groupId).sorted().toList();
        for (NetworkInterfacePrivateIpAddress a : n.privateIpAddresses()) {
          if (wanted.contains(a.privateIpAddress())) {
            out.put(a.privateIpAddress(), new Eni(n.networkInterfaceId(), groups));
          }
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, Map<String, String>> tags(Collection<String> groupIds) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (SecurityGroup g : aws.ec2().describeSecurityGroupsPaginator(r -> r.groupIds(List.copyOf(groupIds)))
        .securityGroups()) {
      Map<String, String> tags = new TreeMap<>();
      g.tags().forEach(t -> tags.put(t.key(), t.value()));
      out.put(g.groupId(), tags);
    }
    return out;
  }

  @Override
  public Set<String> clusterGroups(String vpcId, String clusterName) {
    Set<String> out = new TreeSet<>();
    aws.ec2().describeSecurityGroupsPaginator(r -> r.filters(
        Filter.builder().name("tag:kubernetes.io/cluster/" + clusterName).values("owned", "shared").build(),
        Filter.builder().name("vpc-id").values(vpcId).build()))
        .securityGroups().forEach(g -> out.add(g.groupId()));
    return out;
  }

  @Override
  public Optional<Set<Permission>> managed(String groupId) {
    List<SecurityGroup> groups;
    try {
      groups = aws.ec2().describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups();
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() != null && "InvalidGroup.NotFound".equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    Set<Permission> out = new TreeSet<>();
    for (IpPermission p : groups.get(0).ipPermissions()) {
      String protocol = p.ipProtocol();
      if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
        continue;
      }
      int from = p.fromPort() == null ? 0 : p.fromPort();
      int to = p.toPort() == null ? 65535 : p.toPort();
      for (UserIdGroupPair g : p.userIdGroupPairs()) {
        if (Permission.DESCRIPTION.equals(g.description())) {
          out.add(Permission.fromGroup(protocol, from, to, g.groupId()));
        }
      }
      for (IpRange r : p.ipRanges()) {
        if (Permission.DESCRIPTION.equals(r.description())) {
          out.add(Permission.fromCidr(protocol, from, to, r.cidrIp()));
        }
      }
      for (Ipv6Range r : p.ipv6Ranges()) {
        if (Permission.DESCRIPTION.equals(r.description())) {
          out.add(Permission.fromCidr(protocol, from, to, r.cidrIpv6()));
        }
      }
    }
    return Optional.of(out);
  }

  @Override
  public void authorize(String groupId, Collection<Permission> permissions) {
    if (!permissions.isEmpty()) {
      aws.ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(sdk(permissions)));
    }
  }

  @Override
  public void revoke(String groupId, Collection<Permission> permissions) {
    if (!permissions.isEmpty()) {
      aws.ec2().revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(sdk(permissions)));
    }
  }

  static List<IpPermission> sdk(Collection<Permission> permissions) {
    List<IpPermission> out = new ArrayList<>();
    for (Permission p : permissions) {
      IpPermission.Builder b = IpPermission.builder().ipProtocol(p.protocol()).fromPort(p.fromPort()).toPort(p.toPort());
      if (p.groupId() != null) {
        b.userIdGroupPairs(UserIdGroupPair.builder().groupId(p.groupId()).description(Permission.DESCRIPTION).build());
      } else if (p.ipv6()) {
        b.ipv6Ranges(Ipv6Range.builder().cidrIpv6(p.cidr()).description(Permission.DESCRIPTION).build());
      } else {
        b.ipRanges(IpRange.builder().cidrIp(p.cidr()).description(Permission.DESCRIPTION).build());
      }
      out.add(b.build());
    }
    return out;
  }
}
