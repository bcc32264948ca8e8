package dev.albc.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The reference controller's flags albc does not implement (its list: docs/controller.md "Flags").
 * A values file written for the reference must not crash-loop albc, so each is accepted at its
 * default value; set to anything else it is a startup error naming it. Added to a command by
 * {@link Transformer}; read back with {@link #problems(CommandSpec)}.
 */
public final class ReferenceFlags {
  enum Kind { BOOL, INT, DURATION, TEXT }

  record Flag(String name, String defaultValue, Kind kind, String what) {}

  static final List<Flag> FLAGS = List.of(
      new Flag("--load-balancer-class", "service.k8s.aws/nlb", Kind.TEXT, "Services of type LoadBalancer"),
      new Flag("--external-managed-tags", "", Kind.TEXT, "tags managed outside albc"),
      new Flag("--service-max-concurrent-reconciles", "3", Kind.INT, "the Service controller"),
      new Flag("--max-targets-per-target-group", "0", Kind.INT, "target limits"),
      new Flag("--gateway-class-max-concurrent-reconciles", "3", Kind.INT, "Gateway API"),
      new Flag("--alb-gateway-max-concurrent-reconciles", "3", Kind.INT, "Gateway API"),
      new Flag("--nlb-gateway-max-concurrent-reconciles", "3", Kind.INT, "Gateway API"),
      new Flag("--globalaccelerator-max-concurrent-reconciles", "1", Kind.INT, "Global Accelerator"),
      new Flag("--globalaccelerator-max-exponential-backoff-delay", "1000s", Kind.DURATION, "Global Accelerator"),
      new Flag("--lb-stabilization-monitor-interval", "120s", Kind.DURATION, "capacity reservations"),
      new Flag("--enable-manage-backend-security-group-rules", "false", Kind.BOOL, "backend security group rules"),
      new Flag("--enable-endpoint-slices", "true", Kind.BOOL, "the TargetGroupBinding controller"),
      new Flag("--service-target-eni-security-group-tags", "", Kind.TEXT, "the TargetGroupBinding controller"),
      new Flag("--required-secrets-label", "", Kind.TEXT, "Secret watches"),
      new Flag("--enable-waf", "true", Kind.BOOL, "WAF classic"),
      new Flag("--enable-wafv2", "true", Kind.BOOL, "WAFv2"),
      new Flag("--enable-shield", "true", Kind.BOOL, "Shield"),
      new Flag("--disable-ingress-class-annotation", "false", Kind.BOOL, "the Ingress webhook"),
      new Flag("--disable-ingress-group-name-annotation", "false", Kind.BOOL, "the Ingress webhook"),
      new Flag("--aws-vpc-tags", "", Kind.TEXT, "VPC lookup by tags"),
      new Flag("--aws-api-endpoints", "", Kind.TEXT, "per-service endpoints (albc: --aws-endpoint-url)"),
      new Flag("--kube-ca-pem-filepath", "", Kind.TEXT, "the webhooks"),
      new Flag("--quic-environment-variable-name", "AWS_LBC_QUIC_SERVER_ID", Kind.TEXT, "QUIC"));

  private ReferenceFlags() {}

  /** Adds every flag of {@link #FLAGS} to the command (picocli model transformer). */
  public static final class Transformer implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      for (Flag f : FLAGS) {
        spec.addOption(OptionSpec.builder(f.name())
            .type(String.class)
            .arity(f.kind() == Kind.BOOL ? "0..1" : "1")
            .fallbackValue(f.kind() == Kind.BOOL ? "true" : null)
            .defaultValue(f.defaultValue())
            .paramLabel("VALUE")
            .hidden(true)
            .description("Reference flag (" + f.what() + "); not implemented by albc: only its default "
                + (f.defaultValue().isEmpty() ? "(empty)" : f.defaultValue()) + " is accepted.")
            .build());
      }
      return spec;
    }
  }

  /** One line per reference flag set to a value albc does not implement (empty: none). */
  public static List<String> problems(CommandSpec spec) {
    List<String> out = new ArrayList<>();
    for (Flag f : FLAGS) {
      OptionSpec o = spec.findOption(f.name());
      if (o == null) {
        continue;
      }
      String value = o.getValue();
      if (!same(f, value)) {
        out.add(f.name() + "=" + value + ": albc does not implement " + f.what()
            + "; only the reference's default (" + (f.defaultValue().isEmpty() ? "empty" : f.defaultValue())
            + ") is accepted");
      }
    }
    return out;
  }

  static boolean same(Flag f, String value) {
    String v = value == null ? "" : value.strip();
    try {
      return switch (f.kind()) {
        case BOOL -> {
          dev.albc.rules.lib.Values.Result r = dev.albc.rules.lib.Values.bool(v);
          yield r.ok() && r.value().equals(Boolean.parseBoolean(f.defaultValue()));
        }
        case INT -> Long.parseLong(v) == Long.parseLong(f.defaultValue());
        case DURATION -> GoDuration.parse(v).equals(GoDuration.parse(f.defaultValue()));
        case TEXT -> v.equals(f.defaultValue());
      };
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The flags and their defaults, for the docs and tests. */
  public static Map<String, String> defaults() {
    Map<String, String> out = new LinkedHashMap<>();
    FLAGS.forEach(f -> out.put(f.name(), f.defaultValue()));
    return out;
  }
}
