package dev.albc.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsErrors;
import dev.albc.aws.AwsSession;
import dev.albc.aws.SdkJson;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.observe.BindingClient;
import dev.albc.observe.ObservedResource;
import dev.albc.changes.Change;
import dev.albc.changes.GroupChanges;
import dev.albc.changes.Step;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Applies a group's changes with the AWS SDK (and the Kubernetes API for TargetGroupBindings): the
 * steps of every change in order, then the deferred deletions (bindings, then target groups, then
 * security groups). Each step's {@code $ref}s are resolved from the ARNs of kept resources and of
 * what earlier steps created.
 *
 * <p>Idempotent, so a run that stopped half way is finished by the next one: creations are found
 * again by the observer (by name) before anything is created twice; a security group that exists
 * already (InvalidGroup.Duplicate) is adopted when it carries the stack's tags; deleting what is
 * already gone succeeds; a deletion that AWS refuses while a dependency lets go (DependencyViolation,
 * ResourceInUse) is retried, bounded; a creation that needs a just-created parent not yet visible is
 * retried, bounded. An AWS error stops the group with one line naming the call, the resource and the
 * cause. A certificate albc requests is DNS-validated and waited for, and its validation records go
 * before it ({@link CertificateRequests}).
 */
public final class Executor {

  /** Called before each step (tests inject failures here). */
  @FunctionalInterface
  public interface Hook {
    void beforeStep(String groupId, Change change, Step step);
  }

  /** How the executor waits between attempts (tests record the waits instead). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * A frontend NLB's target group refuses its ALB as a target ({@code InvalidTarget}) while the ALB
   * is not active yet: the reference controller registers it again 15 s later (a requeue of the
   * group); albc waits as long and retries the call, as often as the dependency wait allows.
   */
  static final Duration REGISTER_TARGETS_RETRY = Duration.ofSeconds(15);

  /** What was done: each applied step with its resource, and the ARNs/ids known at the end. */
  public record Result(String groupId, List<String> applied, Map<String, String> refs) {}

  /** A group whose changes stopped part way: the line to print, and what was done before. */
  public static final class ExecutionFailure extends RuntimeException {
    private final String groupId;
    private final List<String> applied;

    ExecutionFailure(String groupId, List<String> applied, RuntimeException cause) {
      super("[" + groupId + "] " + cause.getMessage(), cause);
      this.groupId = groupId;
      this.applied = List.copyOf(applied);
    }

    public String groupId() {
      return groupId;
    }

    public List<String> applied() {
      return applied;
    }
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> GONE = Set.of("LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound",
      "RuleNotFound", "InvalidGroup.NotFound", "ResourceNotFoundException", "WAFNonexistentItemException",
      "InvalidPermission.NotFound");
  private static final Set<String> PARENT_NOT_VISIBLE =
      Set.of("LoadBalancerNotFound", "ListenerNotFound", "TargetGroupNotFound", "InvalidGroup.NotFound");

  private final AwsSession aws;
  private final BindingClient bindings;
  private final Consumer<ObservedResource> backendCreated;
  private final String vpcId;
  private final Hook hook;
  private Duration dependencyWait = Duration.ofMinutes(2);
  private Duration pollInterval = Duration.ofSeconds(2);
  private final Map<String, Method> methods = new ConcurrentHashMap<>();
  private SecretValues secrets;
  private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
  private Duration certificateWait = CertificateRequests.ISSUED_WAIT;
  private CertificateRequests certificates;

  /**
   * {@code backendCreated} (may be null) hears of the cluster's shared backend security group when
   * this executor creates it, so that the live run's later groups see it (dev.albc.live.LiveGroups).
   */
  public Executor(AwsSession aws, BindingClient bindings, Consumer<ObservedResource> backendCreated, String vpcId,
      Hook hook) {
    this.aws = aws;
    this.bindings = bindings;
    this.backendCreated = backendCreated;
    this.vpcId = vpcId;
    this.hook = hook == null ? (g, c, s) -> { } : hook;
  }

  /** Where secret placeholders' values come from, and where sent hashes are kept. */
  public Executor withSecrets(SecretValues s) {
    this.secrets = s;
    return this;
  }

