package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * TargetGroupBindings, when a cluster is connected: matched by namespace/name, spec and labels
 * compared as the intents set them; a binding whose target group changed is replaced
 * ({@code spec.targetGroupARN} is immutable). Unwanted ones are deleted first of the post steps.
 * Without a cluster, a note says that nothing registers targets.
 */
final class BindingChanges {
  static final String TGB_API_VERSION = "elbv2.k8s.aws/v1beta1";

  private final ChangeContext ctx;

  BindingChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  void plan(List<TargetGroupBindingIntent> desired) {
    if (!ctx.options.manageBindings() || ctx.observed.bindings() == null) {
      if (!desired.isEmpty()) {
        ctx.note(desired.size() + " TargetGroupBinding(s) not managed: no cluster (--kubeconfig); nothing "
            + "registers targets in the target groups until a controller with the bindings runs");
      }
      return;
    }
    Map<String, ObservedResource> have = new TreeMap<>();
    ctx.observed.bindings().forEach(b -> have.put(b.id(), b));
    Set<String> kept = new HashSet<>();
    for (TargetGroupBindingIntent b : desired) {
      String key = b.namespace() + "/" + b.name();
      ObjectNode object = bindingObject(b);
      ObservedResource o = have.get(key);
      if (o == null) {
        ctx.add(Change.create(b.kind(), b.resourceId(), key, "not in the cluster",
            List.of(Step.of("k8s:CreateTargetGroupBinding", object))));
        continue;
      }
      kept.add(key);
      update(b, key, object, o);
    }
    for (var e : have.entrySet()) {
      if (!kept.contains(e.getKey())) {
        ctx.add(deletion(e.getValue(), "no longer wanted by the group"));
      }
    }
  }

  private void update(TargetGroupBindingIntent b, String key, ObjectNode object, ObservedResource o) {
    JsonNode haveSpec = o.body().path("spec");
    JsonNode haveLabels = o.body().path("metadata").path("labels");
    boolean specOk = JsonMatch.matches(object.get("spec"), haveSpec, ctx.refs());
    boolean labelsOk = JsonMatch.matches(object.path("metadata").get("labels"), haveLabels, ctx.refs());
    if (specOk && labelsOk) {
      return;
    }
    List<FieldDiff> diff = new ArrayList<>();
    if (!specOk) {
      diff.add(new FieldDiff("spec", JsonMatch.show(haveSpec), JsonMatch.show(object.get("spec"))));
    }
    if (!labelsOk) {
      diff.add(new FieldDiff("metadata.labels", JsonMatch.show(haveLabels),
          JsonMatch.show(object.path("metadata").get("labels"))));
    }
    boolean arnChanged = !JsonMatch.matches(object.path("spec").get("targetGroupARN"),
        haveSpec.get("targetGroupARN"), ctx.refs());
    if (arnChanged) {
      ObjectNode del = Requests.obj();
      del.put("namespace", b.namespace());
      del.put("name", b.name());
      ctx.add(Change.replace(b.kind(), b.resourceId(), key,
          "its target group changed and spec.targetGroupARN is immutable",
          "its targets are deregistered from the old target group", diff,
          List.of(Step.of("k8s:DeleteTargetGroupBinding", del), Step.of("k8s:CreateTargetGroupBinding", object))));
    } else {
      ctx.add(Change.modify(b.kind(), b.resourceId(), key, diff,
          List.of(Step.of("k8s:ReplaceTargetGroupBinding", object))));
    }
  }

  /** Deletes a binding (id {@code namespace/name}) first of the post steps: its targets are deregistered. */
  static Change deletion(ObservedResource b, String reason) {
    ObjectNode del = Requests.obj();
    String[] nn = b.id().split("/", 2);
    del.put("namespace", nn[0]);
    del.put("name", nn[1]);
    return Change.delete(TargetGroupBindingIntent.KIND, null, b.id(), reason,
            List.of(Step.post("k8s:DeleteTargetGroupBinding", del)))
        .withRiskNote("its targets are deregistered");
  }

  /** The TargetGroupBinding object of an intent (its target group ARN a reference). */
  static ObjectNode bindingObject(TargetGroupBindingIntent b) {
    ObjectNode o = Requests.obj();
    o.put("apiVersion", TGB_API_VERSION);
    o.put("kind", "TargetGroupBinding");
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", b.name());
    meta.put("namespace", b.namespace());
    meta.set("labels", DesiredJson.JSON.valueToTree(b.labels() == null ? Map.of() : new TreeMap<>(b.labels())));
    o.set("spec", DesiredJson.JSON.valueToTree(b.spec()));
    return o;
  }
}
