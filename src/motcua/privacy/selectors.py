"""Who may see the read log and export a person's data; one person's reads (ADR 0053)."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.core import readlog
from motcua.org import selectors as org

from .models import PersonalDataRead


def audited_provinces(user) -> set[int] | None:
    """Province ids whose reads `user` may see (None: every province). A supervisor with a province or
    system scope is the data-protection officer of that scope; a superuser sees everything."""
    if user.is_superuser:
        return None
    return org.supervised_provinces(user)


def may_audit(user) -> bool:
    provinces = audited_provinces(user)
    return provinces is None or bool(provinces)


def may_export(user) -> bool:
    """An export gathers a person's data from every province: a system-wide supervisor or a superuser."""
    return audited_provinces(user) is None


def reads_of(id_number: str, user) -> QuerySet[PersonalDataRead]:
    rows = PersonalDataRead.objects.filter(subject_key=readlog.subject_key(id_number))
    provinces = audited_provinces(user)
    if provinces is not None:
        rows = rows.filter(province_id__in=provinces)
    return rows.order_by("-at", "-pk")
