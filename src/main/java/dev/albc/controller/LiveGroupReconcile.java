package dev.albc.controller;

import dev.albc.aws.AwsCallException;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.live.AccountFactSource;
import dev.albc.live.GroupRun;
import dev.albc.live.LiveGroups;
import java.util.List;
import java.util.Map;

/**
 * {@link GroupReconcile} bound to the live entry point: each deploy is a new run of
 * {@link LiveGroups} (so what one run caches — the backend security group, the Shield
 * subscription — is read fresh), over the controller's cached account facts. A group the rules
 * refuse may lack what the cache lacks (a subnet, a certificate made since): the caller asks for
 * the account facts to be read again ({@link #refreshAccountFacts}, at most every few seconds,
 * {@link CachedAccountFacts}) and plans again when they changed.
 */
public final class LiveGroupReconcile implements GroupReconcile {
  private final LiveGroups live;
  private final AccountFactSource account;

  public LiveGroupReconcile(LiveGroups live, AccountFactSource account) {
    this.live = live;
    this.account = account;
  }

  @Override
  public DesiredGroup desired(String groupId, List<Object> kubeFacts) {
    return live.desired(groupId, kubeFacts);
  }

  @Override
  public boolean refreshAccountFacts() {
    List<Object> before = account.facts();
    return !account.refreshed().equals(before);
  }

  @Override
  public GroupOutcome deploy(DesiredGroup desired) {
    return outcome(live.newRun().reconcile(desired));
  }

  @Override
  public GroupOutcome delete(String groupId) {
    try {
      return outcome(live.newRun().delete(groupId, false));
    } catch (AwsCallException e) {
      return new GroupOutcome(groupId, null, null, null, null, 0, null, "[" + groupId + "] " + e.getMessage());
    }
  }

  static GroupOutcome outcome(GroupRun r) {
    var d = r.desired();
    var c = r.changes();
    return new GroupOutcome(r.groupId(), d == null ? List.of() : d.members(), d == null ? List.of() : d.resources(),
        d == null ? List.of() : d.diagnostics(), c == null ? List.of() : c.errors(),
        c == null ? 0 : c.changes().size(), r.result() == null ? (c == null ? Map.of() : c.knownRefs())
            : r.result().refs(), r.failure());
  }
}
