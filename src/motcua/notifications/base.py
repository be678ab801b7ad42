"""The provider contract for SMS and Zalo OA, in the shape of the payment plugins (motcua.payments.base).

A provider only talks to its service: it sends one message and says what the service answered. The
delivery records, retries and the "never twice" rule belong to motcua.notifications.delivery, so every
provider is held to them the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OutgoingMessage:
    to: str  # a phone number (SMS, Zalo) or an e-mail address
    body: str
    subject: str = ""
    idempotency_key: str = ""  # the delivery's key: a provider that knows it will not send twice


@dataclass(frozen=True)
class SendResult:
    ok: bool
    reference: str = ""  # the provider's message id
    code: str = ""  # the provider's own answer code, kept for the operator
    retryable: bool = True  # a refusal (bad number) is final; a timeout or 5xx is worth another try
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ConfigCheck:
    ok: bool
    messages: list[str] = field(default_factory=list)


class BaseProvider(ABC):
    identifier: str = ""
    channel: str = ""  # "sms" or "zalo"
    verbose_name: str = ""

    @abstractmethod
    def send(self, message: OutgoingMessage) -> SendResult:
        """Send one message (never raises for the service's answers; raises only on programming errors)."""

    @abstractmethod
    def check_config(self) -> ConfigCheck: ...
