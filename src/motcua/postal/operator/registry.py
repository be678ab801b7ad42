"""Which operator plugin is in use: MOTCUA_POSTAL_OPERATOR = "simulator" (default) or "http"."""

from __future__ import annotations

from functools import cache

from .. import conf
from .http import HttpOperator
from .simulator import SimulatedOperator


@cache
def _simulator() -> SimulatedOperator:
    return SimulatedOperator()


def current():
    name = conf.operator_name()
    if name == "http":
        return HttpOperator(conf.operator_url(), conf.operator_token())
    if name == "simulator":
        return _simulator()
    raise ValueError(f"unknown postal operator {name!r} (simulator or http)")
