package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.RuleSource;
import dev.albc.rules.RuleTimeoutException;
import dev.albc.rules.api.Names;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, a reconcile that hangs in user rule code (docs/controller.md "A rule that hangs"): the
 * mark is the content hash of the source's version, so the version marked is skipped and an edited
 * one is not; the timeout's files are traced to their ConfigMap or folder file.
 */
class RejectedSourcesTest {
  static final TreeMap<String, String> FILES = new TreeMap<>(Map.of("a.drl", "package a;", "b.drl", "package b;"));

  @Test
  void theHashIsTheDrlKeysAndTextsInKeyOrder() {
    assertThat(RejectedSources.hash(FILES)).isEqualTo(Names.sha256("a.drl\0package a;\0b.drl\0package b;\0"))
        .hasSize(64);
    assertThat(RejectedSources.hash(new TreeMap<>(Map.of("a.drl", "package a; ", "b.drl", "package b;"))))
        .as("a changed text").isNotEqualTo(RejectedSources.hash(FILES));
    assertThat(RejectedSources.hash(new TreeMap<>(Map.of("c.drl", "package a;", "b.drl", "package b;"))))
        .as("a renamed key").isNotEqualTo(RejectedSources.hash(FILES));
  }

  @Test
  void onlyTheVersionMarkedIsSkipped() {
    V1ObjectMeta marked = new V1ObjectMeta().name("house")
        .annotations(Map.of(RejectedSources.ANNOTATION, RejectedSources.hash(FILES) + "\n"));
    assertThat(RejectedSources.marked(marked, FILES)).isTrue();
    TreeMap<String, String> edited = new TreeMap<>(FILES);
    edited.put("b.drl", "package b; // fixed");
    assertThat(RejectedSources.marked(marked, edited)).as("an edited ConfigMap is tried again").isFalse();
    assertThat(RejectedSources.marked(new V1ObjectMeta().name("house"), FILES)).isFalse();
    assertThat(RejectedSources.marked(new V1ObjectMeta().name("house")
        .annotations(Map.of(RejectedSources.ANNOTATION, "not-a-hash")), FILES)).isFalse();
  }

  @Test
  void folderFilesAreRecordedByNameAndText() {
    RuleSource spin = new RuleSource("/etc/albc/rules/house/spin.drl", "package house;", false);
    RuleSource other = new RuleSource("/etc/albc/rules/house/tag.drl", "package house; // tag", false);
    assertThat(RejectedSources.recordKey(spin.name())).isEqualTo("_etc_albc_rules_house_spin.drl");
    Map<String, String> record = Map.of(RejectedSources.recordKey(spin.name()), Names.sha256(spin.text()));
    List<String> skipped = new ArrayList<>();
    assertThat(RejectedSources.withoutRecorded(List.of(spin, other), record, skipped)).containsExactly(other);
    assertThat(skipped).containsExactly(spin.name());
    RuleSource edited = new RuleSource(spin.name(), "package house; // fixed", false);
    assertThat(RejectedSources.recorded(record, edited)).isFalse();
    assertThat(RejectedSources.recordKey("x".repeat(300))).hasSize(253);
  }

  @Test
  void aTimeoutIsTracedToItsConfigMapOrFolderFile() {
    List<RuleSource> sources = List.of(
        new RuleSource("configmap/house/spin.drl", "package house;", false),
        new RuleSource("configmap/house/tag.drl", "package house; // tag", false),
        new RuleSource("/rules/local.drl", "package local;", false));
    assertThat(RejectedSources.configMapOf("configmap/house/spin.drl")).isEqualTo("house");
    assertThat(RejectedSources.configMapOf("/rules/local.drl")).isNull();
    assertThat(RejectedSources.filesOf("house", sources))
        .containsExactly(Map.entry("spin.drl", "package house;"), Map.entry("tag.drl", "package house; // tag"));

    RulesHang.Blame b = RulesHang.blame(timeout(List.of("configmap/house/spin.drl", "/rules/local.drl"), sources));
    assertThat(b.configMaps()).containsExactly("house");
    assertThat(b.dirFiles()).extracting(RuleSource::name).containsExactly("/rules/local.drl");
    assertThat(RulesHang.blame(timeout(List.of(), sources)).isEmpty()).isTrue();
  }

  /** Nothing to blame: no exit; a ConfigMap to blame: an exit, even when the mark cannot be written (logged). */
  @Test
  void theHandlerExitsOnlyWhenAUserSourceIsBlamed() {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), "info");
    ApiClient nowhere = new ApiClient().setBasePath("http://127.0.0.1:9");
    ConfigMapRulesCheck check = new ConfigMapRulesCheck(ConfigMapRulesCheckTest.SETTINGS,
        dev.albc.live.KubeFacts.of(List.of()), dev.albc.live.AccountFactSource.of(List.of()), Duration.ofSeconds(60));
    try (ConfigMapRules rules = new ConfigMapRules(nowhere, "kube-system", List.of(), check, new Metrics(), log,
        List::of, x -> { })) {
      RulesHang hang = new RulesHang(rules, log);
      List<RuleSource> sources = List.of(new RuleSource("configmap/house/spin.drl", "package house;", false));
      assertThat(hang.handle("web", timeout(List.of(), sources))).isFalse();
      assertThat(hang.handle("web", timeout(List.of("configmap/house/spin.drl"), sources))).isTrue();
      String out = logged.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("in no user rule file").contains("retried with backoff")
          .contains("a reconcile of group web ran past the rule time budget of 1 s")
          .contains("this version of ConfigMap house (content "
              + RejectedSources.hash(new TreeMap<>(Map.of("spin.drl", "package house;"))).substring(0, 12))
          .contains("recording the rejected rules on ConfigMap house failed");
    }
  }

  static RuleTimeoutException timeout(List<String> files, List<RuleSource> sources) {
    return new RuleTimeoutException("the rules ran past the time budget of 1 s", null, Duration.ofSeconds(1), files,
        sources);
  }
}
