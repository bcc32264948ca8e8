package dev.albc.rules.api;

/** Marks a (scope, name) whose top settings disagree: it has no effective value. */
public record ResolveConflict(String scope, String name) {}
