package dev.albc.controller;

import dev.albc.rules.RuleSource;
import dev.albc.rules.RuleTimeoutException;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * A reconcile ran past the rule time budget in user rule code (docs/controller.md "A rule that
 * hangs"). Java cannot stop the thread left spinning, so the controller records the offending
 * sources as rejected ({@link RejectedSources}: an annotation with the content hash on a rule
 * ConfigMap, an entry in {@value RejectedSources#RECORD} for a {@code --rules-dir} file), says so
 * (a Warning event {@code RulesHung} on the ConfigMap, an error log line naming the group, file
 * and rule) and exits; restarted, it runs without those versions.
 */
final class RulesHang {
  private final ConfigMapRules rules;
  private final JsonLog log;

  RulesHang(ConfigMapRules rules, JsonLog log) {
    this.rules = rules;
    this.log = log;
  }

  /** What to mark: ConfigMaps by name, and folder files. */
  record Blame(Set<String> configMaps, List<RuleSource> dirFiles) {
    boolean isEmpty() {
      return configMaps.isEmpty() && dirFiles.isEmpty();
    }
  }

  /** The sources of the files a timeout names, from the rule set that ran. */
  static Blame blame(RuleTimeoutException e) {
    Set<String> cms = new LinkedHashSet<>();
    List<RuleSource> dir = new ArrayList<>();
    for (String f : e.files()) {
      String cm = RejectedSources.configMapOf(f);
      if (cm != null) {
        cms.add(cm);
      } else {
        e.userSources().stream().filter(s -> s.name().equals(f)).findFirst().ifPresent(dir::add);
      }
    }
    return new Blame(cms, dir);
  }

  /**
   * Marks and reports the sources the timeout names; true when there were some (the controller
   * then exits). False when no user file is on the stuck thread (a built-in rule was slow): that
   * thread ends by itself, and the reconcile is retried as any failure.
   */
  boolean handle(String groupId, RuleTimeoutException e) {
    return handle("a reconcile of group " + groupId, groupId, e);
  }

  /** As {@link #handle(String, RuleTimeoutException)}, the rules having run for {@code subject} (what ran past). */
  boolean handle(String subject, String groupId, RuleTimeoutException e) {
    Blame b = blame(e);
    if (b.isEmpty()) {
      log.error("rules", subject + ": the rules ran past their time budget in no user rule file: " + e.getMessage()
          + "; nothing is marked (a reconcile is retried with backoff)", groupId, null);
      return false;
    }
    String what = subject + " ran past the rule time budget of " + e.budget().toSeconds()
        + " s: " + e.getMessage();
    for (String cm : b.configMaps()) {
      SortedMap<String, String> files = RejectedSources.filesOf(cm, e.userSources());
      String hash = RejectedSources.hash(files);
      String msg = what + "; this version of ConfigMap " + cm + " (content " + hash.substring(0, 12)
          + ") is marked rejected (" + RejectedSources.ANNOTATION + ") and the controller exits to end the stuck"
          + " thread; restarted, it runs without it until the ConfigMap is edited";
      log.error("rules", msg, groupId, null);
      mark(cm, () -> rules.rejected().markConfigMap(cm, hash, what));
      V1ObjectMeta meta = rules.meta(cm);
      if (meta != null) {
        rules.event(meta, true, "RulesHung", msg);
      }
    }
    for (RuleSource f : b.dirFiles()) {
      log.error("rules", what + "; file " + f.name() + " is recorded rejected in ConfigMap " + RejectedSources.RECORD
          + " and the controller exits to end the stuck thread; restarted, it runs without the file until it is"
          + " edited", groupId, null);
      mark(RejectedSources.RECORD, () -> rules.rejected().recordFile(f));
    }
    return true;
  }

  private interface Write {
    void run() throws ApiException;
  }

  /** One mark; a failure is logged (the restarted controller would hang again, and mark again). */
  private void mark(String where, Write w) {
    if (rules.rejected() == null) {
      log.error("rules", "no namespace to record the rejected rules in (--leader-election-namespace or"
          + " POD_NAMESPACE): a restarted controller loads them again", null, null);
      return;
    }
    try {
      w.run();
    } catch (ApiException ex) {
      log.error("rules", "recording the rejected rules on ConfigMap " + where + " failed: HTTP " + ex.getCode()
          + " " + ex.getResponseBody() + " (RBAC: patch and create on ConfigMaps in the controller's namespace)",
          null, null);
    } catch (RuntimeException ex) {
      log.error("rules", "recording the rejected rules on ConfigMap " + where + " failed: " + ex, null, null);
    }
  }
}
