"""Start moto's server with the few actions albc needs that moto lacks or models too simply.

Used by scripts/test-env; takes moto_server's own arguments, e.g.
    python scripts/moto_run.py -H 127.0.0.1 -p 15000

Added actions:
  shield:GetSubscriptionState  ACTIVE when CreateSubscription was called, else INACTIVE
                               (the AWS Load Balancer Controller asks this before it
                               protects a load balancer; moto 5.2.x answers HTTP 500).

Changed behaviour (elbv2 target groups), so that target registration is exercised as on AWS
(docs/targets.md, "Testing"):
  - targets are keyed by (Id, Port), not Id alone: one instance registered on two NodePorts is two
    targets, and a NodePort change is a register of the new port plus a deregister of the old one;
  - a newly registered target reports State "initial", Reason "Elb.RegistrationInProgress" for its
    first ALBC_MOTO_INITIAL_DESCRIBES describes (default 2; the environment variable of this
    process), then "healthy", so a readiness-gate wait really waits;
  - a deregistered target reports "draining" / "Target.DeregistrationInProgress" for its next
    ALBC_MOTO_DRAINING_DESCRIBES describes (default 1), then "unused" / "Target.NotRegistered";
  - a target registered with an AvailabilityZone (``all`` for an IP outside the VPC) is described
    with it (moto drops it).
"""

import json
import os
import sys

from moto.elbv2 import models as elbv2_models
from moto.elbv2.exceptions import InvalidTargetError, TargetNotRunning
from moto.shield.responses import ShieldResponse

INITIAL_DESCRIBES = int(os.environ.get("ALBC_MOTO_INITIAL_DESCRIBES", "2"))
DRAINING_DESCRIBES = int(os.environ.get("ALBC_MOTO_DRAINING_DESCRIBES", "1"))


def _get_subscription_state(self: ShieldResponse) -> str:
    subscribed = getattr(self.shield_backend, "subscription", None) is not None
    return json.dumps({"SubscriptionState": "ACTIVE" if subscribed else "INACTIVE"})


if not hasattr(ShieldResponse, "get_subscription_state"):
    # moto looks the handler up by the action's snake_case name on every request.
    ShieldResponse.get_subscription_state = _get_subscription_state


# ---- elbv2 targets keyed by (Id, Port), with initial and draining states -----------------------

FakeTargetGroup = elbv2_models.FakeTargetGroup


FakeHealthStatus = elbv2_models.FakeHealthStatus
_moto_target = FakeHealthStatus.target


def _target_with_zone(self):
    # moto's, plus the target's AvailabilityZone ("all" for an IP outside the VPC) when it has one
    # (a subclass cannot live here: moto's model metaclass wants a moto module)
    t = dict(_moto_target.fget(self))
    zone = getattr(self, "availability_zone", None)
    if zone:
        t["AvailabilityZone"] = zone
    return t


FakeHealthStatus.target = property(_target_with_zone)


def _health(tid, port, hc_port, state, reason=None, description=None, availability_zone=None):
    h = FakeHealthStatus(tid, port, hc_port, state, reason, description)
    h.availability_zone = availability_zone
    return h


def _port(tg, target):
    return int(target.get("Port") or tg.port or 0)


def _key(tg, target):
    return (target["Id"], _port(tg, target))


def _state(tg):
    # per target group: describes left in "initial" / "draining", by (Id, Port)
    if not hasattr(tg, "_albc_initial"):
        tg._albc_initial = {}
        tg._albc_draining = {}
    return tg._albc_initial, tg._albc_draining


def _register(self, targets):
    initial, draining = _state(self)
    for target in targets:
        instance = self.ec2_backend.get_instance_by_id(target["Id"])
        if instance and instance.state != "running":
            raise TargetNotRunning(instance_id=target["Id"])
        key = _key(self, target)
        if key not in self.targets:
            initial[key] = INITIAL_DESCRIBES
        self.targets[key] = {"Id": target["Id"], "Port": key[1]}
        if target.get("AvailabilityZone"):
            self.targets[key]["AvailabilityZone"] = target["AvailabilityZone"]
        self.deregistered_targets.pop(key, None)
        draining.pop(key, None)


def _deregister(self, targets):
    initial, draining = _state(self)
    for target in targets:
        key = _key(self, target)
        if "Port" not in target:  # AWS: without a port, the target registered on the group's port
            matches = [k for k in self.targets if k[0] == target["Id"]]
            key = matches[0] if len(matches) == 1 else key
        t = self.targets.pop(key, None)
        if not t:
            raise InvalidTargetError()
        initial.pop(key, None)
        draining[key] = DRAINING_DESCRIBES
        self.deregistered_targets[key] = t


def _deregister_terminated_instances(self, instance_ids):
    for key in list(self.targets.keys()):
        if key[0] in instance_ids:
            self.terminated_targets[key] = self.targets.pop(key)


def _health_for(self, target, ec2_backend):
    initial, draining = _state(self)
    key = _key(self, target)
    if "Port" not in target:
        matches = [k for k in self.targets if k[0] == target["Id"]]
        key = matches[0] if len(matches) == 1 else key
    tid, port = key
    t = self.targets.get(key)
    if t is None:
        if draining.get(key, 0) > 0 or key in self.terminated_targets:
            if key in draining:
                draining[key] -= 1
            return FakeHealthStatus(tid, port, self.health_check_port, "draining",
                                    "Target.DeregistrationInProgress", "Target deregistration is in progress")
        return FakeHealthStatus(tid, port, self.health_check_port, "unused",
                                "Target.NotRegistered", "Target is not registered to the target group")
    if tid.startswith("i-"):
        instance = ec2_backend.get_instance_by_id(tid)
        if instance and instance.state == "stopped":
            return FakeHealthStatus(tid, port, self.health_check_port, "unused",
                                    "Target.InvalidState", "Target is in the stopped state")
    az = t.get("AvailabilityZone")
    if initial.get(key, 0) > 0:
        initial[key] -= 1
        return _health(tid, port, self.health_check_port, "initial",
                       "Elb.RegistrationInProgress", "Target registration is in progress", availability_zone=az)
    return _health(tid, port, self.health_check_port, "healthy", availability_zone=az)


def _describe_target_health(self, target_group_arn, targets):
    tg = self.target_groups.get(target_group_arn)
    if tg is None:
        raise elbv2_models.TargetGroupNotFoundError()
    if not targets:  # as AWS: every registered target, and those still draining
        _, draining = _state(tg)
        targets = list(tg.targets.values()) + [
            {"Id": k[0], "Port": k[1]} for k, n in draining.items() if n > 0 and k not in tg.targets]
    return [tg.health_for(t, self.ec2_backend) for t in targets]


FakeTargetGroup.register = _register
FakeTargetGroup.deregister = _deregister
FakeTargetGroup.deregister_terminated_instances = _deregister_terminated_instances
FakeTargetGroup.health_for = _health_for
elbv2_models.ELBv2Backend.describe_target_health = _describe_target_health


def main() -> None:
    from moto.server import main as moto_main

    moto_main(sys.argv[1:] or ["-H", "127.0.0.1", "-p", "15000"])


if __name__ == "__main__":
    main()
