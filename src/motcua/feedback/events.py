"""The event topics of ratings and feedback (the write kernel's schema, core/kernel.py; docs/events.md).

The payload carries codes, ids, scores and moments, never the citizen's text or name."""

from motcua.core.kernel import iso, topic

SCORES = ("access", "procedure", "officer", "result", "handling")
RATING_FIELDS = ("dossier_code", "scores", "improve", "at")
FEEDBACK_FIELDS = (
    "kind",
    "action",
    "status",
    "previous_status",
    "dossier_code",
    "place_id",
    "agency_id",
    "province_id",
    "due_at",
    "at",
)
FEEDBACK_TOPICS = {"send": "feedback.sent", "answer": "feedback.answered"}

topic(
    "rating.submitted",
    aggregate="rating",
    fields=RATING_FIELDS,
    doc="The dossier's owner rated it (SIPAS factors 1–5; `scores` maps factor to score, empty if skipped).",
)
topic(
    "feedback.sent",
    aggregate="feedback",
    fields=FEEDBACK_FIELDS,
    doc="A citizen sent feedback or a complaint about a dossier or a place (the answer is due at `due_at`).",
)
topic(
    "feedback.answered",
    aggregate="feedback",
    fields=FEEDBACK_FIELDS,
    doc="An officer answered the feedback or complaint.",
)


def rating_payload(rating, dossier) -> dict:
    return {
        "dossier_code": dossier.code,
        "scores": {name: getattr(rating, name) for name in SCORES},
        "improve": list(rating.improve),
        "at": iso(rating.created_at),
    }


def feedback_payload(item, *, action: str, previous_status: str, at) -> dict:
    return {
        "kind": item.kind,
        "action": action,
        "status": str(item.status),
        "previous_status": str(previous_status) or None,
        "dossier_code": item.dossier.code if item.dossier_id else None,
        "place_id": item.place_id,
        "agency_id": item.agency_id,
        "province_id": item.province_id,
        "due_at": iso(item.due_at),
        "at": iso(at),
    }
