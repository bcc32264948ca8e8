package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.executor.LiveFixture;
import dev.albc.live.LiveGroups;
import dev.albc.live.LiveRun;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** A run that stops half way, then a re-run: everything exists once, nothing is left over. */
@IntegrationTest
class ConvergeIT {
  static final String QUICKSTART = LiveFixture.example("quickstart");
  static final int STEPS = 9; // writes of the quickstart's creation

  /** Stops the run before its n-th step (a crash between two changes). */
  static final class Crash extends RuntimeException {
    Crash(int n) {
      super("injected crash before step " + n);
    }
  }

  @Test
  void aCrashBeforeAnyStepThenARerunConvergesWithNoDuplicate(ItContext it) {
    for (int k = 1; k <= STEPS; k++) {
      if (k > 1) {
        it.resetAws();
      }
      try (LiveFixture f = new LiveFixture(it)) {
        final int stopAt = k;
        AtomicInteger n = new AtomicInteger();
        LiveGroups crashing = f.live(LiveFixture.facts(QUICKSTART)).withHook((g, c, s) -> {
          if (n.incrementAndGet() == stopAt) {
            throw new Crash(stopAt);
          }
        });
        LiveRun broken = crashing.reconcileAll();
        assertThat(broken.failures()).as("step %d", k).containsKey("demo/shop");
        assertThat(broken.failures().get("demo/shop")).contains("injected crash before step " + k);

        LiveRun rerun = f.apply(QUICKSTART);
        assertThat(f.aws().calls().writes()).as("re-run after a crash at step %d", k).isEqualTo(STEPS - (k - 1));
        assertConverged(f, "crash before step " + k);
        LiveRun third = f.apply(QUICKSTART);
        assertThat(third.changes().changeCount()).isZero();
        assertThat(f.aws().calls().writeCalls()).isEmpty();
        assertThat(rerun.failures()).isEmpty();
      }
    }
  }

  @Test
  void aCreateWhoseAnswerIsLostIsFoundAgainNotRepeated(ItContext it) {
    // the emulator makes the listener, then the client sees an error (a lost answer, a timeout)
    for (String op : List.of("CreateLoadBalancer", "CreateListener", "CreateRule", "CreateTargetGroup",
        "CreateSecurityGroup")) {
      it.resetAws();
      AtomicBoolean fired = new AtomicBoolean();
      ExecutionInterceptor loseAnswer = new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution c, ExecutionAttributes a) {
          if (op.equals(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) && fired.compareAndSet(false, true)) {
            throw new IllegalStateException("injected: the answer to " + op + " was lost");
          }
        }
      };
      try (LiveFixture f = new LiveFixture(it, loseAnswer)) {
        LiveRun broken = f.live(LiveFixture.facts(QUICKSTART)).reconcileAll();
        assertThat(broken.failures()).as(op).containsKey("demo/shop");
        f.apply(QUICKSTART);
        assertConverged(f, "lost answer of " + op);
        f.apply(QUICKSTART);
        assertThat(f.aws().calls().writeCalls()).as(op).isEmpty();
      }
    }
  }

  @Test
  void anAwsErrorIsOneLineNamingTheResourceTheCallAndTheCause(ItContext it) {
    ExecutionInterceptor refuse = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
        if ("CreateRule".equals(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
          throw AwsServiceException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
              .errorCode("TooManyRules").errorMessage("injected: the listener has too many rules").build()).build();
        }
      }
    };
    try (LiveFixture f = new LiveFixture(it, refuse)) {
      LiveRun a = f.live(LiveFixture.facts(QUICKSTART)).reconcileAll();
      assertThat(a.failures().get("demo/shop")).isEqualTo("[demo/shop] CreateRule on ListenerRule 80:1 "
          + "(port 80 priority 1) failed: TooManyRules: injected: the listener has too many rules");
      assertThat(a.failures().get("demo/shop")).doesNotContain("\n");
    }
  }

  /** One of each, tagged for the stack; no second load balancer, listener, rule, group. */
  static void assertConverged(LiveFixture f, String when) {
    List<LoadBalancer> lbs = f.loadBalancers();
    assertThat(lbs).as(when).hasSize(1);
    assertThat(f.listeners(lbs.get(0))).as(when).hasSize(1);
    assertThat(f.rules(f.listeners(lbs.get(0)).get(0))).as(when).hasSize(2);
    assertThat(f.targetGroups()).as(when).hasSize(2);
    List<String> sgs = new ArrayList<>();
    f.securityGroups().forEach(g -> sgs.add(g.groupName()));
    assertThat(sgs).as(when).hasSize(2).doesNotHaveDuplicates();
    for (var tg : f.targetGroups()) {
      assertThat(f.tags(tg.targetGroupArn())).as(when).containsEntry("ingress.k8s.aws/stack", "demo/shop");
    }
  }
}
