"""The event topics of broker cases (the write kernel's schema, core/kernel.py; docs/events.md).

The payload carries the case id, province code, subject kind, score and status, never the subject itself
(an ID number, a phone: personal data)."""

from motcua.core.kernel import iso, topic

FIELDS = ("case_id", "province", "kind", "score", "status", "previous_status", "at")
TOPICS = {
    "flagged": "broker_case.flagged",
    "rescored": "broker_case.rescored",
    "reopened": "broker_case.reopened",
    "dismissed": "broker_case.dismissed",
    "watching": "broker_case.watching",
}
DOCS = {
    "flagged": "The nightly scan found a new contact at or above the threshold: a case for a supervisor.",
    "rescored": "A later scan gave an open or watched case another score.",
    "reopened": "A dismissed case came back: its score rose by at least 20 since it was dismissed.",
    "dismissed": "A supervisor dismissed the case with a reason (not a broker).",
    "watching": "A supervisor confirmed signs of a broker; the case is watched.",
}
for _action, _name in TOPICS.items():
    topic(_name, aggregate="broker_case", fields=FIELDS, doc=DOCS[_action])


def payload(case, *, previous_status: str, at) -> dict:
    return {
        "case_id": case.pk,
        "province": case.province.code,
        "kind": case.kind,
        "score": case.score,
        "status": case.status,
        "previous_status": previous_status,
        "at": iso(at),
    }
