package dev.albc.rules.api;

/**
 * An IngressGroup. {@code explicit} groups come from {@code group.name}; implicit ones have the id
 * {@code ns/name} of their single Ingress.
 */
public record Group(String id, boolean explicit) implements Described {
  /** The group's setting scope, {@code group:<id>} (bind it in a pattern so joins on it are indexed). */
  public String scope() {
    return Scopes.group(id);
  }

  @Override
  public String description() {
    return "IngressGroup " + id;
  }
}
