package dev.albc.webhook;

import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.IngressFactMapper;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /validate-networking-v1-ingress}, beyond the reference (docs/targets.md, "Ingress
 * validation"): the rules run on the Ingress as it would be, with the cached facts of its group, and
 * an error diagnostic refuses the write with the controller's own message. Refused: errors on this
 * Ingress, and errors elsewhere in its group that this version brings (a conflict with the other
 * members, which the rules report on the group's first member). Allowed
 * with a warning: caches not ready, or no answer within the budget. Never calls AWS.
 */
public final class IngressValidator implements AdmissionHandler, AutoCloseable {
  private static final JSON KUBE_JSON = new JSON();
  private final IngressFacts facts;
  private final Supplier<RuleRunner> rules;
  private final ControllerSettings settings;
  private final Duration budget;
  /** Told when the rules of a check ran past their time budget (the Ingress's key, the failure). */
  private volatile java.util.function.BiConsumer<String, dev.albc.rules.RuleTimeoutException> onRulesHung =
      (k, e) -> { };
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "albc-ingress-validation");
    t.setDaemon(true);
    return t;
  });

  /**
   * What to do when a check's rules run past the rule time budget in user code (the controller marks
   * the source and exits, docs/controller.md "A rule that hangs"); called on the checking thread, long
   * after the Ingress was admitted with a warning.
   */
  public IngressValidator onRulesHung(java.util.function.BiConsumer<String, dev.albc.rules.RuleTimeoutException> h) {
    this.onRulesHung = h;
    return this;
  }

  /** @param budget answer within this (the API server's webhook timeout is 10 s by default) */
  public IngressValidator(IngressFacts facts, Supplier<RuleRunner> rules, ControllerSettings settings,
                          Duration budget) {
    this.facts = facts;
    this.rules = rules;
    this.settings = settings;
    this.budget = budget;
  }

  @Override
  public Admission.Response handle(Admission.Request req) {
    if (!"CREATE".equals(req.operation()) && !"UPDATE".equals(req.operation())) {
      return Admission.Response.allow();
    }
    if ("UPDATE".equals(req.operation()) && !rulesInputChanged(req.oldObject(), req.object())) {
      // albc's own writes (finalizers, albc.dev/* annotations on a held member: docs/controller.md)
      // and a deletion's metadata changes must pass even when the Ingress is invalid
      return Admission.Response.allow();
    }
    V1Ingress ingress = KUBE_JSON.deserialize(req.object().toString(), V1Ingress.class);
    if (ingress.getMetadata() == null || ingress.getMetadata().getName() == null) {
      return Admission.Response.allowWithWarning("albc: an Ingress without a name (generateName) is validated by the controller, not at admission");
    }
    if (ingress.getMetadata().getNamespace() == null) {
      ingress.getMetadata().setNamespace(req.namespace());
    }
    IngressFact candidate = IngressFactMapper.INSTANCE.toFact(ingress);
    Future<Admission.Response> answer = executor.submit(() -> {
      try {
        return validate(candidate);
      } catch (dev.albc.rules.RuleTimeoutException e) { // long after the answer: the thread left is stuck
        onRulesHung.accept(candidate.key(), e);
        throw e;
      }
    });
    try {
      return answer.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // not interrupted: the check runs on to the end of the rule time budget, so that rules stuck in
      // user code are seen (onRulesHung) rather than left spinning unnoticed; slow rules just finish
      return Admission.Response.allowWithWarning("albc: the rules did not answer within " + budget.toMillis()
          + " ms; the controller will report any problem on the Ingress");
    } catch (ExecutionException e) {
      throw new IllegalStateException("running the rules: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Admission.Response.allowWithWarning("albc: validation interrupted");
    }
  }

  /**
   * The Secrets (names, in the candidate's namespace) its auth-idp-oidc names that the facts lack: the
   * controller watches a Secret only once an Ingress names it, and one may be created after the
   * Ingress, so "not found" is not the webhook's to refuse.
   */
  static List<String> unseenSecrets(IngressFact candidate, List<Object> facts) {
    List<dev.albc.facts.ServiceFact> services = new ArrayList<>();
    Set<String> known = new java.util.HashSet<>();
    for (Object o : facts) {
      if (o instanceof dev.albc.facts.ServiceFact s && s.namespace().equals(candidate.namespace())) {
        services.add(s);
      } else if (o instanceof dev.albc.facts.SecretFact s) {
        known.add(s.key());
      }
    }
    List<String> out = new ArrayList<>();
    for (String key : dev.albc.sources.SecretFacts.referenced(List.of(candidate), services)) {
      if (!known.contains(key)) {
        out.add(key.substring(key.indexOf('/') + 1));
      }
    }
    return out;
  }

  Admission.Response validate(IngressFact candidate) {
    Optional<List<Object>> cached = facts.factsFor(candidate);
    if (cached.isEmpty()) {
      return Admission.Response.allowWithWarning("albc: its caches are not ready, so this Ingress was not checked "
          + "against the rules; the controller will report any problem on the Ingress");
    }
    List<Object> without = new ArrayList<>();
    for (Object o : cached.get()) {
      if (!(o instanceof IngressFact i && i.key().equals(candidate.key()))) {
        without.add(o);
      }
    }
    List<Object> with = new ArrayList<>(without);
    with.add(candidate);
    DesiredStateBuilder builder = new DesiredStateBuilder(rules.get());
    DesiredStateBuilder.Result result = builder.plan(settings, with, false);
    DesiredState plan = result.plan();
    String object = "Ingress " + candidate.key();
    // a look-up in the account (targetGroupName, wafv2-acl-name, a certificate's CA) is the
    // controller's to make: its error does not refuse the Ingress (the webhook never calls AWS)
    Set<String> lookedUp = new java.util.HashSet<>();
    result.translation().lookups().forEach(l -> lookedUp.add(l.object() + "|" + l.field()));
    Optional<DesiredGroup> group = plan.groups().stream().filter(g -> g.members().contains(candidate.key())
        || g.diagnostics().stream().anyMatch(d -> object.equals(d.object()))).findFirst();
    if (group.isEmpty()) {
      return Admission.Response.allow(); // not an Ingress albc manages
    }
    Set<DesiredDiagnostic> refused = new LinkedHashSet<>();
    List<DesiredDiagnostic> elsewhere = new ArrayList<>();
    for (DesiredDiagnostic d : group.get().diagnostics()) {
      if (!d.isError() || lookedUp.contains(d.object() + "|" + d.field())) {
        continue;
      }
      if (object.equals(d.object())) {
        refused.add(d);
      } else {
        elsewhere.add(d); // the group's, or another member's (a conflict names its first member)
      }
    }
    if (!elsewhere.isEmpty()) {
      Set<DesiredDiagnostic> before = new LinkedHashSet<>();
      builder.plan(settings, without, false).plan().groups().stream().filter(g -> g.id().equals(group.get().id()))
          .forEach(g -> before.addAll(g.diagnostics()));
      elsewhere.stream().filter(d -> !before.contains(d)).forEach(refused::add);
    }
    List<String> unseen = unseenSecrets(candidate, with);
    refused.removeIf(d -> unseen.stream().anyMatch(name -> d.message().equals("secrets \"" + name + "\" not found")));
    if (refused.isEmpty()) {
      List<String> warnings = new ArrayList<>();
      if (!unseen.isEmpty()) {
        warnings.add("albc: Secret " + String.join(", ", unseen) + " (auth-idp-oidc) is not known to the webhook yet;"
            + " the controller reads it and reports on the Ingress if it is missing");
      }
      if (!result.translation().lookups().isEmpty()) {
        warnings.add("albc: " + result.translation().lookups().stream().map(l -> l.what()).distinct()
            .collect(Collectors.joining(", "))
            + " is looked up in the AWS account by the controller, which reports any problem on the Ingress");
      }
      return warnings.isEmpty() ? Admission.Response.allow()
          : new Admission.Response(true, 200, null, null, List.copyOf(warnings));
    }
    return Admission.Response.deny(refused.stream().map(d -> text(d, object)).collect(Collectors.joining("; ")));
  }

  /** The diagnostic as the controller words it, naming its object when it is not the candidate. */
  static String text(DesiredDiagnostic d, String candidate) {
    StringBuilder s = new StringBuilder();
    if (d.object() != null && !d.object().equals(candidate)) {
      s.append(d.object()).append(' ');
    }
    if (d.field() != null) {
      s.append(d.field()).append(": ");
    }
    s.append(d.message());
    if (d.hint() != null) {
      s.append(" (").append(d.hint()).append(')');
    }
    return s.toString();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /**
   * Whether an update changes what the rules read: the spec, or an annotation other than albc's own
   * {@code albc.dev/*} (docs/targets.md "Ingress validation"). Finalizers, labels, albc's annotations and
   * status are not rule inputs.
   */
  static boolean rulesInputChanged(com.fasterxml.jackson.databind.JsonNode before,
                                   com.fasterxml.jackson.databind.JsonNode after) {
    if (before == null || before.isMissingNode() || before.isNull()) {
      return true;
    }
    return !before.path("spec").equals(after.path("spec"))
        || !ruleAnnotations(before).equals(ruleAnnotations(after));
  }

  private static java.util.Map<String, String> ruleAnnotations(com.fasterxml.jackson.databind.JsonNode ingress) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    ingress.path("metadata").path("annotations").fields().forEachRemaining(e -> {
      if (!e.getKey().startsWith("albc.dev/")) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }
}
