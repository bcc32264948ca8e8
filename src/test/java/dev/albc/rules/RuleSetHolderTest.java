package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.rules.api.Setting;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

/**
 * Hot reload, engine side: ten reloads of a changing rule folder; a broken version keeps the
 * previous rules in force; every replaced rule base becomes unreachable.
 */
class RuleSetHolderTest {
  /** A user rule whose setting value says which version is in force. */
  static String version(int n) {
    return """
        package reload;
        import dev.albc.rules.api.*;
        import dev.albc.facts.*;

        // marks the version of the rules in force
        rule "version marker"
            ruleflow-group "override"
        when
            ControllerSettings()
        then
            insert(Setting.byRule("group:reload", "attribute:version", "%d", Precedence.RULE, drools.getRule().getName()));
        end
        """.formatted(n);
  }

  static final String BROKEN = """
      package reload;
      import dev.albc.rules.api.*;

      rule "does not compile"
          ruleflow-group "override"
      when
          Membr()
      then
      end
      """;

  static final String REFUSED = """
      package reload;
      import dev.albc.rules.api.*;

      rule "calls System.exit"
          ruleflow-group "override"
      when
      then
          java.lang.System.exit(3);
      end
      """;

  static String versionInForce(RuleSetHolder h) {
    var t = h.runner().run(List.of(ControllerSettings.defaults("c")), false);
    return t.settings().stream()
        .filter(s -> s.name().equals("attribute:version"))
        .map(Setting::stringValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void tenReloadsKeepTheLastGoodRulesAndReleaseTheOldOnes() throws Exception {
    AtomicReference<String> text = new AtomicReference<>(version(0));
    RuleSetHolder h = new RuleSetHolder(() -> List.of(new RuleSource("reload/version.drl", text.get(), false)));
    List<RuleSetHolder.Outcome> seen = new ArrayList<>();
    h.onReload(seen::add);
    assertThat(h.ready()).isFalse();
    assertThat(h.reloadIfChanged().swapped()).isTrue();
    assertThat(versionInForce(h)).isEqualTo("0");

    List<WeakReference<KieBase>> replaced = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      WeakReference<KieBase> before = new WeakReference<>(h.current().kieBase());
      if (i % 3 == 0) {
        // a broken version: not taken, the previous rules stay in force
        text.set(i % 2 == 0 ? BROKEN : REFUSED);
        RuleSetHolder.Outcome o = h.reloadIfChanged();
        assertThat(o.failed()).as("reload %d", i).isTrue();
        assertThat(h.lastError()).isNotEmpty();
        assertThat(versionInForce(h)).isEqualTo(String.valueOf(i - 1));
        assertThat(h.current().kieBase()).isSameAs(before.get());
        assertThat(h.reloadIfChanged().changed()).as("unchanged broken sources are not recompiled").isFalse();
      }
      text.set(version(i));
      RuleSetHolder.Outcome o = h.reloadIfChanged();
      assertThat(o.swapped()).as("reload %d: %s", i, o.problems()).isTrue();
      assertThat(versionInForce(h)).isEqualTo(String.valueOf(i));
      assertThat(h.lastError()).isEmpty();
      replaced.add(before);
    }
    assertThat(h.reloadIfChanged().changed()).isFalse();
    assertThat(h.generation()).isEqualTo(11);
    assertThat(seen).hasSize(11 + 3);

    KieBase inForce = h.current().kieBase();
    for (int round = 0; round < 50 && replaced.stream().anyMatch(r -> r.get() != null); round++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(replaced).as("every replaced rule base is unreachable").allSatisfy(r -> assertThat(r.get()).isNull());
    assertThat(h.current().kieBase()).isSameAs(inForce);
  }

  @Test
  void theWatcherReloadsWhenTheSourcesChange() throws Exception {
    AtomicReference<String> text = new AtomicReference<>(version(1));
    try (RuleSetHolder h = new RuleSetHolder(() -> List.of(new RuleSource("reload/version.drl", text.get(), false)))) {
      h.reload();
      h.watch(java.time.Duration.ofMillis(50));
      text.set(version(2));
      for (int i = 0; i < 400 && h.generation() < 2; i++) {
        Thread.sleep(25);
      }
      assertThat(h.generation()).isEqualTo(2);
      assertThat(versionInForce(h)).isEqualTo("2");
    }
  }

  @Test
  void noRuleSetBeforeTheFirstGoodLoad() {
    RuleSetHolder h = new RuleSetHolder(() -> List.of(new RuleSource("reload/broken.drl", BROKEN, false)));
    RuleSetHolder.Outcome o = h.reload();
    assertThat(o.failed()).isTrue();
    assertThat(h.ready()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(h::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reload/broken.drl")
        .hasMessageContaining("Membr");
  }
}
