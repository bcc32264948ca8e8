package dev.albc.rules.api;

import dev.albc.intents.Action;

/**
 * A listener default action asked for by one member (its {@code spec.defaultBackend}), derived in
 * the {@code derive} phase. None on a port → fixed 404; more than one → error.
 */
public record ListenerDefaultAction(String groupId, int port, String ingressKey, Action action) {}
