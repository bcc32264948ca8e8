package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Security groups: the managed one matched by its ResourceId tag (the one with the wanted name
 * first), the cluster's shared backend one by what the observer found; permissions compared as sets
 * ({@link IpPermission}), tags key by key. Extra and unwanted ones are deleted last (post steps).
 */
final class SecurityGroupChanges {
  private final ChangeContext ctx;

  SecurityGroupChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /** {@code desired}: the backend security group first, then by ResourceId. */
  void plan(List<SecurityGroupIntent> desired) {
    Set<String> matched = new HashSet<>();
    for (SecurityGroupIntent s : desired) {
      if (SecurityGroupIntent.BACKEND.equals(s.id())) {
        ObservedResource o = ctx.observed.backendSecurityGroup();
        if (o != null) {
          ctx.known(s.id(), o.id());
        } else {
          ctx.add(Change.create(s.kind(), s.id(), s.groupName(),
              "the cluster's shared backend security group does not exist", create(s)));
        }
        continue;
      }
      List<ObservedResource> cands = ctx.observed.securityGroups().stream()
          .filter(g -> s.id().equals(g.resourceTag()))
          .sorted(Comparator.comparing((ObservedResource g) -> !Objects.equals(g.name(), s.groupName()))
              .thenComparing(ObservedResource::id))
          .toList();
      cands.forEach(c -> matched.add(c.id()));
      if (cands.isEmpty()) {
        ctx.add(Change.create(s.kind(), s.id(), s.groupName(), "not in AWS", create(s)));
        continue;
      }
      ObservedResource kept = cands.get(0);
      ctx.known(s.id(), kept.id());
      modify(s, kept);
      for (ObservedResource extra : cands.subList(1, cands.size())) {
        ctx.add(deletion(extra, "a second security group tagged " + s.id() + " (" + kept.id() + " is kept)"));
      }
    }
    for (ObservedResource g : ctx.observed.securityGroups()) {
      if (!matched.contains(g.id())) {
        ctx.add(deletion(g, "no longer wanted by the group"));
      }
    }
  }

  static List<Step> create(SecurityGroupIntent s) {
    List<Step> steps = new ArrayList<>();
    ObjectNode req = Requests.obj();
    req.put("GroupName", s.groupName());
    req.put("Description", s.description());
    req.put("VpcId", s.vpcId());
    ArrayNode specs = req.putArray("TagSpecifications");
    ObjectNode spec = specs.addObject();
    spec.put("ResourceType", "security-group");
    spec.set("Tags", Requests.tagList(s.tags()));
    steps.add(Step.producing("ec2:CreateSecurityGroup", req, s.id()));
    if (s.ipPermissions() != null && !s.ipPermissions().isEmpty()) {
      ObjectNode auth = Requests.obj();
      auth.set("GroupId", Requests.ref(s.id()));
      auth.set("IpPermissions", DesiredJson.JSON.valueToTree(s.ipPermissions()));
      steps.add(Step.of("ec2:AuthorizeSecurityGroupIngress", auth));
    }
    return steps;
  }

  private void modify(SecurityGroupIntent s, ObservedResource o) {
    List<Step> steps = new ArrayList<>();
    List<FieldDiff> diff = new ArrayList<>();
    Set<IpPermission> want = new TreeSet<>();
    if (s.ipPermissions() != null) {
      for (JsonNode p : DesiredJson.JSON.valueToTree(s.ipPermissions())) {
        want.addAll(IpPermission.of(p));
      }
    }
    Set<IpPermission> have = new TreeSet<>();
    o.body().path("IpPermissions").forEach(p -> have.addAll(IpPermission.of(p)));
    Set<IpPermission> add = new TreeSet<>(want);
    add.removeAll(have);
    Set<IpPermission> remove = new TreeSet<>(have);
    remove.removeAll(want);
    if (!add.isEmpty()) {
      steps.add(Step.of("ec2:AuthorizeSecurityGroupIngress", permissions(o.id(), add)));
    }
    if (!remove.isEmpty()) {
      steps.add(Step.of("ec2:RevokeSecurityGroupIngress", permissions(o.id(), remove)));
    }
    if (!add.isEmpty() || !remove.isEmpty()) {
      diff.add(new FieldDiff("IpPermissions", IpPermission.show(have), IpPermission.show(want)));
    }
    steps.addAll(TagDiff.ec2(s.tags(), o, diff));
    if (!steps.isEmpty()) {
      ctx.add(Change.modify(s.kind(), s.id(), o.name() + " (" + o.id() + ")", diff, steps));
    }
  }

  private static ObjectNode permissions(String groupId, Set<IpPermission> perms) {
    ObjectNode req = Requests.obj();
    req.put("GroupId", groupId);
    req.set("IpPermissions", IpPermission.toJson(perms));
    return req;
  }

  /** Deletes a security group after every other change of the group (a post step). */
  static Change deletion(ObservedResource g, String reason) {
    return deletion(g, g.resourceTag(), reason);
  }

  static Change deletion(ObservedResource g, String resourceId, String reason) {
    ObjectNode req = Requests.obj();
    req.put("GroupId", g.id());
    return Change.delete(SecurityGroupIntent.KIND, resourceId, g.name() + " (" + g.id() + ")", reason,
        List.of(Step.post("ec2:DeleteSecurityGroup", req)));
  }
}
