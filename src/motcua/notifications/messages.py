"""The messages' words: Vietnamese templates (templates/notifications/messages/KIND.txt: subject on the
first line, then the e-mail body; KIND_short.txt: SMS and Zalo), rendered without HTML escaping.

SMS goes without diacritics (core.text.unaccent): one part holds 160 GSM characters instead of 70 in
UCS-2, and some handsets still show accented SMS badly. Zalo and e-mail keep them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from django.utils import timezone

from motcua.core.text import unaccent

from .conf import EMAIL, SMS

TEMPLATES = Path(__file__).resolve().parent / "templates" / "notifications" / "messages"


@cache
def _engine() -> Engine:
    dirs = [*getattr(settings, "MOTCUA_NOTIFY_TEMPLATE_DIRS", []), str(TEMPLATES)]
    return Engine(dirs=dirs, autoescape=False)


def local_moment(moment) -> str:
    """'09:00 ngày 05/03/2026', Vietnam time."""
    if not moment:
        return ""
    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y")


def render(kind: str, channel: str, context: dict) -> tuple[str, str]:
    """(subject, body) of `kind` for `channel`."""
    if channel == EMAIL:
        text = _engine().get_template(f"{kind}.txt").render(Context(context)).strip()
        subject, _sep, body = text.partition("\n")
        return subject.strip(), body.strip() + "\n"
    body = " ".join(_engine().get_template(f"{kind}_short.txt").render(Context(context)).split())
    return "", unaccent(body) if channel == SMS else body
