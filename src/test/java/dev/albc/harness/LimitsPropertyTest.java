package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.desired.DesiredJson;
import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 item 5: values generated near and past each limit (a seeded generator, so every run
 * tests the same values), each on its own Ingress (its own group) of one plan. For every value: no
 * exception; an invalid value gives an error naming its annotation, a valid one no error; the same
 * input plans to the same JSON. Which values are valid comes from {@link #SPECS}, written from the
 * AWS documentation each row cites — never from albc's own table (rules/lib/AwsLimits.java).
 */
class LimitsPropertyTest {
  static final String A = "alb.ingress.kubernetes.io/";
  static final String HEALTH = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html";
  static final String MATCHER = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html";
  static final String LB_ATTR = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html";
  static final String TG_ATTR = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html";
  static final String TG = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html";

  /**
   * How a value is read. GO_INT: the reference parses it (Go strconv.ParseInt: an optional sign and
   * ASCII digits). AWS_TEXT: sent to AWS as text, ASCII digits only. MAP_VALUE: a value of a
   * key=value annotation, whose values the reference trims, then sent to AWS as text.
   */
  enum Syntax { GO_INT, AWS_TEXT, MAP_VALUE }

  /** One row: the annotation (a key=value prefix for maps), AWS's range, other annotations it needs, the page. */
  record Spec(String annotation, String mapKey, long min, long max, Syntax syntax, String with, String doc) {
    @Override
    public String toString() {
      return annotation + (mapKey == null ? "" : " " + mapKey) + " " + min + "-" + max;
    }
  }

  static final List<Spec> SPECS = List.of(
      // Interval 5-300 s; the timeout is set to 2 so that "timeout < interval" holds for every valid interval.
      new Spec("healthcheck-interval-seconds", null, 5, 300, Syntax.GO_INT, A + "healthcheck-timeout-seconds: \"2\"", HEALTH),
      new Spec("healthcheck-timeout-seconds", null, 2, 120, Syntax.GO_INT, A + "healthcheck-interval-seconds: \"300\"", HEALTH),
      new Spec("healthy-threshold-count", null, 2, 10, Syntax.GO_INT, "", HEALTH),
      new Spec("unhealthy-threshold-count", null, 2, 10, Syntax.GO_INT, "", HEALTH),
      new Spec("healthcheck-port", null, 1, 65535, Syntax.AWS_TEXT, "", TG),
      new Spec("success-codes", null, 200, 499, Syntax.AWS_TEXT, "", MATCHER),
      new Spec("load-balancer-attributes", "idle_timeout.timeout_seconds", 1, 4000, Syntax.MAP_VALUE, "", LB_ATTR),
      new Spec("target-group-attributes", "deregistration_delay.timeout_seconds", 0, 3600, Syntax.MAP_VALUE, "", TG_ATTR),
      new Spec("target-group-attributes", "stickiness.lb_cookie.duration_seconds", 1, 604800, Syntax.MAP_VALUE, "", TG_ATTR));

  static Stream<Spec> specs() {
    return SPECS.stream();
  }

  /** Whether AWS (and the reference's parsing before it) accepts the text, by the row's syntax and range. */
  static boolean valid(Spec s, String text) {
    String t = s.syntax() == Syntax.MAP_VALUE ? text.strip() : text;
    if (s.annotation().equals("success-codes") && (t.contains(",") || t.indexOf('-') > 0)) {
      return successCodesValid(s, t);
    }
    String digits = s.syntax() == Syntax.GO_INT ? "[+-]?[0-9]+" : "[0-9]+";
    if (!t.matches(digits)) {
      return false;
    }
    BigInteger v = new BigInteger(t);
    return v.compareTo(BigInteger.valueOf(s.min())) >= 0 && v.compareTo(BigInteger.valueOf(s.max())) <= 0;
  }

  /** AWS's Matcher: codes separated by commas, or a range low-high, each within the row's range. */
  static boolean successCodesValid(Spec s, String t) {
    for (String item : t.split(",", -1)) {
      String[] r = item.split("-", -1);
      if (r.length > 2) {
        return false;
      }
      for (String code : r) {
        if (!code.matches("[0-9]+") || !valid(new Spec(s.annotation(), null, s.min(), s.max(), Syntax.AWS_TEXT, "", s.doc()), code)) {
          return false;
        }
      }
      if (r.length == 2 && new BigInteger(r[0]).compareTo(new BigInteger(r[1])) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Values at, around and far past the row's limits, and malformed spellings of valid ones. */
  static List<String> values(Spec s, Random random) {
    Set<String> out = new LinkedHashSet<>();
    long[] near = {s.min() - 1, s.min(), s.min() + 1, s.max() - 1, s.max(), s.max() + 1, 0, -1, -5, s.max() * 10,
        1L << 31, Long.MAX_VALUE};
    for (long n : near) {
      out.add(Long.toString(n));
    }
    out.add("100000000000000000000");
    for (int i = 0; i < 6; i++) {
      out.add(Long.toString(s.min() - 10 + (long) (random.nextDouble() * (s.max() - s.min() + 20))));
    }
    String ok = Long.toString(s.min() + (long) (random.nextDouble() * (s.max() - s.min())));
    out.add(fullWidth(ok));
    out.add("\u0663");
    out.add(" " + ok);
    out.add(ok + " ");
    out.add(ok + "x");
    out.add(ok + ".0");
    out.add("+" + ok);
    out.add("");
    out.add("abc");
    out.add("1e2");
    out.add("0x1F");
    if (s.annotation().equals("success-codes")) {
      out.addAll(List.of("200-299", "299-200", "200,404", "199,200", "200-500", "200,,404", "200-300-400", "-5"));
    }
    return new ArrayList<>(out);
  }

  static String fullWidth(String digits) {
    StringBuilder b = new StringBuilder();
    digits.chars().forEach(c -> b.append(Character.isDigit(c) ? (char) ('\uFF10' + (c - '0')) : (char) c));
    return b.toString();
  }

  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @MethodSource("specs")
  void everyInvalidValueIsAnErrorNamingItsAnnotationAndEveryValidOneIsPlanned(Spec s) throws JsonProcessingException {
    List<String> values = values(s, new Random(14L * 31 + s.toString().hashCode()));
    StringBuilder manifests = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String raw = s.mapKey() == null ? values.get(i) : s.mapKey() + "=" + values.get(i);
      String with = s.with().isEmpty() ? "" : ", " + s.with();
      manifests.append(LimitPlans.ingress("v" + i, A + s.annotation() + ": " + JSON.writeValueAsString(raw) + with));
    }
    DesiredState plan = LimitPlans.plan(manifests.toString());
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      List<DesiredDiagnostic> errors =
          LimitPlans.diagnostics(plan, "demo/v" + i).stream().filter(DesiredDiagnostic::isError).toList();
      if (valid(s, v)) {
        assertThat(errors).as("%s: \"%s\" is valid per %s", s, v, s.doc()).isEmpty();
      } else {
        assertThat(errors).as("%s: \"%s\" is invalid per %s", s, v, s.doc())
            .anyMatch(d -> d.field().equals(A + s.annotation()));
      }
    }
    assertThat(DesiredJson.json(LimitPlans.plan(manifests.toString()))).as("the same input, the same plan")
        .isEqualTo(DesiredJson.json(plan));
  }
}
