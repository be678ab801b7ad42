"""How many dossiers, through which channel, for which procedures, and what happens to them.

Figures from DOMAIN.md (Hà Nội, 1 July – 23 September 2025): 40% in person, 60% online, 0.24% postal,
99.85% on time; 66,000 dossiers in the first three weeks. The shares of the processing outcomes
(supplements, withdrawals, refusals) are not published: the defaults below are assumptions written
down in docs/decisions/0010-trial-operation-simulator.md, and every one of them is a parameter. Which
procedures people ask for most is the catalog's one list (motcua.catalog.demand).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

HANOI_DOSSIERS = 66_000
HANOI_DAYS = 21


@dataclass(frozen=True)
class Mix:
    online: float = 0.60
    postal: float = 0.0024
    late: float = 0.0015  # 99.85% on time
    not_accepted: float = 0.02  # online dossiers refused at acceptance
    late_acceptance: float = 0.03  # accepted after the 8 working hours
    supplement: float = 0.04  # a supplement request during processing
    supplement_never_back: float = 0.15  # of those: the applicant does not come back in the period
    withdrawal: float = 0.01
    stop: float = 0.001
    refusal: float = 0.02
    apology: float = 0.6  # of the late dossiers: an apology letter and a new appointment first
    away_from_home: float = 0.15  # counter dossiers filed in another commune than the applicant's
    postal_result: float = 0.05  # counter dossiers whose result is sent by post
    online_result_by_post: float = 0.2
    online_result_at_counter: float = 0.3  # the rest: the electronic result only
    online_result_sent: float = (
        0.1  # of the electronic results: sent by an officer, the applicant never took it
    )
    weekend_online: float = 0.15  # a weekend or holiday day's online volume, relative to a working day
    late_days: float = 1.5  # a late decision comes up to this many working days after the due moment
    # Relative weight of procedures whose time limit the catalog could not read (they have no due
    # moment, so they are never late): 1 keeps the popularity as it is.
    untimed_weight: float = 1.0
    # Share of dossiers steered to the documented demo accounts' places and agencies (World.featured).
    focus: float = 0.0
    focus_late: float = 0.0  # of those: late (so the demo accounts' "late" queues are not empty)
    # Planted document brokers ("cò hồ sơ", motcua.integrity): the share of counter and postal dossiers
    # that one of `broker_count` brokers hands in for an unrelated applicant, and the share that a
    # relative living at the applicant's address hands in (the family case the detector must leave alone).
    brokers: float = 0.0
    broker_count: int = 6
    relatives: float = 0.0

    def with_overrides(self, **values) -> Mix:
        return replace(self, **values)


REALISTIC = Mix()
# The history `motcua bootstrap` loads: a few hundred dossiers, with enough late, supplement and
# pending ones that every queue of the officer workspace has something in it.
DEMO = Mix(
    late=0.08,
    supplement=0.08,
    withdrawal=0.015,
    refusal=0.03,
    late_days=4.0,
    untimed_weight=0.25,
    focus=0.5,
    focus_late=0.25,
)

# Arrivals at the counters per half hour of the office day (08:00 … 16:30): a morning peak around
# 09:30–10:30, a smaller one around 14:00–15:00, quiet before closing.
COUNTER_HALF_HOURS: tuple[tuple[int, int, float], ...] = (
    (8, 0, 0.7), (8, 30, 1.0), (9, 0, 1.3), (9, 30, 1.45), (10, 0, 1.4), (10, 30, 1.2),
    (11, 0, 1.0), (11, 30, 0.55), (13, 0, 0.6), (13, 30, 0.9), (14, 0, 1.1), (14, 30, 1.1),
    (15, 0, 0.95), (15, 30, 0.8), (16, 0, 0.55), (16, 30, 0.3),
)  # fmt: skip
# Online submissions per hour of the day (0 … 23): office hours, and an evening peak after work.
ONLINE_HOURS: tuple[float, ...] = (
    0.15, 0.08, 0.05, 0.04, 0.05, 0.15, 0.4, 0.8, 1.3, 1.6, 1.6, 1.4,
    0.9, 1.1, 1.5, 1.5, 1.3, 1.0, 0.8, 0.9, 1.0, 0.9, 0.6, 0.3,
)  # fmt: skip
# Relative volume by weekday (Monday first): Mondays busiest, Fridays quieter.
WEEKDAY_FACTORS = (1.15, 1.05, 1.0, 1.0, 0.9, 0.6, 0.5)
