package dev.albc.rules;

import dev.albc.rules.api.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rule set a long-running process uses, swapped atomically when the user rule sources change
 * (the engine side of hot reload; a ConfigMap informer or a folder watcher feeds it).
 *
 * <ul>
 *   <li>{@link #current()} is a volatile read: a reconcile takes the rule set once and runs with
 *       it to the end, while a reload builds the next one beside it.
 *   <li>A reload that fails (does not compile, is refused by {@link RuleGuard}, cannot be read)
 *       keeps the last good rule set in force and records why ({@link #lastError()}).
 *   <li>A successful reload publishes the new set and drops every reference to the old one, whose
 *       KieModule was already removed from the KIE repository when it was built, so the old rule
 *       base is garbage once the last session using it ends (tested with ten reloads and a
 *       {@link java.lang.ref.WeakReference}).
 *   <li>There is no rule set until the first successful load: a process should not become ready
 *       before it (running without the house rules would skip the house policies).
 * </ul>
 */
public final class RuleSetHolder implements AutoCloseable {
  /** What one reload did. */
  public record Outcome(
      boolean changed, boolean swapped, long generation, List<String> problems, Duration took) {
    /** True when the sources changed but the new rules were not taken. */
    public boolean failed() {
      return changed && !swapped;
    }
  }

  /**
   * A test of a compiled rule set before it is published (the controller plans every current group
   * with it, docs/controller.md "Rules from ConfigMaps"); problems refuse the set like a compile error.
   */
  @FunctionalInterface
  public interface Check {
    List<String> problems(RuleSet next);
  }

  private final Supplier<List<RuleSource>> userSources;
  private final List<Consumer<Outcome>> listeners = new ArrayList<>();
  private volatile Check check = next -> List.of();
  private volatile RuleSet current;
  private volatile String fingerprint;
  private volatile String fingerprintInForce;
  private volatile List<String> lastError = List.of();
  private volatile long generation;
  private ScheduledExecutorService watcher;

  /** @param userSources the user rule files as they are now (read anew on every reload) */
  public RuleSetHolder(Supplier<List<RuleSource>> userSources) {
    this.userSources = Objects.requireNonNull(userSources);
  }

  /** A holder for the {@code .drl} files under the given folders. */
  public static RuleSetHolder forFolders(List<Path> dirs) {
    List<Path> copy = List.copyOf(dirs);
    return new RuleSetHolder(() -> UserRules.sources(copy));
  }

  /** The rule set in force. */
  public RuleSet current() {
    RuleSet rs = current;
    if (rs == null) {
      throw new IllegalStateException("no rule set loaded yet"
          + (lastError.isEmpty() ? "" : ": " + String.join("; ", lastError)));
    }
    return rs;
  }

  /** True once a rule set is in force. */
  public boolean ready() {
    return current != null;
  }

  /** A runner over the rule set in force now. */
  public RuleRunner runner() {
    return new RuleRunner(current());
  }

  /** How many rule sets were published. */
  public long generation() {
    return generation;
  }

  /** Why the last reload failed (empty after a success). */
  public List<String> lastError() {
    return lastError;
  }

  /** Sets the check every newly compiled set must pass before it is published. */
  public RuleSetHolder withCheck(Check c) {
    this.check = Objects.requireNonNull(c);
    return this;
  }

  /** The SHA-256 of the user sources (names and texts) of the rule set in force; null before the first. */
  public String fingerprintInForce() {
    return fingerprintInForce;
  }

  /** Called after every reload that saw a change (success or failure), on the reloading thread. */
  public synchronized void onReload(Consumer<Outcome> listener) {
    listeners.add(listener);
  }

  /** Reloads when the sources differ from the ones of the rule set in force (or of the last failure). */
  public Outcome reloadIfChanged() {
    return reload(false);
  }

  /** Compiles the sources now, changed or not. */
  public Outcome reload() {
    return reload(true);
  }

  private synchronized Outcome reload(boolean force) {
    long t0 = System.nanoTime();
    List<RuleSource> user;
    try {
      user = userSources.get();
    } catch (RuntimeException e) {
      return finish(new Outcome(true, false, generation, List.of(String.valueOf(e.getMessage())), since(t0)), null);
    }
    String fp = fingerprint(user);
    if (!force && fp.equals(fingerprint)) {
      return new Outcome(false, false, generation, List.of(), since(t0));
    }
    fingerprint = fp;
    try {
      RuleSet next = user.isEmpty() ? RuleCompiler.loadBuiltin() : RuleCompiler.compileWithBuiltin(user);
      List<String> refused = check.problems(next);
      if (!refused.isEmpty()) {
        return finish(new Outcome(true, false, generation, List.copyOf(refused), since(t0)), null);
      }
      fingerprintInForce = fp;
      return finish(new Outcome(true, true, generation + 1, List.of(), since(t0)), next);
    } catch (RuleCompileException e) {
      return finish(new Outcome(true, false, generation, e.problems(), since(t0)), null);
    } catch (RuleRefusedException e) {
      return finish(new Outcome(true, false, generation, e.problems(), since(t0)), null);
    } catch (RuntimeException e) {
      return finish(new Outcome(true, false, generation, List.of(String.valueOf(e.getMessage())), since(t0)), null);
    }
  }

  private Outcome finish(Outcome o, RuleSet next) {
    if (o.swapped()) {
      current = next; // the old set is now unreferenced here; sessions running on it finish on it
      generation = o.generation();
      lastError = List.of();
    } else {
      lastError = o.problems();
    }
    for (Consumer<Outcome> l : listeners) {
      l.accept(o);
    }
    return o;
  }

  /**
   * Checks the sources every {@code interval} on a daemon thread and reloads when they changed
   * (a mounted ConfigMap changes by an atomic symlink swap, so whole-folder snapshots are enough).
   */
  public synchronized void watch(Duration interval) {
    if (watcher != null) {
      return;
    }
    watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "albc-rules-reload");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1, interval.toMillis());
    watcher.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
  }

  static String fingerprint(List<RuleSource> sources) {
    StringBuilder s = new StringBuilder();
    for (RuleSource r : sources) {
      s.append(r.name()).append('\u0000').append(r.text()).append('\u0000');
    }
    return Names.sha256(s.toString());
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
