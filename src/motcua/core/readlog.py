"""Who read which person's data: one append-only row per read of a full ID number or a stored document.

A view or selector that reveals personal data calls `record(...)` (one INSERT, outside any transaction
of its own); the table is named by the setting MOTCUA_READ_LOG_MODEL (default "privacy.PersonalDataRead",
ADR 0053), as the kernel names its outbox, so the apps below the privacy app can record without
importing it. An empty setting turns the log off (a benchmark's baseline, never production).

The row keeps the person as a keyed hash of the ID number (`subject_key`) and the masked number: the log
of reads holds no ID number, finds one person's reads by equality, and outlives the pseudonymisation of
the dossiers it points at.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from .fast import rows

log = logging.getLogger("motcua.readlog")

# What was read (the `field` column).
ID_NUMBER = "id_number"
DOCUMENT = "document"
RESULT = "result"
EXPORT = "export"


def subject_key(id_number: str) -> str:
    """The keyed hash that stands for a person in the read log (HMAC-SHA256 of the 12 digits)."""
    key = (getattr(settings, "MOTCUA_PRIVACY_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(key, (id_number or "").strip().encode(), hashlib.sha256).hexdigest()[:40]


def _model():
    name = getattr(settings, "MOTCUA_READ_LOG_MODEL", "privacy.PersonalDataRead")
    return apps.get_model(name) if name else None


def _source(request) -> str:
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    where = (
        f"{match.namespace}:{match.url_name}" if match and match.namespace else getattr(match, "url_name", "")
    )
    return f"{request.method} {where or request.path}"[:120]


def record(
    actor,
    *,
    id_number: str,
    field: str,
    dossier=None,
    ref: str = "",
    request=None,
    source: str = "",
) -> None:
    """Append one read: `actor` (a user) read `field` of the person `id_number` (on `dossier`, the
    document or result `ref`), from `request`'s page or API (or `source`, e.g. "cli")."""
    model = _model()
    if model is None or not id_number:
        return
    user = actor if getattr(actor, "is_authenticated", False) else None
    rows.insert(
        rows.new(
            model,
            at=timezone.now(),
            officer_id=getattr(user, "pk", None),
            officer_name=(user.get_username() if user else "")[:150],
            subject_key=subject_key(id_number),
            masked=("*" * 9 + id_number[-3:])[-12:] if len(id_number) > 3 else "***",
            dossier_code=getattr(dossier, "code", "") or "",
            province_id=getattr(dossier, "province_id", None),
            field=field,
            ref=str(ref)[:64],
            source=(source or _source(request))[:120],
        )
    )
