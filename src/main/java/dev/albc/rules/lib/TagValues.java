package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;
import dev.albc.rules.api.Tags;
import java.util.Map;

/** Helpers for tags.drl. */
public final class TagValues {
  private TagValues() {}

  /** The tags annotation: a string map whose keys are not the tracking keys. */
  public static Values.Result userTags(String raw) {
    Values.Result r = Values.stringMap(raw);
    if (!r.ok()) {
      return r;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> m = (Map<String, String>) r.value();
    for (String k : m.keySet()) {
      Values.Result one = userTag(k, m.get(k));
      if (!one.ok()) {
        return one;
      }
    }
    return r;
  }

  public static Values.Result userTag(String key, String value) {
    if (Tags.isTrackingKey(key)) {
      return new Values.Result(null, "tag key " + key + " is reserved for albc's tracking tags",
          "tag keys other than " + Tags.CLUSTER + ", " + Tags.STACK + ", " + Tags.RESOURCE);
    }
    if (key.startsWith("aws:")) {
      return new Values.Result(null, "tag key " + key + " uses the reserved aws: prefix", "tag keys without the aws: prefix");
    }
    return new Values.Result(value, null, null);
  }

  public static Setting defaultTag(ControllerSettings cfg, String scope, String key, String value) {
    int p = cfg.gate("EnableDefaultTagsLowPriority") ? Precedence.FLAG : Precedence.DEFAULT_TAGS;
    return Setting.of(scope, Tags.setting(key), value, Source.FLAG, p, "flag --default-tags");
  }
}
