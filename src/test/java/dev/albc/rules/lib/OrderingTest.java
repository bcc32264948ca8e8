package dev.albc.rules.lib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.intents.Action;
import dev.albc.intents.RuleCondition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Member order and the rule optimizer; cases from the reference's rule_optimizer_test.go. */
class OrderingTest {
  record R(List<RuleCondition> conditions, List<Action> actions) implements Ordering.Candidate {}

  static RuleCondition paths(String... v) {
    return RuleCondition.pathPattern(List.of(v), null);
  }

  static RuleCondition regexPaths(String... v) {
    return RuleCondition.pathPattern(null, List.of(v));
  }

  static RuleCondition hosts(String... v) {
    return RuleCondition.hostHeader(List.of(v), null);
  }

  static Action redirect(String host, String path, String port, String protocol, String query) {
    return Action.redirect(new Action.RedirectConfig(protocol, port, host, path, query, "HTTP_301"));
  }

  static final List<RuleCondition> WWW_APP = List.of(hosts("www.example.com", "app.example.com"), paths("/www", "/app"));

  @Test
  void membersByGroupOrderThenName() {
    assertThat(Ordering.members(Set.of("ns/b", "ns/a", "ns/c"), Map.of("ns/c", -1, "ns/a", 5)))
        .containsExactly("ns/c", "ns/b", "ns/a");
  }

  @Test
  void infiniteRedirects() {
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect(null, null, null, null, null))))).isTrue();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP,
        List.of(redirect("#{host}", "/#{path}", "#{port}", "#{protocol}", "#{query}"))))).isTrue();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect("app.example.com", null, null, null, null))))).isTrue();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect("home.example.com", null, null, null, null))))).isFalse();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect(null, "/app", null, null, null))))).isTrue();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect(null, "/home", null, null, null))))).isFalse();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect(null, null, "443", null, null))))).isTrue();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect(null, null, "80", null, null))))).isFalse();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(WWW_APP, List.of(redirect(null, null, null, "HTTPS", null))))).isTrue();
    assertThat(Ordering.isInfiniteRedirect(80, "HTTPS", new R(WWW_APP, List.of(redirect(null, null, null, "HTTP", null))))).isFalse();
    assertThat(Ordering.isInfiniteRedirect(80, "HTTPS", new R(WWW_APP, List.of(redirect(null, null, null, null, "a=b"))))).isFalse();
    assertThat(Ordering.isInfiniteRedirect(443, "HTTPS", new R(
        List.of(hosts("www.example.com", "app.example.com"), regexPaths("^/specific/path$")),
        List.of(redirect(null, null, null, null, null))))).isFalse();
  }

  @Test
  void supersets() {
    assertThat(Ordering.isSuperset(List.of(hosts("www.example.com", "app.example.com")), List.of(hosts("app.example.com")))).isTrue();
    assertThat(Ordering.isSuperset(List.of(hosts("www.example.com", "app.example.com")), List.of(hosts("home.example.com")))).isFalse();
    assertThat(Ordering.isSuperset(List.of(hosts("www.example.com", "app.example.com")),
        List.of(RuleCondition.sourceIp(List.of("192.168.0.0/16"))))).isFalse();
    assertThat(Ordering.isSuperset(List.of(paths("/www", "/app")), List.of(paths("/app")))).isTrue();
    assertThat(Ordering.isSuperset(List.of(paths("/www", "/app")), List.of(paths("/home")))).isFalse();
    assertThat(Ordering.isSuperset(List.of(paths("/www", "/*")), List.of(paths("/home")))).isTrue();
    assertThat(Ordering.isSuperset(WWW_APP, List.of(hosts("app.example.com"), paths("/app")))).isTrue();
    assertThat(Ordering.isSuperset(WWW_APP, List.of(hosts("app.example.com"), paths("/home")))).isFalse();
    assertThat(Ordering.isSuperset(WWW_APP, List.of(hosts("home.example.com"), paths("/app")))).isFalse();
    // regex paths cover only identical regex paths
    assertThat(Ordering.isSuperset(List.of(regexPaths("^/w/(custom_pin_code|form|survey)/?$"), hosts("a.example.com")),
        List.of(regexPaths("^/(w/(survey|form|custom_pin_code)|sos/packages/embed-button)/.*"), hosts("a.example.com")))).isFalse();
    assertThat(Ordering.isSuperset(List.of(regexPaths("^/(sos/packages/embed-button)/.*$"), hosts("a.example.com")),
        List.of(regexPaths("^/(sos/packages/embed-button)/.*$"), hosts("a.example.com")))).isTrue();
    assertThat(Ordering.isSuperset(List.of(regexPaths("^/.*$"), hosts("a.example.com")),
        List.of(regexPaths("^/specific/path$"), hosts("a.example.com")))).isFalse();
  }

  @Test
  void optimizeDropsLoopsAndShadowedRules() {
    R loop = new R(List.of(paths("/*")), List.of(redirect(null, null, null, null, null)));
    R www = new R(List.of(paths("/www")), List.of(redirect(null, "/app", null, null, null)));
    R app = new R(List.of(paths("/app")), List.of(Action.fixedResponse(null, "200", null)));
    assertThat(Ordering.optimize(443, "HTTPS", List.of(www, loop, app))).containsExactly(www, app);

    R home = new R(List.of(paths("/*")), List.of(redirect("home.example.com", null, null, null, null)));
    assertThat(Ordering.optimize(443, "HTTPS", List.of(www, home, app))).containsExactly(www, home);
  }

  @Test
  void optimizeKeepsRulesWithOtherConditions() {
    RuleCondition host = hosts("a.example.com");
    R v1 = new R(List.of(host, paths("/api"), RuleCondition.queryString(List.of(Map.of("Key", "version", "Value", "v1")))),
        List.of(redirect("api-v1.example.com", null, null, null, null)));
    R v2 = new R(List.of(host, paths("/api"), RuleCondition.queryString(List.of(Map.of("Key", "version", "Value", "v2")))),
        List.of(redirect("api-v2.example.com", null, null, null, null)));
    assertThat(Ordering.optimize(443, "HTTPS", List.of(v1, v2))).containsExactly(v1, v2);

    R catchAll = new R(List.of(host, regexPaths("^/.*$")), List.of(redirect("default.example.com", "/#{path}", null, null, null)));
    R api = new R(List.of(host, regexPaths("^/api/.*")), List.of(Action.fixedResponse(null, "404", "Not found")));
    assertThat(Ordering.optimize(443, "HTTPS", List.of(catchAll, api))).containsExactly(catchAll, api);

    R same1 = new R(List.of(host, regexPaths("^/(sos/packages/embed-button)/.*$")), List.of(redirect("b.example.com", "/#{path}", null, null, null)));
    R same2 = new R(List.of(host, regexPaths("^/(sos/packages/embed-button)/.*$")), List.of(Action.fixedResponse(null, "403", "403 permission denied")));
    assertThat(Ordering.optimize(443, "HTTPS", List.of(same1, same2))).containsExactly(same1);
  }
}
