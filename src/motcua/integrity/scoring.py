"""Broker ("cò hồ sơ") risk scoring: pure Python over plain values, no Django.

A subject is a contact that shows up on dossiers: the ID number of a person who hands dossiers in for
others (submitter), a phone number or an e-mail written on a dossier, a citizen account that files online,
or the phone that books queue numbers. Each rule looks at what one subject did in a window and adds
points with its evidence; a subject at or above THRESHOLD becomes a case for a supervisor to review.

Relatives are not brokers: applicants who share a home address are one household (a union-find over the
folded addresses), and a submitter's own household does not count, so a son filing for his parents and
his grandmother scores nothing while a stranger filing for five unrelated families does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

THRESHOLD = 60
MAX_SCORE = 100
MIN_DOSSIERS = 3  # fewer dossiers (or bookings) behind one contact are no pattern: not scored at all

SUBMITTER, PHONE, EMAIL, ACCOUNT, BOOKER = "submitter", "phone", "email", "account", "booker"
KINDS = (SUBMITTER, PHONE, EMAIL, ACCOUNT, BOOKER)


@dataclass(frozen=True, slots=True)
class Filing:
    """One dossier as the rules see it."""

    dossier_id: int
    code: str
    day: date
    applicant: str  # the applicant's identity: ID number, or folded name + birth date
    household: str  # the applicant's folded home address ("" when unknown)
    commune: int | None  # the applicant's commune
    procedure: str
    place: int | None
    submitter: str = ""  # the submitter's ID number, when someone else handed it in
    submitter_household: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    account: str = ""  # the citizen account that submitted online


@dataclass(frozen=True, slots=True)
class Booking:
    """One queue number booked ahead."""

    ticket_id: int
    day: date
    place: int | None
    phone: str
    person: str  # the ID number, or the folded name, the number was booked for
    missed: bool  # booked and never came (expired or cancelled without being served)


@dataclass(frozen=True, slots=True)
class Evidence:
    rule: str
    points: int
    count: int  # the figure the rule measured (applicants, communes, bookings…)
    dossiers: tuple[int, ...] = ()
    tickets: tuple[int, ...] = ()


@dataclass(slots=True)
class Risk:
    kind: str
    value: str
    score: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    filings: int = 0
    bookings: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.value)

    def add(self, evidence: Evidence) -> None:
        self.evidence.append(evidence)
        self.score = min(MAX_SCORE, self.score + evidence.points)


class _Households:
    """Union-find over applicants: those who share a home address are one household."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent.setdefault(parent, parent)
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def households(filings: list[Filing]) -> _Households:
    found = _Households()
    for f in filings:
        found.find("a:" + f.applicant)
        if f.household:
            found.union("a:" + f.applicant, "h:" + f.household)
        if f.submitter and f.submitter_household:
            found.union("a:" + f.submitter, "h:" + f.submitter_household)
    return found


def _subjects(filings: list[Filing]) -> dict[tuple[str, str], list[Filing]]:
    by: dict[tuple[str, str], list[Filing]] = defaultdict(list)
    for f in filings:
        if f.submitter:
            by[(SUBMITTER, f.submitter)].append(f)
        for phone in set(f.phones):
            by[(PHONE, phone)].append(f)
        for email in set(f.emails):
            by[(EMAIL, email)].append(f)
        if f.account:
            by[(ACCOUNT, f.account)].append(f)
    return by


def _redundant(kind: str, own: list[Filing]) -> bool:
    """A phone or e-mail all of whose dossiers were handed in by one submitter adds nothing to that
    submitter's own case: one person, one case."""
    if kind not in (PHONE, EMAIL):
        return False
    submitters = {f.submitter for f in own}
    return len(submitters) == 1 and "" not in submitters


def _ids(filings: list[Filing]) -> tuple[int, ...]:
    return tuple(sorted({f.dossier_id for f in filings}))


