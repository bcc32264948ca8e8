package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.SettingNames.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry of setting names ({@link SettingNames}) kept complete over the built-in rules: every
 * setting name the DRL inserts or matches is accepted by its scope's kind, and every registered name
 * or prefix appears in the DRL or its helpers (so none is stale) and in the documented table. The
 * golden plans (GoldenPlansTest, every example and case) add the check at run time: a built-in
 * setting missing here would be an error in them.
 */
class SettingNamesTest {
  static final Path DRL = Path.of("src/main/resources/rules");
  static final Path LIB = Path.of("src/main/java/dev/albc/rules");

  static String all(Path dir, String ext) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(ext)).sorted().toList()) {
        if (!p.getFileName().toString().equals("SettingNames.java")) {
          sb.append(Files.readString(p)).append('\n');
        }
      }
    }
    return sb.toString();
  }

  record Use(Kind kind, String name) {}

  /** The (kind, name) of every setting the DRL inserts: by the scope written before the name. */
  static List<Use> inserted(String drl) {
    List<Use> out = new ArrayList<>();
    Matcher m = Pattern.compile("Scopes\\.(group|ingress)\\([^()]*(?:\\([^()]*\\))*[^()]*\\),\\s*\"([^\"]+)\"").matcher(drl);
    while (m.find()) {
      out.add(new Use(m.group(1).equals("group") ? Kind.GROUP : Kind.INGRESS, m.group(2)));
    }
    m = Pattern.compile("\\$b\\.scope\\(\\),\\s*\"([^\"]+)\"").matcher(drl);
    while (m.find()) {
      out.add(new Use(Kind.TARGET_GROUP, m.group(1)));
    }
    m = Pattern.compile("TargetGroupSettings\\.(?:setting|params|perKey)\\(.*,\\s*\"([^\"]+)\"\\)\\)").matcher(drl);
    while (m.find()) {
      out.add(new Use(Kind.TARGET_GROUP, m.group(1)));
    }
    return out;
  }

  static boolean accepts(Kind k, String nameOrPrefix) {
    return k.accepts(nameOrPrefix) || k.prefixes().contains(nameOrPrefix);
  }

  @Test
  void everySettingTheBuiltInRulesInsertIsRegisteredForItsScope() throws IOException {
    List<Use> uses = inserted(all(DRL, ".drl"));
    assertThat(uses).as("the patterns find the built-in settings").hasSizeGreaterThan(40);
    assertThat(uses).allSatisfy(u -> assertThat(accepts(u.kind(), u.name())).as(u.toString()).isTrue());
  }

  @Test
  void everyNameTheDrlMatchesIsRegistered() throws IOException {
    Matcher m = Pattern.compile("name == \"([^\"]+)\"").matcher(all(DRL, ".drl"));
    int n = 0;
    while (m.find()) {
      String name = m.group(1);
      assertThat(Stream.of(Kind.values()).anyMatch(k -> k.accepts(name))).as(name).isTrue();
      n++;
    }
    assertThat(n).isGreaterThan(10);
  }

  @Test
  void everyRegisteredNameIsUsedByTheBuiltInRulesAndDocumented() throws IOException {
    String source = all(DRL, ".drl") + all(LIB, ".java");
    String doc = Files.readString(Path.of("docs/rule-authoring.md"));
    for (Kind k : Kind.values()) {
      for (String name : k.names()) {
        assertThat(source).as(k + " " + name).contains("\"" + name + "\"");
        assertThat(doc).as("docs/rule-authoring.md names " + name).contains("`" + name + "`");
      }
      for (String p : k.prefixes()) {
        assertThat(source).as(k + " " + p).contains("\"" + p + "\"");
      }
    }
  }

  @Test
  void problemsSayWhyWithDidYouMean() {
    assertThat(SettingNames.problem("tg:a/b:a/b-c:80", "healthcheck-path")).isNull();
    assertThat(SettingNames.problem("tg:a/b:a/b-c:80", "tag:team")).isNull();
    assertThat(SettingNames.problem("tg:a/b:a/b-c:80", "user:x")).isNull();
    assertThat(SettingNames.problem("tg:a/b:a/b-c:80", "health-check-path"))
        .contains("did you mean \"healthcheck-path\"");
    assertThat(SettingNames.problem("tg:a/b:a/b-c:80", "tag:")).contains("no rule reads");
    assertThat(SettingNames.problem("tg:a/b:a/b-c:80", "attribute:stickiness.enabled"))
        .contains("target-group-attributes");
    assertThat(SettingNames.problem("group:a/b", "tags:team")).contains("did you mean \"tag:team\"");
    assertThat(SettingNames.problem("group:a/b", "healthcheck-path")).contains("the settings of a group are scheme");
    assertThat(SettingNames.problem("listener:a/b:443", "ssl-policy")).contains("settings of the Ingress");
    assertThat(SettingNames.problem("grp:a/b", "scheme")).contains("none of group:<groupId>");
  }
}
