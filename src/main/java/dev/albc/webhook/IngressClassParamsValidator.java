package dev.albc.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /validate-elbv2-k8s-aws-v1beta1-ingressclassparams} (docs/targets.md, "Webhooks"), as the
 * reference: every {@code inboundCIDRs} entry a canonical CIDR (else a hint naming the network
 * address, or /32 and /128 for a bare address); {@code subnets} with exactly one of {@code ids} and
 * {@code tags}, no duplicate ids, at least one tag key, no duplicate values of a tag.
 */
public final class IngressClassParamsValidator implements AdmissionHandler {

  @Override
  public Admission.Response handle(Admission.Request req) {
    if (!"CREATE".equals(req.operation()) && !"UPDATE".equals(req.operation())) {
      return Admission.Response.allow();
    }
    JsonNode spec = req.object().path("spec");
    List<String> problems = new ArrayList<>();
    int i = 0;
    for (JsonNode c : spec.path("inboundCIDRs")) {
      String p = cidrProblem(c.asText());
      if (p != null) {
        problems.add("spec.inboundCIDRs[" + i + "]: " + p);
      }
      i++;
    }
    JsonNode subnets = spec.path("subnets");
    if (subnets.isObject()) {
      boolean ids = subnets.has("ids");
      boolean tags = subnets.has("tags");
      if (ids == tags) {
        problems.add("spec.subnets: exactly one of ids and tags must be specified");
      }
      Set<String> seen = new HashSet<>();
      for (JsonNode id : subnets.path("ids")) {
        if (!seen.add(id.asText())) {
          problems.add("spec.subnets.ids: duplicate subnet id " + id.asText());
        }
      }
      if (tags && subnets.path("tags").size() == 0) {
        problems.add("spec.subnets.tags: must have at least one tag key");
      }
      subnets.path("tags").fields().forEachRemaining(e -> {
        Set<String> values = new HashSet<>();
        for (JsonNode v : e.getValue()) {
          if (!values.add(v.asText())) {
            problems.add("spec.subnets.tags." + e.getKey() + ": duplicate value " + v.asText());
          }
        }
      });
    }
    return problems.isEmpty() ? Admission.Response.allow() : Admission.Response.deny(String.join("; ", problems));
  }

  /** Null for a canonical CIDR, else what is wrong and the likely intent. */
  static String cidrProblem(String cidr) {
    int slash = cidr.indexOf('/');
    String ip = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] addr;
    try {
      if (!ip.matches("[0-9.]+") && !ip.matches("[0-9a-fA-F:.]+")) {
        throw new UnknownHostException(ip);
      }
      addr = InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return "\"" + cidr + "\" is not a CIDR";
    }
    int bits = addr.length * 8;
    if (slash < 0) {
      return "\"" + cidr + "\" is not a CIDR (did you mean " + cidr + "/" + bits + "?)";
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return "\"" + cidr + "\" is not a CIDR";
    }
    if (prefix < 0 || prefix > bits) {
      return "\"" + cidr + "\" has a prefix length outside 0-" + bits;
    }
    BigInteger v = new BigInteger(1, addr);
    BigInteger net = v.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    if (!net.equals(v)) {
      byte[] raw = net.toByteArray();
      byte[] fixed = new byte[addr.length];
      System.arraycopy(raw, Math.max(0, raw.length - fixed.length), fixed, Math.max(0, fixed.length - raw.length),
          Math.min(raw.length, fixed.length));
      try {
        return "\"" + cidr + "\" is not canonical (did you mean " + InetAddress.getByAddress(fixed).getHostAddress()
            + "/" + prefix + "?)";
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }
}
