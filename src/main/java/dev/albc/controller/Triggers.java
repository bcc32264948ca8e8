package dev.albc.controller;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which updates of a watched object are worth a reconcile (the reference's event filters,
 * docs/controller.md "Work queue"): a change of the user's annotations, of the spec, or of the
 * deletion mark; or an informer resync (same resourceVersion), so drift is repaired every
 * {@code --sync-period}. Status-only updates, finalizer and label edits, and albc's own
 * {@code albc.dev/*} annotations are not.
 */
public final class Triggers {
  /** albc's own annotations: albc writes them, so a change of them is never a trigger. */
  public static final String OWN_ANNOTATIONS = "albc.dev/";

  private Triggers() {}

  /** The same object again: an informer resync. */
  public static boolean resync(V1ObjectMeta before, V1ObjectMeta after) {
    return before != null && after != null && before.getResourceVersion() != null
        && before.getResourceVersion().equals(after.getResourceVersion());
  }

  /** An update that matters: user annotations, spec or deletion changed, or a resync. */
  public static boolean changed(V1ObjectMeta before, Object specBefore, V1ObjectMeta after, Object specAfter) {
    if (before == null || after == null || resync(before, after)) {
      return true;
    }
    return !userAnnotations(before).equals(userAnnotations(after))
        || !Objects.equals(specBefore, specAfter)
        || (before.getDeletionTimestamp() == null) != (after.getDeletionTimestamp() == null);
  }

  /** The annotations without albc's own. */
  public static Map<String, String> userAnnotations(V1ObjectMeta m) {
    Map<String, String> out = new TreeMap<>();
    if (m != null && m.getAnnotations() != null) {
      m.getAnnotations().forEach((k, v) -> {
        if (!k.startsWith(OWN_ANNOTATIONS)) {
          out.put(k, v);
        }
      });
    }
    return out;
  }
}
