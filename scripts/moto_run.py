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

Changed behaviour (elbv2 listeners and rules), so that the fields of issue 15's annotations are
stored and returned as AWS does (moto 5.2.5 ignores the first two and rejects the third):
  - a listener's MutualAuthentication (CreateListener, ModifyListener) is stored, checked (mode off,
    passthrough or verify; verify needs the ARN of an existing trust store) and described;
  - a rule's Transforms (CreateRule, ModifyRule; ResetTransforms drops them) are stored and described;
  - jwt-validation actions (JwtValidationConfig with JwksEndpoint and Issuer) are accepted;
  - an authenticate-oidc action needs its ClientSecret (albc always sends it; UseExistingClientSecret
    is not emulated), which is kept and never described (AWS does not return it).
Added actions: elbv2 CreateTrustStore, DescribeTrustStores (by TrustStoreArns or Names; an unknown
one is TrustStoreNotFound) and DeleteTrustStore, minimal (no CA bundle is read from S3).

Changed behaviour (acm ListCertificates), so that the certificates albc requests (create-acm-cert) are
found again as on AWS: each summary carries SubjectAlternativeNameSummaries (the certificate's names,
at most 100) and HasAdditionalSubjectAlternativeNames, which AWS returns and moto 5.2.5 leaves out
(it returns the describe fields instead); albc compares a certificate's names by them, as the
reference controller does.
"""

import json
import os
import sys

from moto.elbv2 import models as elbv2_models
from moto.elbv2.exceptions import ELBClientError, InvalidTargetError, TargetNotRunning
from moto.elbv2.responses import ELBV2Response
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal import mock_random
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


# ---- elbv2 mutual TLS, transforms, jwt-validation, OIDC client secrets, trust stores -------------


class _ValidationError(ELBClientError):
    def __init__(self, message):
        super().__init__("ValidationError", message)


class _TrustStoreNotFound(ELBClientError):
    def __init__(self, what):
        super().__init__("TrustStoreNotFound", f"Trust store '{what}' not found")


def _trust_stores(backend):
    if not hasattr(backend, "_albc_trust_stores"):
        backend._albc_trust_stores = {}  # ARN -> TrustStore description
    return backend._albc_trust_stores


def _create_trust_store(self):
    params = self._get_params()
    name = params.get("Name")
    stores = _trust_stores(self.elbv2_backend)
    if any(t["Name"] == name for t in stores.values()):
        raise ELBClientError("DuplicateTrustStoreName", f"A trust store with the name '{name}' already exists")
    if not params.get("CaCertificatesBundleS3Bucket") or not params.get("CaCertificatesBundleS3Key"):
        raise _ValidationError("CaCertificatesBundleS3Bucket and CaCertificatesBundleS3Key are required")
    arn = (f"arn:aws:elasticloadbalancing:{self.region}:{self.current_account}:truststore/{name}/"
           f"{mock_random.get_random_hex(16)}")
    stores[arn] = {"Name": name, "TrustStoreArn": arn, "Status": "ACTIVE", "NumberOfCaCertificates": 1,
                   "TotalRevokedEntries": 0}
    return ActionResult({"TrustStores": [stores[arn]]})


def _describe_trust_stores(self):
    params = self._get_params()
    stores = _trust_stores(self.elbv2_backend)
    arns = params.get("TrustStoreArns") or []
    names = params.get("Names") or []
    out = list(stores.values())
    for arn in arns:
        if arn not in stores:
            raise _TrustStoreNotFound(arn)
    for name in names:
        if not any(t["Name"] == name for t in out):
            raise _TrustStoreNotFound(name)
    if arns:
        out = [t for t in out if t["TrustStoreArn"] in arns]
    if names:
        out = [t for t in out if t["Name"] in names]
    return ActionResult({"TrustStores": out})


def _delete_trust_store(self):
    arn = self._get_param("TrustStoreArn")
    stores = _trust_stores(self.elbv2_backend)
    if arn not in stores:
        raise _TrustStoreNotFound(arn)
    del stores[arn]
    return EmptyResult()


ELBV2Response.create_trust_store = _create_trust_store
ELBV2Response.describe_trust_stores = _describe_trust_stores
ELBV2Response.delete_trust_store = _delete_trust_store


def _mutual_authentication(backend, ma):
    # as AWS describes it: the mode, and for verify the trust store and its two options
    mode = ma.get("Mode")
    if mode not in ("off", "passthrough", "verify"):
        raise _ValidationError(f"Mutual authentication mode '{mode}' is not one of off, passthrough, verify")
    if mode != "verify":
        if ma.get("TrustStoreArn"):
            raise _ValidationError(f"A trust store cannot be given with mutual authentication mode '{mode}'")
        return {"Mode": mode}
    arn = ma.get("TrustStoreArn")
    if not arn:
        raise _ValidationError("Mutual authentication mode 'verify' needs a TrustStoreArn")
    if arn not in _trust_stores(backend):
        raise _TrustStoreNotFound(arn)
    return {"Mode": "verify", "TrustStoreArn": arn,
            "IgnoreClientCertificateExpiry": ma.get("IgnoreClientCertificateExpiry") in (True, "true"),
            "TrustStoreAssociationStatus": "active",
            "AdvertiseTrustStoreCaNames": ma.get("AdvertiseTrustStoreCaNames") or "off"}


def _with_mutual_authentication(moto_method):
    def method(self):
        ma = self._get_params().get("MutualAuthentication")
        stored = _mutual_authentication(self.elbv2_backend, ma) if ma else None
        result = moto_method(self)
        if stored is not None:
            result.result["Listeners"][0].mutual_authentication = stored
        return result
    return method


ELBV2Response.create_listener = _with_mutual_authentication(ELBV2Response.create_listener)
ELBV2Response.modify_listener = _with_mutual_authentication(ELBV2Response.modify_listener)


def _create_rule_with_transforms(moto_create):
    def method(self):
        transforms = self._get_params().get("Transforms")
        result = moto_create(self)
        if transforms:
            result.result["Rules"][0].transforms = transforms
        return result
    return method


def _modify_rule(self):
    # moto's refuses a ModifyRule without conditions and actions, and ignores transforms
    params = self._get_params()
    arn = params.get("RuleArn")
    if params.get("Conditions") or params.get("Actions"):
        rule = _moto_modify_rule(self).result["Rules"][0]
    elif "Transforms" in params or params.get("ResetTransforms"):
        rules = self.elbv2_backend.describe_rules(listener_arn=None, rule_arns=[arn])
        rule = rules[0]
    else:
        return _moto_modify_rule(self)
    if params.get("ResetTransforms") in (True, "true"):
        rule.transforms = []
    elif "Transforms" in params:
        rule.transforms = params.get("Transforms") or []
    return ActionResult({"Rules": [rule]})


_moto_modify_rule = ELBV2Response.modify_rule
ELBV2Response.create_rule = _create_rule_with_transforms(ELBV2Response.create_rule)
ELBV2Response.modify_rule = _modify_rule
elbv2_models.FakeListenerRule.transforms = []
elbv2_models.FakeRule.transforms = []
elbv2_models.FakeListener.mutual_authentication = None

if "jwt-validation" not in elbv2_models.ALLOWED_ACTIONS:
    elbv2_models.ALLOWED_ACTIONS.append("jwt-validation")
_moto_validate_actions = elbv2_models.ELBv2Backend._validate_actions


def _validate_actions(self, actions):
    for i, a in enumerate(actions):
        if a.type == "jwt-validation":
            cfg = a.data.get("JwtValidationConfig") or {}
            if not cfg.get("JwksEndpoint") or not cfg.get("Issuer"):
                raise _ValidationError(f"Action {i + 1} (jwt-validation) needs JwtValidationConfig with "
                                       "JwksEndpoint and Issuer")
        if a.type == "authenticate-oidc":
            cfg = a.data.get("AuthenticateOidcConfig") or {}
            if not getattr(a, "_albc_client_secret", None):
                raise _ValidationError(f"Action {i + 1} (authenticate-oidc) needs a ClientSecret")
            for k in ("Issuer", "AuthorizationEndpoint", "TokenEndpoint", "UserInfoEndpoint", "ClientId"):
                if not cfg.get(k):
                    raise _ValidationError(f"Action {i + 1} (authenticate-oidc) needs {k}")
    _moto_validate_actions(self, [a for a in actions if a.type != "jwt-validation"])


elbv2_models.ELBv2Backend._validate_actions = _validate_actions

_moto_action_init = elbv2_models.FakeAction.__init__


def _action_init(self, data):
    # the client secret is kept, never described (AWS does not return it)
    cfg = data.get("AuthenticateOidcConfig")
    secret = None
    if isinstance(cfg, dict):
        cfg = dict(cfg)
        secret = cfg.pop("ClientSecret", None)
        data = dict(data, AuthenticateOidcConfig=cfg)
    _moto_action_init(self, data)
    self._albc_client_secret = secret


elbv2_models.FakeAction.__init__ = _action_init


# ---- acm ListCertificates with SubjectAlternativeNameSummaries ----------------------------------

from moto.acm.responses import AWSCertificateManagerResponse  # noqa: E402

_moto_list_certificates = AWSCertificateManagerResponse.list_certificates


def _list_certificates(self):
    result = _moto_list_certificates(self)
    for summary in result.result["CertificateSummaryList"]:
        names = list(summary.get("SubjectAlternativeNames") or [])
        summary["SubjectAlternativeNameSummaries"] = names[:100]
        summary["HasAdditionalSubjectAlternativeNames"] = len(names) > 100
    return result


AWSCertificateManagerResponse.list_certificates = _list_certificates


def main() -> None:
    from moto.server import main as moto_main

    moto_main(sys.argv[1:] or ["-H", "127.0.0.1", "-p", "15000"])


if __name__ == "__main__":
    main()
