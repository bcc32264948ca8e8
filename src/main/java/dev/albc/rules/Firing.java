package dev.albc.rules;

import java.util.List;

/**
 * One rule that fired: its name, file, phase, the facts it matched (rendered) and the facts its
 * consequence inserted. This is the engine's own record, used by {@code explain} and {@code test-rules}.
 */
public record Firing(
    int sequence, String rule, String pkg, String phase, List<String> matched, List<Object> inserted) {}
