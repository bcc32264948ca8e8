package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.observe.ObservedResource;
import java.util.List;
import java.util.Objects;

/**
 * A load balancer's IPv4 IPAM pool ({@code ipam-ipv4-pool-id}), as the reference's load balancer
 * manager: a pool the load balancer has and the intent does not want is removed first ({@code
 * ModifyIpPools RemoveIpamPools=[ipv4]}, before an IP address type change); a wanted pool that differs
 * from the one it has is set last ({@code ModifyIpPools IpamPools}).
 */
final class LoadBalancerIpam {
  static final String CALL = "elbv2:ModifyIpPools";

  private LoadBalancerIpam() {}

  /** The pool the load balancer has, or null. */
  static String current(ObservedResource o) {
    var n = o.body().path("IpamPools").path("Ipv4IpamPoolId");
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** Removes the load balancer's pool when the intent wants none. */
  static void removal(LoadBalancerIntent d, ObservedResource o, List<FieldDiff> diff, List<Step> steps) {
    String have = current(o);
    if (have == null || d.ipv4IpamPoolId() != null) {
      return;
    }
    diff.add(new FieldDiff("IpamPools.Ipv4IpamPoolId", have, null));
    ObjectNode req = Requests.obj();
    req.put("LoadBalancerArn", o.id());
    req.putArray("RemoveIpamPools").add("ipv4");
    steps.add(Step.of(CALL, req));
  }

  /** Sets the wanted pool when the load balancer has another one, or none. */
  static void addition(LoadBalancerIntent d, ObservedResource o, List<FieldDiff> diff, List<Step> steps) {
    String want = d.ipv4IpamPoolId();
    String have = current(o);
    if (want == null || Objects.equals(want, have)) {
      return;
    }
    diff.add(new FieldDiff("IpamPools.Ipv4IpamPoolId", have, want));
    ObjectNode req = Requests.obj();
    req.put("LoadBalancerArn", o.id());
    req.putObject("IpamPools").put("Ipv4IpamPoolId", want);
    steps.add(Step.of(CALL, req));
  }
}
