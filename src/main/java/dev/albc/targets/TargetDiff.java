package dev.albc.targets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Desired targets against what DescribeTargetHealth reports (docs/targets.md, "Register and
 * deregister"): a draining target counts as absent (a desired one is registered again), a target
 * reported {@code unused}/{@code Target.NotRegistered} is ignored; the rest are matched by (id, port).
 * Pure.
 */
public record TargetDiff(List<Target> register, List<Target> deregister) {
  /** RegisterTargets and DeregisterTargets take at most this many targets a call. */
  public static final int BATCH = 200;

  public static TargetDiff of(Collection<Target> desired, Collection<TargetHealth> observed) {
    Set<Target> present = new TreeSet<>();
    for (TargetHealth h : observed) {
      if (!h.draining() && !h.notRegistered()) {
        present.add(h.target().key());
      }
    }
    TreeMap<Target, Target> want = new TreeMap<>();
    desired.forEach(t -> want.put(t.key(), t));
    List<Target> register = new ArrayList<>();
    want.forEach((k, t) -> {
      if (!present.contains(k)) {
        register.add(t);
      }
    });
    List<Target> deregister = new ArrayList<>();
    for (Target k : present) {
      if (!want.containsKey(k)) {
        deregister.add(k);
      }
    }
    return new TargetDiff(List.copyOf(register), List.copyOf(deregister));
  }

  public boolean isEmpty() {
    return register.isEmpty() && deregister.isEmpty();
  }

  /** {@code items} in consecutive chunks of at most {@code size}. */
  public static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
    }
    return out;
  }
}
