"""Account reads."""

from __future__ import annotations

from .models import CitizenProfile


def citizen_of(user) -> CitizenProfile | None:
    """The citizen profile of a signed-in user (`user.citizen`), None for officers and anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CitizenProfile.objects.filter(user=user).first()
