package dev.albc.it;

import dev.albc.aws.AwsSession;
import dev.albc.aws.RateLimits;
import dev.albc.changes.ChangePlanner;
import dev.albc.changes.GroupChanges;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.executor.Executor;
import dev.albc.executor.KubeBindings;
import dev.albc.executor.LiveFixture;
import dev.albc.facts.ControllerSettings;
import dev.albc.live.AccountFactSource;
import dev.albc.live.GroupRun;
import dev.albc.live.KubeFacts;
import dev.albc.live.LiveGroups;
import dev.albc.observe.ObservationCache;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.observe.Observer;
import dev.albc.observe.SessionReads;
import dev.albc.sources.ClusterReader;
import dev.albc.testinfra.ItContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The restart benchmark's fast way to N existing stacks ({@code -Dalbc.bench.restart.seed=direct}):
 * albc's own plan of each new group, executed by albc's own executor, but against an account known
 * to hold none of them — so each group costs only its create calls (and the Kubernetes
 * TargetGroupBinding), not the reads a controller makes to find out that nothing exists yet, which
 * on a full emulator are the slow part (moto answers tag and name look-ups by scanning everything).
 * The first new group goes the whole way (observation included), which also makes the cluster's
 * shared backend security group; the others are planned against an empty stack that holds that
 * group and executed on a few threads. A first controller then completes the Kubernetes side
 * (finalizers, status) and must find no AWS change to make: the restart benchmark checks that.
 */
final class RestartBenchSeed {
  /** What seeding took. */
  record Result(int groups, long millis, long calls, long writes) {}

  private RestartBenchSeed() {}

  /**
   * Creates the AWS resources and TargetGroupBindings of the groups {@code groupIds} of namespace
   * {@code ns}, as albc plans them from the cluster's objects now, on {@code threads} threads.
   */
  static Result seed(ItContext it, ControllerSettings settings, String ns, Set<String> groupIds, int threads)
      throws Exception {
    long t0 = System.nanoTime();
    try (AwsSession aws = LiveFixture.session(it, RateLimits.parse(""))) {
      KubeBindings bindings = new KubeBindings(it.kube(), ns);
      List<Object> facts = new ArrayList<>(new ClusterReader(it.kube(), ns).read().all());
      LiveGroups live = new LiveGroups(aws, settings, bindings, () -> LiveFixture.RUNNER, KubeFacts.of(facts),
          AccountFactSource.once(aws, settings.vpcId(), settings.clusterName()));
      List<DesiredGroup> groups = live.desired().groups().stream().filter(g -> groupIds.contains(g.id())).toList();
      if (groups.size() != groupIds.size()) {
        throw new IllegalStateException("the rules planned " + groups.size() + " of the " + groupIds.size()
            + " groups to seed");
      }
      GroupRun first = live.reconcile(groups.get(0));
      if (first.failure() != null) {
        throw new IllegalStateException("seeding " + groups.get(0).id() + ": " + first.failure());
      }
      ObservedResource backend = new Observer(new SessionReads(aws), settings.clusterName(), settings.vpcId(), null)
          .backendSecurityGroup(new ObservationCache());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (DesiredGroup g : groups.subList(1, groups.size())) {
          done.add(pool.submit(() -> create(aws, bindings, settings.vpcId(), g, backend)));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      return new Result(groups.size(), (System.nanoTime() - t0) / 1_000_000, aws.calls().total(),
          aws.calls().writes());
    }
  }

  /** One group's changes against an account that holds nothing of it but the shared backend security group. */
  private static void create(AwsSession aws, KubeBindings bindings, String vpcId, DesiredGroup g,
      ObservedResource backend) {
    ObservedStack none = new ObservedStack(g.id(), List.of(), List.of(), List.of(), List.of(), List.of(), backend,
        Map.of(), Map.of(), null, List.of(), List.of());
    GroupChanges changes = ChangePlanner.plan(g, none, new ChangePlanner.Options(true, false));
    if (!changes.errors().isEmpty()) {
      throw new IllegalStateException("seeding " + g.id() + ": " + changes.errors());
    }
    new Executor(aws, bindings, sg -> { }, vpcId, null).apply(changes);
  }
}
