package dev.albc.rules;

import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.Lookup;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Setting;
import dev.albc.intents.Intent;
import java.util.List;

/**
 * What one run of the rules produced; {@code lookups} is what they needed from the AWS account and
 * the facts lacked (sorted, distinct).
 */
public record Translation(
    List<Group> groups,
    List<Member> members,
    List<Setting> settings,
    List<Effective> effective,
    List<Diagnostic> diagnostics,
    List<Intent> intents,
    List<Firing> firings,
    List<Lookup> lookups) {

  /** Compact form: lookups sorted by kind, name, object and field, without duplicates. */
  public Translation {
    lookups = lookups == null ? List.of() : lookups.stream().distinct()
        .sorted(java.util.Comparator.comparing(Lookup::kind).thenComparing(Lookup::name)
            .thenComparing(Lookup::object, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
            .thenComparing(Lookup::field, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
        .toList();
  }

  /** A translation that needed no look-up. */
  public Translation(List<Group> groups, List<Member> members, List<Setting> settings, List<Effective> effective,
      List<Diagnostic> diagnostics, List<Intent> intents, List<Firing> firings) {
    this(groups, members, settings, effective, diagnostics, intents, firings, List.of());
  }
}
