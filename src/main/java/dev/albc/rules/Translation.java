package dev.albc.rules;

import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Setting;
import dev.albc.intents.Intent;
import java.util.List;

/** What one run of the rules produced. */
public record Translation(
    List<Group> groups,
    List<Member> members,
    List<Setting> settings,
    List<Effective> effective,
    List<Diagnostic> diagnostics,
    List<Intent> intents,
    List<Firing> firings) {}
