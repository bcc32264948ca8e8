package dev.albc.rules;

/**
 * One DRL file: a name for messages (the path it came from) and its text.
 *
 * @param builtin true for albc's own rules
 */
public record RuleSource(String name, String text, boolean builtin) {}
