"""The contract every postal operator plugin fulfils (see contract.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


@dataclass(frozen=True)
class Announcement:
    accepted: list[str]
    tracking_numbers: dict[str, str] = field(default_factory=dict)


class Operator(Protocol):
    name: str

    def announce(self, payload: dict) -> Announcement:
        """Tell the operator about the items of a record signed both ways (contract §1)."""

    def check(self) -> CheckResult:
        """Does the connection work (configuration present, operator reachable)?"""
