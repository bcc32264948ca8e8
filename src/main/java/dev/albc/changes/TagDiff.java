package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Tags compared key by key (docs/apply.md, "The planner"): tags to add or change, and tag keys to
 * remove; {@code aws:} keys are never touched.
 */
record TagDiff(Map<String, String> add, List<String> remove, Map<String, String> from, Map<String, String> to) {

  static TagDiff of(Map<String, String> desired, Map<String, String> observed) {
    Map<String, String> want = desired == null ? Map.of() : desired;
    Map<String, String> add = new TreeMap<>();
    want.forEach((k, v) -> {
      if (!Objects.equals(observed.get(k), v)) {
        add.put(k, v);
      }
    });
    List<String> remove = new ArrayList<>();
    new TreeMap<>(observed).forEach((k, v) -> {
      if (!want.containsKey(k) && !k.startsWith("aws:")) {
        remove.add(k);
      }
    });
    return new TagDiff(add, remove, observed, want);
  }

  /**
   * {@code elbv2:AddTags} and {@code elbv2:RemoveTags} that bring {@code o}'s tags to {@code
   * desired}; a {@code Tags} entry is added to {@code diff} when they differ.
   */
  static List<Step> elbv2(Map<String, String> desired, ObservedResource o, List<FieldDiff> diff) {
    return steps(of(desired, o.tags()), diff, "elbv2:AddTags", "elbv2:RemoveTags", "ResourceArns", o.id(),
        (req, keys) -> {
          ArrayNode a = req.putArray("TagKeys");
          keys.forEach(a::add);
        });
  }

  /** The same for an EC2 resource: {@code ec2:CreateTags} and {@code ec2:DeleteTags}. */
  static List<Step> ec2(Map<String, String> desired, ObservedResource o, List<FieldDiff> diff) {
    return steps(of(desired, o.tags()), diff, "ec2:CreateTags", "ec2:DeleteTags", "Resources", o.id(),
        (req, keys) -> {
          ArrayNode a = req.putArray("Tags");
          keys.forEach(k -> a.addObject().put("Key", k));
        });
  }

  /** The two calls of one API, which differ in their member names and in how keys are removed. */
  private static List<Step> steps(TagDiff t, List<FieldDiff> diff, String addCall, String removeCall,
      String resourcesMember, String resource, BiConsumer<ObjectNode, List<String>> removedKeys) {
    List<Step> steps = new ArrayList<>();
    if (t.isEmpty()) {
      return steps;
    }
    diff.add(t.field());
    if (!t.add().isEmpty()) {
      ObjectNode req = Requests.obj();
      req.putArray(resourcesMember).add(resource);
      req.set("Tags", Requests.tagList(t.add()));
      steps.add(Step.of(addCall, req));
    }
    if (!t.remove().isEmpty()) {
      ObjectNode req = Requests.obj();
      req.putArray(resourcesMember).add(resource);
      removedKeys.accept(req, t.remove());
      steps.add(Step.of(removeCall, req));
    }
    return steps;
  }

  boolean isEmpty() {
    return add.isEmpty() && remove.isEmpty();
  }

  /** {@code Tags}: the changed and removed {@code key=value}s in AWS, the wanted ones. */
  FieldDiff field() {
    List<String> fromParts = new ArrayList<>();
    List<String> toParts = new ArrayList<>();
    add.forEach((k, v) -> {
      if (from.containsKey(k)) {
        fromParts.add(k + "=" + from.get(k));
      }
      toParts.add(k + "=" + v);
    });
    remove.forEach(k -> fromParts.add(k + "=" + from.get(k)));
    return new FieldDiff("Tags", String.join(",", fromParts), String.join(",", toParts));
  }
}
