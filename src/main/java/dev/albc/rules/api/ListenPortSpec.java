package dev.albc.rules.api;

/** One entry of {@code listen-ports}: {@code {"HTTPS": 443}} → ("HTTPS", 443). */
public record ListenPortSpec(String protocol, int port) {}
