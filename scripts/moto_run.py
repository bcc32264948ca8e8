"""Start moto's server with the few actions albc needs that moto lacks.

Used by scripts/test-env; takes moto_server's own arguments, e.g.
    python scripts/moto_run.py -H 127.0.0.1 -p 15000

Added actions:
  shield:GetSubscriptionState  ACTIVE when CreateSubscription was called, else INACTIVE
                               (the AWS Load Balancer Controller asks this before it
                               protects a load balancer; moto 5.2.x answers HTTP 500).
"""

import json
import sys

from moto.shield.responses import ShieldResponse


def _get_subscription_state(self: ShieldResponse) -> str:
    subscribed = getattr(self.shield_backend, "subscription", None) is not None
    return json.dumps({"SubscriptionState": "ACTIVE" if subscribed else "INACTIVE"})


if not hasattr(ShieldResponse, "get_subscription_state"):
    # moto looks the handler up by the action's snake_case name on every request.
    ShieldResponse.get_subscription_state = _get_subscription_state


def main() -> None:
    from moto.server import main as moto_main

    moto_main(sys.argv[1:] or ["-H", "127.0.0.1", "-p", "15000"])


if __name__ == "__main__":
    main()
