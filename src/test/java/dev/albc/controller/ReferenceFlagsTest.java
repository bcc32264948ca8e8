package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.cli.ControllerCommand;
import dev.albc.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReferenceFlagsTest {
  static CommandLine parse(String... args) {
    CommandLine cl = new CommandLine(new ControllerCommand());
    cl.parseArgs(args);
    return cl;
  }

  @Test
  void everyReferenceFlagIsAcceptedAtItsDefault() {
    CommandLine cl = parse("--cluster-name", "c", "--enable-waf", "--enable-shield=true", "--webhook-bind-port", "9443",
        "--targetgroupbinding-max-exponential-backoff-delay", "16m40s", "--load-balancer-class", "service.k8s.aws/nlb",
        "--enable-endpoint-slices=1", "--aws-vpc-tags", "");
    assertThat(ReferenceFlags.problems(cl.getCommandSpec())).isEmpty();
  }

  @Test
  void anUnimplementedFlagSetOtherwiseIsNamed() {
    CommandLine cl = parse("--cluster-name", "c", "--enable-waf=false", "--service-max-concurrent-reconciles", "5",
        "--lb-stabilization-monitor-interval", "2m");
    assertThat(ReferenceFlags.problems(cl.getCommandSpec())).as("2m is the default 120s").hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("--enable-waf=false: albc does not implement WAF classic"));
    cl = parse("--service-max-concurrent-reconciles", "5");
    assertThat(ReferenceFlags.problems(cl.getCommandSpec())).singleElement()
        .satisfies(p -> assertThat(p).contains("--service-max-concurrent-reconciles=5", "(3)"));
  }

  @Test
  void theCommandRefusesToStartWithIt() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("controller", "--cluster-name", "c", "--aws-region", "us-west-2", "--aws-vpc-id", "vpc-1",
        "--external-managed-tags", "team");
    assertThat(code).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("--external-managed-tags=team: albc does not implement");
  }

  @Test
  void unknownFlagsAndFeatureGatesAreErrors() {
    assertThatThrownBy(() -> parse("--no-such-flag", "1")).isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("controller", "--cluster-name", "c", "--aws-region", "us-west-2", "--aws-vpc-id", "vpc-1",
        "--feature-gates", "NoSuchGate=true", "--leader-election-namespace", "kube-system");
    assertThat(code).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("unknown feature gate \"NoSuchGate\"");
  }
}