  /** Bounds for retried deletions and not-yet-visible parents (tests shorten them). */
  public Executor withWaits(Duration dependencyWait, Duration pollInterval) {
    this.dependencyWait = dependencyWait;
    this.pollInterval = pollInterval;
    return this;
  }

  /** How long a requested certificate may take to be ISSUED (default 30 minutes, as the reference). */
  public Executor withCertificateWait(Duration d) {
    this.certificateWait = d;
    return this;
  }

  /** How to wait between attempts (tests: a recorder, no wall clock). */
  public Executor withSleeper(Sleeper s) {
    this.sleeper = s;
    return this;
  }

  public Result apply(GroupChanges group) {
    if (group.blocked()) {
      return new Result(group.groupId(), List.of(), group.knownRefs());
    }
    Map<String, String> refs = new HashMap<>(group.knownRefs());
    List<String> applied = new ArrayList<>();
    record Item(Change change, Step step, int order) {}
    List<Item> main = new ArrayList<>();
    List<Item> post = new ArrayList<>();
    int n = 0;
    for (Change c : group.changes()) {
      for (Step s : c.steps()) {
        (s.post() ? post : main).add(new Item(c, s, n++));
      }
    }
    post.sort(Comparator.comparingInt((Item i) -> -postRank(i.step())).thenComparingInt(Item::order));
    List<Item> all = new ArrayList<>(main);
    all.addAll(post);
    for (Item i : all) {
      try {
        hook.beforeStep(group.groupId(), i.change(), i.step());
        run(group.groupId(), i.change(), i.step(), refs);
        applied.add(i.step().call() + " " + describe(i.change()));
      } catch (RuntimeException e) {
        throw new ExecutionFailure(group.groupId(), applied, e);
      }
    }
    return new Result(group.groupId(), applied, refs);
  }

  /** Deferred deletions: bindings first (their targets go), then target groups, then security groups. */
  static int postRank(Step s) {
    return switch (s.call()) {
      case "k8s:DeleteTargetGroupBinding" -> 3;
      case "elbv2:DeleteTargetGroup" -> 2;
      case "ec2:DeleteSecurityGroup" -> 1;
      default -> 0;
    };
  }

  static String describe(Change c) {
    String kind = c.kind().substring(c.kind().lastIndexOf(':') + 1);
    StringBuilder s = new StringBuilder(kind);
    if (c.resourceId() != null) {
      s.append(' ').append(c.resourceId());
    }
    if (c.name() != null && !c.name().equals(c.resourceId())) {
      s.append(" (").append(c.name()).append(')');
    }
    return s.toString();
  }

  private void run(String groupId, Change change, Step step, Map<String, String> refs) {
    List<SecretValues.Sending> sendings = new ArrayList<>();
    ObjectNode request = (ObjectNode) SecretValues.substitute(secrets, resolve(step.request(), refs, step),
        step.call(), sendings);
    if (step.service().equals("k8s")) {
      kube(step, request);
      return;
    }
    String resource = describe(change);
    JsonNode response;
    try {
      response = call(step, request, change);
    } catch (AwsCallException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AwsCallException(step.operation(), resource, e);
    }
    if (!sendings.isEmpty() && secrets != null) {
      String arn = request.hasNonNull("RuleArn") ? request.get("RuleArn").asText()
          : request.hasNonNull("ListenerArn") && !step.operation().startsWith("Create") ? request.get("ListenerArn").asText()
          : response == null ? null : produced(step.operation(), response);
      if (arn != null) {
        secrets.sent(arn, sendings);
      }
    }
    if (step.produces() != null && response != null) {
      String id = produced(step.operation(), response);
      if (id == null) {
        throw new IllegalStateException(step.operation() + " on " + resource + " returned no ARN or id");
      }
      refs.put(step.produces(), id);
      if (step.operation().equals("CreateSecurityGroup") && SecurityGroupIntent.BACKEND.equals(step.produces())
          && backendCreated != null) {
        backendCreated.accept(new ObservedResource(SecurityGroupIntent.KIND, id,
            request.path("GroupName").asText(), Map.of(), request, null, null));
      }
    }
  }

  private CertificateRequests certificates() {
    if (certificates == null) {
      certificates = new CertificateRequests(aws::acm, aws::route53, sleeper, certificateWait);
    }
    return certificates;
  }

