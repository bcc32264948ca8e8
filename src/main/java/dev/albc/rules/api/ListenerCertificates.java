package dev.albc.rules.api;

import java.util.List;

/** Certificates one member brings to one HTTPS port (explicit or discovered). */
public record ListenerCertificates(
    String groupId, int port, String ingressKey, List<String> arns, String how) {}
