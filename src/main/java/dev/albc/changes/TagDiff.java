package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
    TagDiff t = of(desired, o.tags());
    List<Step> steps = new ArrayList<>();
    if (t.isEmpty()) {
      return steps;
    }
    diff.add(t.field());
    if (!t.add().isEmpty()) {
      ObjectNode req = Requests.obj();
      req.putArray("ResourceArns").add(o.id());
      req.set("Tags", Requests.tagList(t.add()));
      steps.add(Step.of("elbv2:AddTags", req));
    }
    if (!t.remove().isEmpty()) {
      ObjectNode req = Requests.obj();
      req.putArray("ResourceArns").add(o.id());
      ArrayNode keys = req.putArray("TagKeys");
      t.remove().forEach(keys::add);
      steps.add(Step.of("elbv2:RemoveTags", req));
    }
    return steps;
  }

  /** The same for an EC2 resource: {@code ec2:CreateTags} and {@code ec2:DeleteTags}. */
  static List<Step> ec2(Map<String, String> desired, ObservedResource o, List<FieldDiff> diff) {
    TagDiff t = of(desired, o.tags());
    List<Step> steps = new ArrayList<>();
    if (t.isEmpty()) {
      return steps;
    }
    diff.add(t.field());
    if (!t.add().isEmpty()) {
      ObjectNode req = Requests.obj();
      req.putArray("Resources").add(o.id());
      req.set("Tags", Requests.tagList(t.add()));
      steps.add(Step.of("ec2:CreateTags", req));
    }
    if (!t.remove().isEmpty()) {
      ObjectNode req = Requests.obj();
      req.putArray("Resources").add(o.id());
      ArrayNode tags = req.putArray("Tags");
      t.remove().forEach(k -> tags.addObject().put("Key", k));
      steps.add(Step.of("ec2:DeleteTags", req));
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