  /** Calls AWS with the retries that make re-runs and just-created parents safe. */
  private JsonNode call(Step step, ObjectNode request, Change change) {
    String op = step.operation();
    long deadline = System.nanoTime() + dependencyWait.toNanos();
    // a parent made a moment ago shows up within seconds: a creation waits for it 30 s at most
    long parentDeadline = System.nanoTime() + Math.min(dependencyWait.toNanos(), Duration.ofSeconds(30).toNanos());
    if (op.equals("ModifyCapacityReservation")) {
      awaitNotProvisioning(request.path("LoadBalancerArn").asText(), deadline);
    }
    int invalidTargetRetries = (int) Math.max(1, dependencyWait.toSeconds() / REGISTER_TARGETS_RETRY.toSeconds());
    if (step.call().equals("acm:RequestCertificate")) {
      return certificates().request(request); // with its DNS validation and the wait for ISSUED
    }
    if (step.call().equals("acm:DeleteCertificate")) {
      certificates().removeValidationRecords(request.path("CertificateArn").asText());
    }
    while (true) {
      try {
        return invoke(step, request);
      } catch (RuntimeException e) {
        String code = AwsErrors.code(e);
        if (code == null) {
          throw e;
        }
        if (op.startsWith("Delete") || op.startsWith("Disassociate") || op.startsWith("Revoke")) {
          if (GONE.contains(code)) {
            return null; // already gone: what a re-run after a crash finds
          }
          if ((code.equals("DependencyViolation") || code.equals("ResourceInUse")
              || code.equals("ResourceInUseException")) && System.nanoTime() < deadline) {
            sleep();
            continue;
          }
        }
        if (op.equals("CreateSecurityGroup") && code.equals("InvalidGroup.Duplicate")) {
          JsonNode adopted = adoptSecurityGroup(request, e);
          if (adopted != null) {
            return adopted;
          }
        }
        if (op.equals("AuthorizeSecurityGroupIngress") && code.equals("InvalidPermission.Duplicate")) {
          return null;
        }
        if (op.equals("RegisterTargets") && code.equals("InvalidTarget") && invalidTargetRetries-- > 0) {
          sleep(REGISTER_TARGETS_RETRY);
          continue;
        }
        if (op.startsWith("Create") && PARENT_NOT_VISIBLE.contains(code) && System.nanoTime() < parentDeadline
            && !op.equals("CreateSecurityGroup")) {
          sleep();
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * The reference sets a capacity reservation only on a load balancer that is no longer provisioning
   * (it requeues the group meanwhile): this waits for that, as long as a dependency, then fails the
   * group's apply so that a later reconcile sets it.
   */
  private void awaitNotProvisioning(String arn, long deadline) {
    while (true) {
      var lbs = aws.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers();
      if (lbs.isEmpty()) {
        throw new IllegalStateException("no load balancer found for the arn: " + arn
            + " to monitor load balancer state");
      }
      var state = lbs.get(0).state();
      if (state == null || !"provisioning".equals(state.codeAsString())) {
        return;
      }
      if (System.nanoTime() >= deadline) {
        throw new IllegalStateException("load balancer " + lbs.get(0).loadBalancerName() + " is still provisioning:"
            + " its capacity reservation is set when it is active (a later reconcile)");
      }
      sleep();
    }
  }

  /** A security group of that name exists: it is ours when it carries the tags we would give it. */
  private JsonNode adoptSecurityGroup(ObjectNode request, RuntimeException cause) {
    String name = request.path("GroupName").asText();
    List<SecurityGroup> found = aws.ec2().describeSecurityGroups(r -> r.filters(
        Filter.builder().name("vpc-id").values(request.path("VpcId").asText(vpcId)).build(),
        Filter.builder().name("group-name").values(name).build())).securityGroups();
    Map<String, String> want = new HashMap<>();
    request.path("TagSpecifications").path(0).path("Tags")
        .forEach(t -> want.put(t.path("Key").asText(), t.path("Value").asText()));
    for (SecurityGroup g : found) {
      Map<String, String> have = new HashMap<>();
      g.tags().forEach(t -> have.put(t.key(), t.value()));
      boolean ours = true;
      for (String k : List.of(ObservedResource.CLUSTER_TAG, ObservedResource.STACK_TAG, "elbv2.k8s.aws/resource",
          ObservedResource.RESOURCE_TAG)) {
        if (want.containsKey(k) && !want.get(k).equals(have.get(k))) {
          ours = false;
        }
      }
      if (ours) {
        ObjectNode r = F.objectNode();
        r.put("GroupId", g.groupId());
        return r;
      }
    }
    return null;
  }

  private JsonNode invoke(Step step, ObjectNode request) {
    Object client = switch (step.service()) {
      case "elbv2" -> aws.elbv2();
      case "ec2" -> aws.ec2();
      case "wafv2" -> aws.wafv2();
      case "shield" -> aws.shield();
      case "acm" -> aws.acm();
      default -> throw new IllegalArgumentException("unknown service in step " + step.call());
    };
    Method m = methods.computeIfAbsent(step.call(), k -> method(client, step.operation()));
    @SuppressWarnings("unchecked")
    SdkPojo req = SdkJson.fromJson((Class<? extends SdkPojo>) m.getParameterTypes()[0], request);
    try {
      Object resp = m.invoke(client, req);
      return resp instanceof SdkPojo p ? SdkJson.toJson(p) : null;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The client's method for an operation, e.g. createTargetGroup(CreateTargetGroupRequest). */
  static Method method(Object client, String operation) {
    for (Class<?> itf : client.getClass().getInterfaces()) {
      for (Method m : itf.getMethods()) {
        if (m.getName().equalsIgnoreCase(operation) && m.getParameterCount() == 1
            && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException("no SDK method for " + operation + " on " + client.getClass().getSimpleName());
  }

  static String produced(String operation, JsonNode response) {
    JsonNode v = switch (operation) {
      case "CreateLoadBalancer" -> response.path("LoadBalancers").path(0).path("LoadBalancerArn");
      case "CreateTargetGroup" -> response.path("TargetGroups").path(0).path("TargetGroupArn");
      case "CreateListener" -> response.path("Listeners").path(0).path("ListenerArn");
      case "CreateRule" -> response.path("Rules").path(0).path("RuleArn");
      case "CreateSecurityGroup" -> response.path("GroupId");
      case "RequestCertificate" -> response.path("CertificateArn");
      default -> null;
    };
    return v == null || v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private void kube(Step step, ObjectNode request) {
    if (bindings == null) {
      throw new IllegalStateException(step.call() + ": no cluster (--kubeconfig) to write TargetGroupBindings to");
    }
    String what = "TargetGroupBinding " + request.path("metadata").path("namespace").asText(request.path("namespace").asText())
        + "/" + request.path("metadata").path("name").asText(request.path("name").asText());
    try {
      switch (step.operation()) {
        case "CreateTargetGroupBinding" -> bindings.create(request);
        case "ReplaceTargetGroupBinding" -> bindings.replace(request);
        case "DeleteTargetGroupBinding" -> bindings.delete(request.path("namespace").asText(),
            request.path("name").asText());
        default -> throw new IllegalArgumentException("unknown step " + step.call());
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(step.operation() + " on " + what + " failed: " + oneLine(e.getMessage()), e);
    }
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /** The request with every {"$ref": id} replaced; an unknown id is a planning error. */
  static JsonNode resolve(JsonNode n, Map<String, String> refs, Step step) {
    if (n == null) {
      return null;
    }
    if (n.isObject() && n.size() == 1 && n.has("$ref")) {
      String id = n.get("$ref").asText();
      String v = refs.get(id);
      if (v == null) {
        throw new IllegalStateException(step.call() + " needs the ARN or id of " + id
            + ", which is neither in AWS nor made by an earlier step");
      }
      return new TextNode(v);
    }
    if (n.isObject()) {
      ObjectNode o = F.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), resolve(e.getValue(), refs, step)));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = F.arrayNode();
      n.forEach(x -> a.add(resolve(x, refs, step)));
      return a;
    }
    return n;
  }

  private void sleep() {
    sleep(pollInterval);
  }

  private void sleep(Duration d) {
    sleep(sleeper, d);
  }

  /** Waits {@code d} with {@code s}; an interrupt ends the apply. */
  static void sleep(Sleeper s, Duration d) {
    try {
      s.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
