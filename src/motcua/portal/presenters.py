"""A dossier as the citizen sees it: plain status, timeline in plain words, the due moment.

Shared by public tracking (/tra-cuu/) and "my dossiers"; the wording lives in plain.py."""

from __future__ import annotations

from django.utils.translation import gettext

from motcua.dossiers import deadlines

from . import plain


def status(state: str) -> dict:
    return {
        "code": state,
        "label": gettext(plain.status_label(state)),
        "text": gettext(plain.status_text(state)),
        "tone": plain.status_tone(state),
    }


def timeline(dossier, *, with_notes: bool) -> list[dict]:
    """Newest first. Notes are shown only where they are a reason given to the citizen (and only to the
    owner: public tracking shows no free text)."""
    rows = []
    for at, action, note in dossier.tracking.order_by("at", "id").values_list("at", "action", "note"):
        shown = note if with_notes and action in plain.NOTE_SHOWN else ""
        rows.append({"at": at, "text": gettext(plain.timeline_line(action)), "note": shown})
    rows.reverse()
    return rows


def due(dossier) -> dict | None:
    """What the citizen waits for and until when: acceptance of an online dossier, then the result."""
    due = deadlines.due_moment(dossier, promised=True)  # the appointment the applicant was given
    if due.at is None or not deadlines.clock_runs(dossier.status):
        return None
    if due.kind == deadlines.ACCEPTANCE:
        return {"at": due.at, "label": gettext("Cán bộ nhận hồ sơ chậm nhất lúc")}
    return {"at": due.at, "label": gettext("Hẹn trả kết quả")}
