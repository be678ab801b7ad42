"""What can go wrong at the simulated gateway, switched at run time (POST /_control/faults) by tests.

ipn_delay       seconds before the IPN is sent (a late webhook)
ipn_twice       send the IPN twice
ipn_never       never send the IPN
return_never    the payer never comes back (no redirect: the page only says "you may close it")
bad_signature   sign return, IPN and API answers with a wrong key
amount_delta    add this many đồng to the amount signed in return and IPN (a tampered amount)
api_delay       seconds the merchant API waits before answering (a timeout for a short client)
api_error       the merchant API answers HTTP 500
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass
class Faults:
    ipn_delay: float = 0.0
    ipn_twice: bool = False
    ipn_never: bool = False
    return_never: bool = False
    bad_signature: bool = False
    amount_delta: int = 0
    api_delay: float = 0.0
    api_error: bool = False

    def update(self, data: dict) -> None:
        known = {f.name: f.type for f in fields(self)}
        for name, value in data.items():
            if name not in known:
                raise ValueError(f"unknown fault {name!r}")
            current = getattr(self, name)
            setattr(self, name, type(current)(value))

    def as_dict(self) -> dict:
        return asdict(self)
