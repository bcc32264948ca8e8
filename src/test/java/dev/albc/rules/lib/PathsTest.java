package dev.albc.rules.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Path order and patterns; cases from the reference's model_build_listener_rules_test.go. */
class PathsTest {
  record P(String path, String type) {}

  static List<String> sorted(P... paths) {
    return Paths.sort(List.of(paths), P::type, P::path).stream().map(p -> p.type() + " " + p.path()).toList();
  }

  @Test
  void prefixPathsGoLongestFirst() {
    assertThat(sorted(new P("/abc", "Prefix"), new P("/example", "Prefix"), new P("/tea", "Prefix")))
        .containsExactly("Prefix /example", "Prefix /abc", "Prefix /tea");
  }

  @Test
  void exactPathsFirstThenPrefixByLength() {
    assertThat(sorted(new P("/abc", "Prefix"), new P("/aaa", "Exact"), new P("/aaa/bbb", "Prefix"),
        new P("/abc/abc/abc", "Prefix")))
        .containsExactly("Exact /aaa", "Prefix /abc/abc/abc", "Prefix /aaa/bbb", "Prefix /abc");
  }

  @Test
  void implementationSpecificAndUnsetKeepTheirOrderAfterPrefix() {
    assertThat(sorted(new P("/b", "ImplementationSpecific"), new P("/ccc", null), new P("/aaa", "Prefix"),
        new P("/example", "Prefix"), new P("/test", "Exact")))
        .containsExactly("Exact /test", "Prefix /example", "Prefix /aaa", "ImplementationSpecific /b", "null /ccc");
  }

  @Test
  void unknownTypesAreLeftOut() {
    assertThat(sorted(new P("/abc", "Prefix"), new P("/ccc", "xyz"))).containsExactly("Prefix /abc");
    assertThat(Paths.knownType("xyz")).isFalse();
    assertThat(Paths.knownType(null)).isTrue();
  }

  @Test
  void prefixPatterns() {
    assertThat(Paths.patterns("/", "Prefix", false).values()).containsExactly("/*");
    assertThat(Paths.patterns("/abc", "Prefix", false).values()).containsExactly("/abc", "/abc/*");
    assertThat(Paths.patterns("/abc/", "Prefix", false).values()).containsExactly("/abc", "/abc/*");
    assertThat(Paths.patterns("/abc/def/", "Prefix", false).values()).containsExactly("/abc/def", "/abc/def/*");
    assertThat(Paths.patterns("/*", "Prefix", false).error()).isEqualTo("prefix path shouldn't contain wildcards: /*");
    assertThat(Paths.patterns("/?", "Prefix", false).error()).isEqualTo("prefix path shouldn't contain wildcards: /?");
  }

  @Test
  void exactPatterns() {
    assertThat(Paths.patterns("/", "Exact", false).values()).containsExactly("/");
    assertThat(Paths.patterns("/abc/", "Exact", false).values()).containsExactly("/abc/");
    assertThat(Paths.patterns("/*", "Exact", false).error()).isEqualTo("exact path shouldn't contain wildcards: /*");
    assertThat(Paths.patterns("/?", "Exact", false).error()).isEqualTo("exact path shouldn't contain wildcards: /?");
  }

  @Test
  void implementationSpecificPatterns() {
    assertThat(Paths.patterns("/*", null, false).values()).containsExactly("/*");
    assertThat(Paths.patterns("/abc/", "ImplementationSpecific", false).values()).containsExactly("/abc/");
    assertThat(Paths.patterns("/?", "ImplementationSpecific", false).values()).containsExactly("/?");
    Paths.Patterns regex = Paths.patterns("/^/api/.+$", "ImplementationSpecific", true);
    assertThat(regex.values()).isEmpty();
    assertThat(regex.regexValues()).containsExactly("^/api/.+$");
    // use-regex-path-match only affects ImplementationSpecific paths
    assertThat(Paths.patterns("/abc", "Prefix", true).values()).containsExactly("/abc", "/abc/*");
  }

  @Test
  void unknownTypePattern() {
    assertThat(Paths.patterns("/abc/", "unknown", false).error()).isEqualTo("unsupported pathType: unknown");
  }
}
