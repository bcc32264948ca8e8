package dev.albc.rules.api;

/**
 * A fact of the rule API that says what it is in a few words ({@code Ingress team-a/web (group
 * team-a/web)}): {@code explain} prints it for what a rule matched, and a test case's
 * {@code fired: [{rule: …, on: <text>}]} matches the text against it (docs/rule-authoring.md).
 */
public interface Described {
  String description();
}
