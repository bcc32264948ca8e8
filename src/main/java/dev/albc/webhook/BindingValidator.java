package dev.albc.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.targets.Binding;
import dev.albc.targets.TargetGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /validate-elbv2-k8s-aws-v1beta1-targetgroupbinding} (docs/targets.md, "Webhooks"): required
 * fields; {@code targetGroupARN}, {@code targetType}, {@code ipAddressType} and {@code vpcID} immutable;
 * no {@code nodeSelector} in ip mode; no assume-role or QUIC in instance mode; a {@code vpcID} of the
 * form {@code vpc-} + 8, 17 or 32 hex digits; one binding per target group unless all of them are
 * multi-cluster; and the fields must match the real target group.
 */
public final class BindingValidator implements AdmissionHandler {
  private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17}|[0-9a-f]{32})");
  private final TargetGroups aws;
  private final Supplier<List<Binding>> bindings;

  public BindingValidator(TargetGroups aws, Supplier<List<Binding>> bindings) {
    this.aws = aws;
    this.bindings = bindings;
  }

  @Override
  public Admission.Response handle(Admission.Request req) {
    if (!"CREATE".equals(req.operation()) && !"UPDATE".equals(req.operation())) {
      return Admission.Response.allow();
    }
    JsonNode spec = req.object().path("spec");
    Binding b = Binding.of(req.object());
    List<String> missing = new ArrayList<>();
    if (b.targetGroupArn().isEmpty()) {
      missing.add("spec.targetGroupARN");
    }
    if (b.targetType().isEmpty()) {
      missing.add("spec.targetType");
    }
    if (!missing.isEmpty()) {
      return Admission.Response.deny("TargetGroupBinding must specify these fields: " + String.join(", ", missing));
    }
    if ("UPDATE".equals(req.operation())) {
      JsonNode old = req.oldObject().path("spec");
      List<String> changed = new ArrayList<>();
      for (String f : List.of("targetGroupARN", "targetType", "ipAddressType", "vpcID")) {
        String was = old.path(f).asText("");
        if (!was.isEmpty() && !was.equals(spec.path(f).asText(""))) {
          changed.add("spec." + f);
        }
      }
      if (!changed.isEmpty()) {
        return Admission.Response.deny("TargetGroupBinding update may not change these fields: "
            + String.join(", ", changed));
      }
    }
    if (!b.instanceMode() && b.nodeSelector() != null) {
      return Admission.Response.deny("TargetGroupBinding cannot set spec.nodeSelector when spec.targetType is ip");
    }
    if (b.instanceMode() && !spec.path("iamRoleArnToAssume").asText("").isEmpty()) {
      return Admission.Response.deny("TargetGroupBinding cannot set spec.iamRoleArnToAssume when spec.targetType is instance");
    }
    if (b.instanceMode() && spec.path("targetGroupProtocol").asText("").contains("QUIC")) {
      return Admission.Response.deny("TargetGroupBinding cannot use a QUIC protocol when spec.targetType is instance");
    }
    if (!b.vpcId().isEmpty() && !VPC_ID.matcher(b.vpcId()).matches()) {
      return Admission.Response.deny("spec.vpcID \"" + b.vpcId()
          + "\" is not a VPC id (vpc- and 8, 17 or 32 hexadecimal digits)");
    }
    for (Binding other : bindings.get()) {
      boolean self = other.namespace().equals(req.namespace()) && other.name().equals(b.name());
      if (!self && other.targetGroupArn().equals(b.targetGroupArn()) && !(other.multiCluster() && b.multiCluster())) {
        return Admission.Response.deny("target group " + b.targetGroupArn() + " is already bound to TargetGroupBinding "
            + other.key() + " (several bindings may share a target group only when all set multiClusterTargetGroup)");
      }
    }
    return matchesTargetGroup(b, spec);
  }

  private Admission.Response matchesTargetGroup(Binding b, JsonNode spec) {
    Optional<TargetGroups.Info> info = aws.byArn(b.targetGroupArn());
    if (info.isEmpty()) {
      return Admission.Response.deny("target group " + b.targetGroupArn() + " not found");
    }
    TargetGroups.Info tg = info.get();
    String tgIpType = "ipv6".equals(tg.ipAddressType()) ? "ipv6" : "ipv4";
    if (!b.ipAddressType().isEmpty() && !b.ipAddressType().equals(tgIpType)) {
      return Admission.Response.deny("spec.ipAddressType " + b.ipAddressType() + " does not match the target group's "
          + tgIpType);
    }
    if (!b.vpcId().isEmpty() && !b.vpcId().equals(tg.vpcId())) {
      return Admission.Response.deny("spec.vpcID " + b.vpcId() + " does not match the target group's VPC "
          + tg.vpcId());
    }
    String protocol = spec.path("targetGroupProtocol").asText("");
    if (!protocol.isEmpty() && tg.protocol() != null && !protocol.equals(tg.protocol())) {
      return Admission.Response.deny("spec.targetGroupProtocol " + protocol + " does not match the target group's "
          + tg.protocol());
    }
    if (!b.targetType().equals(tg.targetType())) {
      return Admission.Response.deny("spec.targetType " + b.targetType() + " does not match the target group's "
          + tg.targetType());
    }
    return Admission.Response.allow();
  }
}
