package dev.albc.changes;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** One member that differs: its name, the value in AWS, the wanted value. */
@JsonPropertyOrder({"field", "from", "to"})
public record FieldDiff(String field, String from, String to) {

  /** A short reason from diffs: {@code HealthCheckPath /healthz → /ready; tags differ}. */
  public static String describe(List<FieldDiff> diff) {
    List<String> parts = new ArrayList<>();
    for (FieldDiff d : diff) {
      if (d.field().equals("Tags")) {
        parts.add("tags differ");
      } else {
        parts.add(d.field() + " " + d.from() + " → " + d.to());
      }
    }
    return String.join("; ", parts);
  }
}
