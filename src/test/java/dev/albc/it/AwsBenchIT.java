package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.aws.AwsSession;
import dev.albc.executor.LiveFixture;
import dev.albc.live.LiveRun;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * The AWS benchmark (docs/benchmarks.md, "AWS calls"): calls and time of a first creation, and of a
 * no-op reconcile of 1 and of N groups while the account holds M other load balancers and target
 * groups, against the emulator; beside the reference controller's read pattern, replayed on the
 * same account. Prints a table (and writes target/bench-aws.md); asserts counts only, never times.
 *
 * <pre>
 * scripts/test-env up && eval "$(scripts/test-env env)"
 * ./mvnw -B verify -Dit.test=AwsBenchIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dalbc.bench.groups=50 -Dalbc.bench.others=200]
 * cat target/bench-aws.md
 * </pre>
 */
@IntegrationTest
class AwsBenchIT {
  static final int GROUPS = Integer.getInteger("albc.bench.groups", 50);
  static final int OTHERS = Integer.getInteger("albc.bench.others", 200);

  record Row(String what, long calls, long reads, long writes, long millis, Map<String, Long> byOp) {}

  @Test
  void callsAndTimeOfCreationAndNoOpReconciles(ItContext it) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (LiveFixture f = new LiveFixture(it)) {
      seedOthers(it, f);
      AwsSession aws = f.aws();
      String quickstart = LiveFixture.example("quickstart");

      rows.add(measure("first creation, 1 group (quickstart)", aws, () -> f.apply(quickstart)));
      Row noop1 = measure("no-op reconcile, 1 group", aws, () -> f.apply(quickstart));
      rows.add(noop1);
      assertThat(noop1.writes()).isZero();

      String many = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: alb\nspec:\n"
          + "  controller: ingress.k8s.aws/alb\n---\n" + groups(GROUPS);
      Row createN = measure("first creation, " + GROUPS + " more groups", aws, () -> f.apply(many));
      rows.add(createN);
      assertThat(createN.writes()).isGreaterThanOrEqualTo(6L * GROUPS);
      String all = quickstart + "\n---\n" + groups(GROUPS); // the quickstart has the IngressClass
      LiveRun[] last = new LiveRun[1];
      Row noopN = measure("no-op reconcile, " + (GROUPS + 1) + " groups", aws, () -> last[0] = f.apply(all));
      assertThat(noopN.writes()).as("%s", last[0].changes().table()).isZero();
      rows.add(noopN);
      assertThat(noopN.writes()).isZero();
      Row planN = measure("plan --live, " + (GROUPS + 1) + " groups", aws, () -> f.plan(all));
      rows.add(planN);

      // the reference controller's read pattern on the same account, per reconcile of one group:
      // list every load balancer and target group, then DescribeTags for all of them, 20 ARNs a call
      Row ref1 = measure("reference pattern, 1 reconcile", aws, () -> referencePattern(aws));
      rows.add(ref1);
      rows.add(measure("reference pattern, " + (GROUPS + 1) + " reconciles", aws, () -> {
        for (int i = 0; i <= GROUPS; i++) {
          referencePattern(aws);
        }
      }));
      long perGroup = (noopN.reads() - 5) / (GROUPS + 1);
      assertThat(perGroup).as("reads per group of a no-op reconcile").isLessThanOrEqualTo(8);
      assertExactCalls(rows);
    }
    String table = render(rows);
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "bench-aws.md"), table);
  }

  /**
   * The exact calls per operation of albc's runs (a restructuring must keep them; a change of
   * behaviour updates them here, visibly). n = the number of extra groups.
   */
  static void assertExactCalls(List<Row> rows) {
    long n = GROUPS;
    Map<String, Long> account = Map.of("acm:ListCertificates", 1L, "ec2:DescribeRouteTables", 1L, "ec2:DescribeSubnets", 1L,
        "elbv2:DescribeSSLPolicies", 1L);
    Map<String, Long> create1 = with(account, Map.of("ec2:AuthorizeSecurityGroupIngress", 1L, "ec2:CreateSecurityGroup", 2L,
        "ec2:DescribeSecurityGroups", 3L, "elbv2:CreateListener", 1L, "elbv2:CreateLoadBalancer", 1L, "elbv2:CreateRule", 2L,
        "elbv2:CreateTargetGroup", 2L, "elbv2:DescribeLoadBalancers", 1L, "elbv2:DescribeTargetGroups", 3L,
        "tagging:GetResources", 1L));
    Map<String, Long> createN = with(account, Map.of("ec2:AuthorizeSecurityGroupIngress", n, "ec2:CreateSecurityGroup", n,
        "ec2:DescribeSecurityGroups", n + 2, "elbv2:CreateListener", n, "elbv2:CreateLoadBalancer", n, "elbv2:CreateRule", n,
        "elbv2:CreateTargetGroup", n, "elbv2:DescribeLoadBalancers", n, "elbv2:DescribeTargetGroups", n,
        "tagging:GetResources", n));
    Map<String, Long> noop = with(account, Map.of("ec2:DescribeSecurityGroups", 3L, "elbv2:DescribeListeners", 1L,
        "elbv2:DescribeLoadBalancers", 1L, "elbv2:DescribeRules", 1L, "elbv2:DescribeTags", 1L,
        "elbv2:DescribeTargetGroups", 1L, "tagging:GetResources", 1L));
    long g = n + 1;
    Map<String, Long> noopN = with(account, Map.of("ec2:DescribeSecurityGroups", g + 2, "elbv2:DescribeListeners", g,
        "elbv2:DescribeLoadBalancers", g, "elbv2:DescribeRules", g, "elbv2:DescribeTags", g,
        "elbv2:DescribeTargetGroups", g, "tagging:GetResources", g));
    List<Map<String, Long>> want = List.of(create1, noop, createN, noopN, noopN);
    // besides, the account facts list the cluster's load balancers once per run (an existing ALB keeps its
    // subnets, docs/apply.md "Look-ups"): GetResources on the cluster tag (its load balancers and target
    // groups, pages of up to 50; moto may end with an empty page), then DescribeLoadBalancers 20 ARNs a call
    long[] lbs = {OTHERS, OTHERS + 1, OTHERS + 1, OTHERS + g, OTHERS + g};
    long[] tgs = {OTHERS, OTHERS + 2, OTHERS + 2, OTHERS + 2 + n, OTHERS + 2 + n};
    for (int i = 0; i < want.size(); i++) {
      Map<String, Long> got = new TreeMap<>(rows.get(i).byOp());
      Map<String, Long> expected = new TreeMap<>(want.get(i));
      String what = rows.get(i).what();
      System.out.println("[calls] " + what + ": " + got);
      long describeLbs = got.remove("elbv2:DescribeLoadBalancers") - expected.remove("elbv2:DescribeLoadBalancers");
      long getResources = got.remove("tagging:GetResources") - expected.remove("tagging:GetResources");
      assertThat(got).as("AWS calls of \"%s\"", what).isEqualTo(expected);
      assertThat(describeLbs).as("DescribeLoadBalancers of the account facts in \"%s\"", what)
          .isEqualTo((lbs[i] + 19) / 20);
      long pages = (lbs[i] + tgs[i] + 49) / 50;
      assertThat(getResources).as("GetResources of the account facts in \"%s\"", what).isBetween(pages, pages + 1);
    }
  }

  static Map<String, Long> with(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> m = new TreeMap<>(a);
    m.putAll(b);
    return m;
  }

  static Row measure(String what, AwsSession aws, Runnable r) {
    aws.calls().reset();
    long t0 = System.nanoTime();
    r.run();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new Row(what, aws.calls().total(), aws.calls().reads(), aws.calls().writes(), ms, aws.calls().snapshot());
  }

  /** What the reference reads each reconcile: full listings plus tags of everything listed. */
  static void referencePattern(AwsSession aws) {
    List<String> arns = new ArrayList<>();
    aws.elbv2().describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancers()
        .forEach(lb -> arns.add(lb.loadBalancerArn()));
    aws.elbv2().describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups()
        .forEach(tg -> arns.add(tg.targetGroupArn()));
    for (int i = 0; i < arns.size(); i += 20) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
      aws.elbv2().describeTags(r -> r.resourceArns(batch));
    }
  }

  /** M other load balancers and target groups: other stacks of the same cluster. */
  static void seedOthers(ItContext it, LiveFixture f) {
    var elb = it.aws().elbv2();
    for (int i = 0; i < OTHERS; i++) {
      List<Tag> tags = List.of(Tag.builder().key("elbv2.k8s.aws/cluster").value(it.clusterName()).build(),
          Tag.builder().key("ingress.k8s.aws/stack").value("other/app-" + i).build());
      String name = String.format(Locale.ROOT, "k8s-other-app%03d-0000000000", i);
      elb.createLoadBalancer(r -> r.name(name).subnets(f.network().publicSubnetIds()).tags(tags));
      elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(30000).vpcId(f.network().vpcId())
          .targetType("instance").tags(tags));
    }
  }

  /** N implicit groups: one Ingress and one Service each. */
  static String groups(int n) {
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < n; i++) {
      y.append(String.format(Locale.ROOT, """
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: app-%1$d
            namespace: bench
            annotations:
              alb.ingress.kubernetes.io/scheme: internet-facing
          spec:
            ingressClassName: alb
            rules:
              - host: app-%1$d.example.com
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: svc-%1$d
                          port:
                            number: 80
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: svc-%1$d
            namespace: bench
            uid: 00000000-0000-4000-8000-%2$012d
          spec:
            type: NodePort
            ports:
              - port: 80
                targetPort: 8080
                nodePort: %3$d
          ---
          """, i, i, 31000 + i));
    }
    return y.toString();
  }

  static String render(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "AWS benchmark: %d other load balancers and %d other target groups in the "
        + "account, moto 5.2.5 on loopback%n%n", OTHERS, OTHERS));
    out.append("| run | AWS calls | reads | writes | time (ms) |\n|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", r.what(), r.calls(), r.reads(), r.writes(),
          r.millis()));
    }
    out.append('\n');
    for (Row r : rows) {
      out.append("- ").append(r.what()).append(": ").append(new TreeMap<>(r.byOp())).append('\n');
    }
    return out.toString();
  }
}
