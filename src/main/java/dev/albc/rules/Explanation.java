package dev.albc.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.albc.rules.api.ChosenSubnets;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.Setting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why each field of each intent has its value, read from the engine's own record of one run: the
 * rule that inserted the intent (a {@link Firing}) and the facts it matched; for a setting, the
 * {@link Effective} value, the {@link Setting} it came from (origin, precedence) and the rule that
 * inserted that setting with the facts it matched, and the settings it won over; for subnets the
 * {@link ChosenSubnets} with the ones left out; for listener-rule priorities the group order in
 * {@link GroupSettings} and each member's {@code group.order}. Nothing here restates what a rule
 * does: change the input and the explanation changes with the record.
 */
public final class Explanation {
  /** One line of an explanation; {@code depth} indents sub-reasons. */
  public record Line(int depth, String text) {}

  /** One field of a resource: its value and why. */
  public record Field(String name, String value, List<Line> because) {}

  /** One resource (intent) of a group. */
  public record Resource(
      String group, String resourceId, String kind, String rule, String ruleAt, List<String> from, List<Field> fields) {}

  /** A group whose error diagnostics stop it, and the rules that raised them. */
  public record Blocked(String group, List<Line> because) {}

  private final List<Resource> resources;
  private final List<Blocked> blocked;
  private final Map<String, List<String>> members;

  Explanation(List<Resource> resources, List<Blocked> blocked, Map<String, List<String>> members) {
    this.resources = List.copyOf(resources);
    this.blocked = List.copyOf(blocked);
    this.members = members;
  }

  public List<Resource> resources() {
    return resources;
  }

  public List<Blocked> blocked() {
    return blocked;
  }

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          .build();

  /**
   * Explains a run's intents (firings must have been recorded).
   *
   * @param groupIds the groups to explain, in order (a plan's groups)
   * @param resource null for every resource, else a ResourceId ({@code 80:3}, {@code LoadBalancer}),
   *     a {@code group/ResourceId}, or a kind ({@code ListenerRule})
   * @param field null for every field, else a field ({@code Priority}, {@code Attributes}, {@code
   *     Attributes.access_logs.s3.prefix}) or a setting name ({@code wafv2-acl-arn})
   */
  public static Explanation of(
      Translation t, RuleIndex index, List<String> groupIds, String resource, String field) {
    return new ExplanationBuilder(t, index).build(groupIds, resource, field);
  }

  static String refText(Object o) {
    return o instanceof dev.albc.intents.Ref r ? r.ref() + " of this plan" : String.valueOf(o);
  }

  static String render(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>(m).toString();
    }
    if (v instanceof dev.albc.rules.api.ListenPortSpec p) {
      return p.protocol() + ":" + p.port();
    }
    if (v instanceof Collection<?> c) {
      return "[" + String.join(", ", c.stream().map(Explanation::render).toList()) + "]";
    }
    if (v instanceof String s) {
      return s;
    }
    return String.valueOf(v);
  }

  static String text(JsonNode n) {
    if (n.isTextual()) {
      return n.asText();
    }
    return n.toString();
  }

  // ---------------------------------------------------------------------------------------------

  /** Human-readable text, group by group. */
  public String text() {
    StringBuilder s = new StringBuilder();
    Set<String> groups = new LinkedHashSet<>();
    resources.forEach(r -> groups.add(r.group()));
    blocked.forEach(b -> groups.add(b.group()));
    for (String g : members.keySet()) {
      if (!groups.contains(g)) {
        continue;
      }
      List<String> ms = members.get(g);
      s.append("Group ").append(g);
      if (!ms.isEmpty()) {
        s.append("  (members in group order: ").append(String.join(", ", ms)).append(')');
      }
      s.append('\n');
      for (Blocked b : blocked) {
        if (b.group().equals(g)) {
          s.append("  BLOCKED by errors: no change would be made\n");
          lines(s, b.because(), 4);
        }
      }
      for (Resource r : resources) {
        if (!r.group().equals(g)) {
          continue;
        }
        s.append("  ").append(ExplanationBuilder.shortKind(r.kind())).append(' ').append(r.resourceId()).append('\n');
        if (r.rule() != null) {
          s.append("    built by rule \"").append(r.rule()).append('"');
          if (r.ruleAt() != null) {
            s.append(" (").append(r.ruleAt()).append(')');
          }
          s.append(", ").append(String.join("; ", r.from())).append('\n');
        }
        for (Field f : r.fields()) {
          s.append("    ").append(f.name()).append(f.value() == null ? "" : " = " + f.value()).append('\n');
          lines(s, f.because(), 6);
        }
      }
      s.append('\n');
    }
    if (resources.isEmpty() && blocked.isEmpty()) {
      s.append("Nothing to explain: no resource matched.\n");
    }
    return s.toString();
  }

  private static void lines(StringBuilder s, List<Line> lines, int indent) {
    for (Line l : lines) {
      s.append(" ".repeat(indent + 2 * l.depth())).append(l.depth() == 0 ? "← " : "").append(l.text()).append('\n');
    }
  }

  /** The same as JSON: {@code {"groups": [{"id", "members", "blocked", "resources": [...]}]}}. */
  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> groups = new ArrayList<>();
    for (String g : members.keySet()) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("id", g);
      gm.put("members", members.get(g));
      for (Blocked b : blocked) {
        if (b.group().equals(g)) {
          gm.put("blocked", b.because());
        }
      }
      List<Resource> rs = resources.stream().filter(r -> r.group().equals(g)).toList();
      if (!rs.isEmpty()) {
        gm.put("resources", rs);
      }
      if (gm.size() > 2) {
        groups.add(gm);
      }
    }
    root.put("groups", groups);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
