package dev.albc.rules.api;

/**
 * An IngressGroup. {@code explicit} groups come from {@code group.name}; implicit ones have the id
 * {@code ns/name} of their single Ingress.
 */
public record Group(String id, boolean explicit) {}
