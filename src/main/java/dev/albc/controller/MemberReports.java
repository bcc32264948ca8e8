package dev.albc.controller;

import dev.albc.facts.IngressFact;
import dev.albc.sources.IngressFactMapper;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * albc's own annotations on a group member, written only when their content differs: its status
 * for GitOps tools ({@link MemberStatus}, {@code albc.dev/status}) and, when it was planned as it
 * is, its last valid inputs ({@link MemberInputs}, {@code albc.dev/last-valid}). One merge patch
 * per member; the Ingress it returns goes into the fact store at once (unless the informer brought
 * a newer one meanwhile), so the next reconcile compares with what was written. See docs/controller.md "Status for GitOps tools".
 */
public class MemberReports {
  private final KubeWrites kube;
  private final FactStore store;
  private final Clock clock;

  public MemberReports(KubeWrites kube, FactStore store, Clock clock) {
    this.kube = kube;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Sets the member's status, and its last valid inputs when {@code valid} is not null.
   *
   * @return true when something was written
   */
  public boolean report(IngressFact member, MemberInputs valid, String type, String reason, String message)
      throws ApiException {
    V1Ingress raw = store.rawIngress(member.key());
    if (raw == null) {
      return false;
    }
    Map<String, String> ann = raw.getMetadata().getAnnotations() == null ? Map.of()
        : raw.getMetadata().getAnnotations();
    Map<String, String> patch = new TreeMap<>();
    MemberStatus before = MemberStatus.fromJson(ann.get(MemberStatus.ANNOTATION));
    MemberStatus after = MemberStatus.next(before, type, reason, message, raw.getMetadata().getGeneration(),
        clock.instant());
    if (!after.sameAs(before)) {
      patch.put(MemberStatus.ANNOTATION, after.toJson());
    }
    if (valid != null && !valid.equals(MemberInputs.fromJson(ann.get(MemberInputs.ANNOTATION)))) {
      patch.put(MemberInputs.ANNOTATION, valid.toJson());
    }
    if (patch.isEmpty()) {
      return false;
    }
    annotate(member.key(), raw, patch);
    return true;
  }

  /**
   * Sets (or, for a null value, removes) albc annotations of the Ingress {@code key} as the fact
   * store holds it; false when the store has no such Ingress. The Ingress the patch returns goes
   * into the store at once, as for {@link #report}.
   */
  public boolean annotate(String key, Map<String, String> patch) throws ApiException {
    V1Ingress raw = store.rawIngress(key);
    if (raw == null) {
      return false;
    }
    annotate(key, raw, patch);
    return true;
  }

  private void annotate(String key, V1Ingress raw, Map<String, String> patch) throws ApiException {
    V1Ingress updated = kube.annotate(raw, patch);
    // only over the version patched: a newer one the informer brought meanwhile (a user's edit) stays
    V1Ingress cached = store.rawIngress(key);
    if (updated != null && updated.getMetadata() != null && cached != null && java.util.Objects.equals(
        cached.getMetadata().getResourceVersion(), raw.getMetadata().getResourceVersion())) {
      store.putIngress(updated, IngressFactMapper.INSTANCE.toFact(updated));
    }
  }
}
