"""The citizen's own choice of channels, and opting out (ADR 0048): read and write, through the kernel.

A choice is keyed by the contacts written on the dossier (its applicant's phone and e-mail, ADR 0036):
most applicants have no account, and the planner (events.plan_events) reads `Preference` and `OptOut`
by contact. Saving writes a Preference per contact, adds or removes the every-channel OptOut, appends a
PreferenceChange (who, from which page, what) and an outbox event, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from motcua.core import kernel

from . import conf
from .events import contacts
from .models import OptOut, Preference, PreferenceChange

TOPIC = "notification_preference.changed"


@dataclass
class Current:
    available: list[str]  # channels the citizen can choose: a contact is known and the channel is on
    channels: list[str]  # what they get today
    opted_out: bool
    chosen: bool  # False: nobody chose, the default applies


def available_channels(found: dict[str, str]) -> list[str]:
    enabled = conf.enabled_channels()
    return [c for c in conf.CHANNELS if c in found and c in enabled]


def current(dossier) -> Current:
    found = contacts(dossier)
    available = available_channels(found)
    values = set(found.values())
    refused = set(OptOut.objects.filter(contact__in=values).values_list("contact", "channel"))
    opted_out = any(channel == "" for _contact, channel in refused)
    preference = (
        Preference.objects.filter(contact__in=values)
        .order_by("-updated_at")
        .values_list("channels", flat=True)
    ).first()
    channels = list(preference) if preference is not None else conf.default_channels()
    channels = [
        c
        for c in channels
        if c in available and (found[c], c) not in refused and (found[c], "") not in refused
    ]
    return Current(available, channels, opted_out, preference is not None or opted_out)


@transaction.atomic
def choose(dossier, *, channels, opted_out: bool, via: str, actor=None, at=None) -> PreferenceChange:
    """Record the citizen's choice for every contact of the dossier. Channels without a contact, or
    switched off, are dropped; no channel at all is an opt-out (recorded as such)."""
    at = at or timezone.now()
    found = contacts(dossier)
    wanted = [c for c in available_channels(found) if c in set(channels)]
    opted_out = opted_out or not wanted
    if opted_out:
        wanted = []
    values = sorted(set(found.values()))
    for contact in values:
        if opted_out:  # the channels stay: messages are still planned, and recorded as skipped
            OptOut.objects.get_or_create(contact=contact, channel="", defaults={"reason": via})
        else:
            Preference.objects.update_or_create(contact=contact, defaults={"channels": wanted})
            OptOut.objects.filter(contact=contact).delete()  # a new choice lifts earlier refusals
    change = PreferenceChange(
        at=at,
        contacts=values,
        channels=wanted,
        opted_out=opted_out,
        via=via,
        dossier_code=dossier.code,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    change.save()  # its key names the event
    kernel.record(
        None,
        TOPIC,
        aggregate_id=change.pk,
        version=None,
        occurred_at=at,
        payload={"dossier_code": dossier.code, "channels": wanted, "opted_out": opted_out, "via": via},
    )
    return change
