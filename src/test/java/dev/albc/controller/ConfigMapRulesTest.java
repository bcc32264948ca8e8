package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.rules.RuleSet;
import dev.albc.rules.RuleSetHolder;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rule ConfigMaps through one RuleSetHolder (docs/controller.md "Rules from ConfigMaps"): files named
 * configmap/NAME/KEY, a good version in force and every group enqueued, a refused one reported (log
 * line with file and line, metric) with the last good set kept, a deleted ConfigMap unloaded.
 */
class ConfigMapRulesTest {
  static final String TAG = """
      package house;
      import dev.albc.rules.api.*;

      rule "house tag"
          ruleflow-group "override"
      when
          $g : Group($gscope : scope)
      then
          insert(Setting.byRule($gscope, "tag:house", "yes", Precedence.RULE, drools.getRule().getName()));
      end
      """;

  static final String READS_FILES = """
      package house;
      import dev.albc.rules.api.*;

      rule "reads a file"
          ruleflow-group "override"
      when
          $g : Group()
      then
          boolean b = new java.io.File("/etc/passwd").exists();
      end
      """;

  static V1ConfigMap configMap(String name, Map<String, String> data) {
    return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("kube-system").uid("u-" + name))
        .data(data);
  }

  @Test
  void configMapsAreLoadedReportedAndUnloaded() throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), "info");
    Metrics metrics = new Metrics();
    List<Collection<String>> enqueued = new ArrayList<>();
    ApiClient nowhere = new ApiClient().setBasePath("http://127.0.0.1:9"); // events cannot be recorded: logged
    ConfigMapRulesCheck check = new ConfigMapRulesCheck(ConfigMapRulesCheckTest.SETTINGS, KubeFacts.of(List.of()),
        AccountFactSource.of(List.of()), Duration.ofSeconds(60));
    try (ConfigMapRules rules = new ConfigMapRules(nowhere, "kube-system", List.of(), check, metrics, log,
        () -> List.of("g1", "g2"), enqueued::add)) {
      rules.start(Duration.ofSeconds(10));
      assertThat(rules.runner().rules().sourceNames()).noneMatch(n -> n.startsWith("configmap/"));
      assertThat(metric(metrics, "albc_rules_content_hash ")).isEqualTo("0.0");

      rules.put(configMap("house", Map.of("tag.drl", TAG, "notes.txt", "not a rule")));
      RuleSetHolder.Outcome in = rules.reloadNow();
      assertThat(in.swapped()).as("%s", in.problems()).isTrue();
      RuleSet good = rules.runner().rules();
      assertThat(good.sourceNames()).contains("configmap/house/tag.drl").noneMatch(n -> n.contains("notes.txt"));
      assertThat(enqueued).last().isEqualTo(List.of("g1", "g2"));
      assertThat(metric(metrics, "albc_rules_content_hash ")).isNotEqualTo("0.0");
      String hash = metric(metrics, "albc_rules_content_hash ");

      rules.put(configMap("house", Map.of("tag.drl", READS_FILES)));
      RuleSetHolder.Outcome refused = rules.reloadNow();
      assertThat(refused.failed()).isTrue();
      assertThat(refused.problems()).anyMatch(p -> p.startsWith("configmap/house/tag.drl:"));
      assertThat(rules.runner().rules()).as("the last good rules stay in force").isSameAs(good);
      assertThat(metric(metrics, "albc_rules_content_hash ")).isEqualTo(hash);
      assertThat(metric(metrics, "albc_rules_reload_total{result=\"failure\"} ")).isEqualTo("1.0");
      String out = logged.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("\"level\":\"warn\"")
          .contains("rules rejected, the last good rules stay in force: configmap/house/tag.drl:")
          .contains("event RulesRejected on ConfigMap house not recorded");

      rules.remove(configMap("house", Map.of()));
      assertThat(rules.reloadNow().swapped()).isTrue();
      assertThat(rules.runner().rules().sourceNames()).noneMatch(n -> n.startsWith("configmap/"));
      assertThat(metric(metrics, "albc_rules_content_hash ")).isEqualTo("0.0");
      assertThat(metric(metrics, "albc_rules_reload_total{result=\"success\"} ")).isEqualTo("3.0");
    }
  }

  /**
   * Issue 14: a ConfigMap's rule file is read within the limits of a rule file from a folder (1 MiB,
   * no NUL) and code that cannot end is refused when loaded; each rejects the set, naming the file.
   */
  @Test
  void oversizedRuleFilesAndEndlessCodeAreRejectedWithTheirFile() throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), "info");
    ApiClient nowhere = new ApiClient().setBasePath("http://127.0.0.1:9");
    ConfigMapRulesCheck check = new ConfigMapRulesCheck(ConfigMapRulesCheckTest.SETTINGS, KubeFacts.of(List.of()),
        AccountFactSource.of(List.of()), Duration.ofSeconds(60));
    try (ConfigMapRules rules = new ConfigMapRules(nowhere, "kube-system", List.of(), check, new Metrics(), log,
        List::of, x -> { })) {
      rules.start(Duration.ofSeconds(10));
      RuleSet builtin = rules.runner().rules();
      // at the limit: a comment pads the file to exactly 1 MiB, and it loads
      String padded = TAG + "//" + "x".repeat(1024 * 1024 - TAG.length() - 3) + "\n";
      assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);
      rules.put(configMap("big", Map.of("tag.drl", padded)));
      assertThat(rules.reloadNow().swapped()).isTrue();
      RuleSet good = rules.runner().rules();
      assertThat(good).isNotSameAs(builtin);

      rules.put(configMap("big", Map.of("tag.drl", padded + " ")));
      RuleSetHolder.Outcome big = rules.reloadNow();
      assertThat(big.failed()).isTrue();
      assertThat(big.problems()).containsExactly(
          "configmap/big/tag.drl: the file is past the limit of 1,048,576 bytes per rule file (docs/limits.md)");
      assertThat(rules.runner().rules()).isSameAs(good);

      rules.put(configMap("big", Map.of("tag.drl", TAG.replace("house tag", "house\0tag"))));
      assertThat(rules.reloadNow().problems()).singleElement().asString()
          .startsWith("configmap/big/tag.drl: a NUL character at line 4");

      rules.put(configMap("big", Map.of("tag.drl", TAG.replace("end\n", "end\nfunction int f(int n) { return f(n); }\n"))));
      assertThat(rules.reloadNow().problems()).singleElement().asString()
          .startsWith("configmap/big/tag.drl:11: function f calls itself");
      assertThat(rules.runner().rules()).isSameAs(good);
      assertThat(logged.toString(StandardCharsets.UTF_8)).contains("configmap/big/tag.drl: the file is past the limit");
    }
  }

  /**
   * Issue 14: a ConfigMap whose current version carries the rejected mark (a reconcile hung in it,
   * docs/controller.md "A rule that hangs") is left out and reported once (log, metric); edited — a
   * new content hash — it is checked and loaded again.
   */
  @Test
  void aConfigMapMarkedRejectedIsSkippedUntilItIsEdited() throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), "info");
    Metrics metrics = new Metrics();
    ApiClient nowhere = new ApiClient().setBasePath("http://127.0.0.1:9");
    ConfigMapRulesCheck check = new ConfigMapRulesCheck(ConfigMapRulesCheckTest.SETTINGS, KubeFacts.of(List.of()),
        AccountFactSource.of(List.of()), Duration.ofSeconds(60));
    try (ConfigMapRules rules = new ConfigMapRules(nowhere, "kube-system", List.of(), check, metrics, log,
        List::of, x -> { })) {
      rules.start(Duration.ofSeconds(10));
      V1ConfigMap marked = configMap("house", Map.of("tag.drl", TAG));
      marked.getMetadata().setAnnotations(Map.of(RejectedSources.ANNOTATION,
          RejectedSources.hash(new java.util.TreeMap<>(Map.of("tag.drl", TAG)))));
      rules.put(marked);
      rules.put(configMap("other", Map.of("tag.drl", TAG.replace("package house;", "package other;"))));
      assertThat(rules.reloadNow().swapped()).isTrue();
      assertThat(rules.runner().rules().sourceNames()).contains("configmap/other/tag.drl")
          .doesNotContain("configmap/house/tag.drl");
      assertThat(metric(metrics, "albc_rules_sources_skipped ")).isEqualTo("1.0");
      assertThat(logged.toString(StandardCharsets.UTF_8))
          .containsOnlyOnce("rules skipped: ConfigMap house carries albc.dev/rules-rejected")
          .contains("event RulesSkipped on ConfigMap house not recorded");

      String edited = TAG + "// fixed\n";
      marked.setData(Map.of("tag.drl", edited));
      rules.put(marked);
      assertThat(rules.reloadNow().swapped()).isTrue();
      assertThat(rules.runner().rules().sourceNames()).contains("configmap/house/tag.drl", "configmap/other/tag.drl");
      assertThat(metric(metrics, "albc_rules_sources_skipped ")).isEqualTo("0.0");
    }
  }

  /** The value of the sample line starting with {@code prefix} in the Prometheus text output. */
  static String metric(Metrics metrics, String prefix) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry.scrape());
    return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(prefix)).findFirst()
        .map(l -> l.substring(prefix.length()).strip()).orElse("(none: " + prefix + ")");
  }
}
