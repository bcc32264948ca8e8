package dev.albc.controller;

import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.LoadBalancerIntent;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one group's run produced, as the controller needs it for finalizers, status and events.
 *
 * @param members the group's members as the rules saw them ({@code ns/name}, group order)
 * @param resources the desired resources (empty for a deletion)
 * @param diagnostics the rules' findings for the group
 * @param errors why the planner blocked the group beyond its diagnostics
 * @param refs ARN or id of each resource after the run, by ResourceId
 * @param failure why the run stopped (an AWS call failed), or null
 */
public record GroupOutcome(String groupId, List<String> members, List<Intent> resources,
    List<DesiredDiagnostic> diagnostics, List<String> errors, int changes, Map<String, String> refs,
    String failure) {

  public GroupOutcome {
    members = members == null ? List.of() : List.copyOf(members);
    resources = resources == null ? List.of() : List.copyOf(resources);
    diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    errors = errors == null ? List.of() : List.copyOf(errors);
    refs = refs == null ? Map.of() : Map.copyOf(refs);
  }

  /** Nothing deployed: the rules name no such group, or every member was left out. */
  public static GroupOutcome nothing(String groupId) {
    return new GroupOutcome(groupId, null, null, null, null, 0, null, null);
  }

  /** The rules or the planner refused the group: nothing was deployed ({@code FailedBuildModel}). */
  public boolean buildFailed() {
    return !errors.isEmpty() || diagnostics.stream().anyMatch(DesiredDiagnostic::isError);
  }

  /** An AWS call failed part way ({@code FailedDeployModel}). */
  public boolean deployFailed() {
    return failure != null;
  }

  public boolean ok() {
    return !buildFailed() && !deployFailed();
  }

  /** The ports of the desired ALB listeners, ascending (the status lists them). */
  public List<Integer> listenerPorts() {
    TreeSet<Integer> ports = new TreeSet<>();
    resources.stream().filter(r -> r instanceof ListenerIntent l && l.onAlb())
        .forEach(r -> ports.add(((ListenerIntent) r).port()));
    return List.copyOf(ports);
  }

  /** The ALB's ARN after the run, or null (none wanted, or not created). */
  public String loadBalancerArn() {
    return arnOf(LoadBalancerIntent.RESOURCE_ID);
  }

  /** The frontend NLB's ARN after the run, or null (none wanted, or not created). */
  public String frontendNlbArn() {
    return arnOf(dev.albc.rules.lib.FrontendNlbs.NLB);
  }

  private String arnOf(String resourceId) {
    boolean wanted = resources.stream().anyMatch(r -> r instanceof LoadBalancerIntent l && l.resourceId().equals(resourceId));
    return wanted ? refs.get(resourceId) : null;
  }
}
