package dev.albc.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.albc.targets.TargetGroups;
import java.util.Optional;

/**
 * {@code /mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding} (docs/targets.md, "Webhooks"): a binding
 * needs {@code targetGroupARN} or {@code targetGroupName}; the ARN is filled from the name, and an
 * unset {@code targetType}, {@code ipAddressType}, {@code vpcID} or {@code targetGroupProtocol} is
 * defaulted from the target group (DescribeTargetGroups, as the reference).
 */
public final class BindingMutator implements AdmissionHandler {
  private final TargetGroups aws;

  public BindingMutator(TargetGroups aws) {
    this.aws = aws;
  }

  @Override
  public Admission.Response handle(Admission.Request req) {
    JsonNode spec = req.object().path("spec");
    String arn = spec.path("targetGroupARN").asText("");
    String name = spec.path("targetGroupName").asText("");
    if (arn.isEmpty() && name.isEmpty()) {
      return Admission.Response.deny("TargetGroupBinding must specify spec.targetGroupARN or spec.targetGroupName");
    }
    Optional<TargetGroups.Info> info = arn.isEmpty() ? aws.byName(name) : aws.byArn(arn);
    if (info.isEmpty()) {
      return Admission.Response.deny("target group " + (arn.isEmpty() ? "named \"" + name + "\"" : arn)
          + " not found");
    }
    TargetGroups.Info tg = info.get();
    ArrayNode ops = Admission.JSON.createArrayNode();
    addIfMissing(ops, spec, "targetGroupARN", tg.arn());
    addIfMissing(ops, spec, "targetType", tg.targetType());
    addIfMissing(ops, spec, "ipAddressType", "ipv6".equals(tg.ipAddressType()) ? "ipv6" : "ipv4");
    addIfMissing(ops, spec, "vpcID", tg.vpcId());
    addIfMissing(ops, spec, "targetGroupProtocol", tg.protocol());
    return Admission.Response.patch(ops);
  }

  private static void addIfMissing(ArrayNode ops, JsonNode spec, String field, String value) {
    if (value != null && !value.isEmpty() && spec.path(field).asText("").isEmpty()) {
      ops.addObject().put("op", "add").put("path", "/spec/" + field).put("value", value);
    }
  }
}