def _score_filings(risk: Risk, own: list[Filing], found: _Households) -> None:
    risk.filings = len({f.dossier_id for f in own})
    families = {found.find("a:" + f.applicant) for f in own}
    if risk.kind == SUBMITTER:
        unrelated = len(families - {found.find("a:" + risk.value)})
    else:
        unrelated = len(families) - 1  # a phone, e-mail or account belongs to one household of them
    if unrelated >= 3:
        risk.add(Evidence("unrelated_applicants", min(80, 40 + 10 * (unrelated - 3)), unrelated, _ids(own)))
    elif unrelated == 2:
        risk.add(Evidence("unrelated_applicants", 20, unrelated, _ids(own)))
    if unrelated < 2:
        return  # the rules below only sharpen a subject that already serves strangers
    communes = {f.commune for f in own if f.commune is not None}
    if len(communes) >= 3:
        risk.add(Evidence("many_communes", 10, len(communes), _ids(own)))
    procedures = {f.procedure for f in own}
    if len(procedures) >= 3:
        risk.add(Evidence("many_procedures", 10, len(procedures), _ids(own)))
    places = {f.place for f in own if f.place is not None}
    if len(places) >= 2:
        risk.add(Evidence("many_places", 10, len(places), _ids(own)))
    per_day: dict[date, list[Filing]] = defaultdict(list)
    for f in own:
        per_day[f.day].append(f)
    busiest = max(per_day.values(), key=len)
    if len(busiest) >= 4:
        risk.add(Evidence("burst", 15, len(busiest), _ids(busiest)))


def _score_bookings(risk: Risk, own: list[Booking]) -> None:
    risk.bookings = len(own)
    people = {b.person for b in own if b.person}
    if len(people) >= 3:
        ids = tuple(sorted(b.ticket_id for b in own))
        risk.add(Evidence("bookings_for_many", min(60, 40 + 5 * (len(people) - 3)), len(people), tickets=ids))
    missed = [b for b in own if b.missed]
    if len(missed) >= 2:
        risk.add(
            Evidence("bookings_missed", 20, len(missed), tickets=tuple(sorted(b.ticket_id for b in missed)))
        )


def score(filings: list[Filing], bookings: list[Booking] = ()) -> list[Risk]:
    """Every subject with any points, highest first (ties by kind and value, so the order is stable)."""
    found = households(filings)
    risks: list[Risk] = []
    for (kind, value), own in _subjects(filings).items():
        if len(own) < MIN_DOSSIERS or _redundant(kind, own):
            continue
        risk = Risk(kind, value)
        _score_filings(risk, own, found)
        if risk.score:
            risks.append(risk)
    booked: dict[str, list[Booking]] = defaultdict(list)
    for b in bookings:
        if b.phone:
            booked[b.phone].append(b)
    for phone, own in booked.items():
        if len(own) < MIN_DOSSIERS:
            continue
        risk = Risk(BOOKER, phone)
        _score_bookings(risk, own)
        if risk.score:
            risks.append(risk)
    risks.sort(key=lambda r: (-r.score, r.kind, r.value))
    return risks


def flagged(risks: list[Risk], threshold: int = THRESHOLD) -> list[Risk]:
    return [r for r in risks if r.score >= threshold]


@dataclass(frozen=True, slots=True)
class Quality:
    precision: float
    recall: float
    flagged: int
    true_positive: int
    planted: int


def precision_recall(risks: list[Risk], owners: dict[tuple[str, str], str], planted: set[str],
                     threshold: int = THRESHOLD) -> Quality:  # fmt: skip
    """How well the flags find the planted brokers.

    `owners` maps a subject (kind, value) to the planted broker it belongs to; `planted` is the set of
    brokers that were active in the window. Precision counts flagged subjects, recall counts brokers
    (a broker is found when any of its subjects is flagged)."""
    hits = flagged(risks, threshold)
    true = [r for r in hits if owners.get(r.key) in planted]
    found = {owners[r.key] for r in true}
    precision = len(true) / len(hits) if hits else 1.0
    recall = len(found) / len(planted) if planted else 1.0
    return Quality(precision, recall, len(hits), len(true), len(planted))
