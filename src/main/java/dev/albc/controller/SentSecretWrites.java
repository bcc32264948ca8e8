package dev.albc.controller;

import dev.albc.live.SentSecrets;
import io.kubernetes.client.openapi.ApiException;
import java.util.HashMap;
import java.util.Map;

/**
 * The controller's {@link SentSecrets.Store}: the hashes of the client secrets it sent, in the
 * member Ingresses' {@value SentSecrets#ANNOTATION} annotation (docs/apply.md#client-secrets),
 * written through {@link MemberReports} (a merge patch; the fact store sees it at once). Like
 * every {@code albc.dev/*} annotation its change enqueues nothing ({@link Triggers}). A failed write
 * is logged and not retried: the hashes stay in the process, and the next reconcile of the group
 * writes them again.
 */
final class SentSecretWrites implements SentSecrets.Store {
  private final MemberReports reports;
  private final JsonLog log;

  SentSecretWrites(MemberReports reports, JsonLog log) {
    this.reports = reports;
    this.log = log;
  }

  @Override
  public void write(String ingressKey, String value) {
    Map<String, String> patch = new HashMap<>();
    patch.put(SentSecrets.ANNOTATION, value);
    try {
      if (reports.annotate(ingressKey, patch)) {
        log.debug("deploy_model", (value == null ? "removed " : "updated ") + SentSecrets.ANNOTATION, null, ingressKey);
      }
    } catch (ApiException e) {
      log.warn("deploy_model", "keeping the sent client secrets' hashes in " + SentSecrets.ANNOTATION + " failed: HTTP "
          + e.getCode() + " " + e.getResponseBody(), null, ingressKey);
    } catch (RuntimeException e) {
      log.warn("deploy_model", "keeping the sent client secrets' hashes in " + SentSecrets.ANNOTATION + " failed: "
          + e.getMessage(), null, ingressKey);
    }
  }
}
