"""The payment plugin contract (Open Forms' shape): what every gateway integration implements.

A plugin turns our transaction into a redirect to the gateway (`start`), reads the payer's return and
the gateway's server-to-server notification (`handle_return`, `handle_webhook`), asks the gateway for a
transaction's status (`poll_status`), refunds (`refund`), and says whether its configuration works
(`check_config`). Plugins only talk to the gateway and verify what it says; the services decide what it
means for our records (motcua.payments.services), so every plugin settles payments the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpResponse

from .states import Outcome

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import PaymentTransaction


@dataclass(frozen=True)
class StartInfo:
    """Where to send the payer: a URL to redirect to, or a form to post (method, URL, fields)."""

    url: str
    method: str = "GET"
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GatewayResult:
    """A verified answer of the gateway about one of our transactions."""

    reference: str  # our reference (vnp_TxnRef)
    outcome: Outcome
    amount: int | None = None  # đồng, as the gateway signed it
    gateway_reference: str = ""  # the gateway's transaction number
    bank: str = ""
    code: str = ""  # the gateway's own response code, kept for the operator
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RefundResult:
    ok: bool
    gateway_reference: str = ""
    code: str = ""
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ConfigCheck:
    ok: bool
    messages: list[str] = field(default_factory=list)


class BasePlugin(ABC):
    identifier: str = ""
    verbose_name: str = ""

    @abstractmethod
    def start(self, transaction: PaymentTransaction, *, return_url: str, client_ip: str) -> StartInfo: ...

    @abstractmethod
    def handle_return(self, request: HttpRequest) -> GatewayResult:
        """The payer came back from the gateway: verify what the redirect says (raises BadSignature)."""

    @abstractmethod
    def handle_webhook(self, request: HttpRequest) -> GatewayResult:
        """The gateway's notification (IPN): verify it (raises BadSignature)."""

    @abstractmethod
    def webhook_response(self, status: str, *, error_code: str = "") -> HttpResponse:
        """What the gateway expects back from the webhook endpoint for `status`:
        "ok", "duplicate", "not_found", "amount", "signature" or "error"."""

    @abstractmethod
    def poll_status(self, transaction: PaymentTransaction) -> GatewayResult:
        """Ask the gateway (raises GatewayUnavailable when it does not answer)."""

    @abstractmethod
    def refund(self, transaction: PaymentTransaction, amount: int, *, actor_name: str) -> RefundResult: ...

    @abstractmethod
    def check_config(self) -> ConfigCheck:
        """Is the configuration complete and does the gateway answer? For operators."""
