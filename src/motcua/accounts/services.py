"""Account writes: a citizen's sign-in creates or updates their user and profile.

One transaction; the profile is found by (issuer, subject) only, under a row lock so two sign-ins of the
same person at once cannot create two accounts; each creation or change appends a CitizenEvent.
"""

from __future__ import annotations

import hashlib
import logging

from django.db import IntegrityError, transaction

from motcua.core.masking import mask_id

from .claims import CitizenClaims
from .models import CitizenEvent, CitizenProfile, User

log = logging.getLogger("motcua.accounts")


def citizen_username(issuer: str, subject: str) -> str:
    """A stable, opaque username: never the personal ID or e-mail (they can change or be reused)."""
    return "citizen-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:32]


def sign_in_citizen(*, issuer: str, claims: CitizenClaims) -> User:
    try:
        with transaction.atomic():
            return _sign_in(issuer, claims)
    except IntegrityError:
        # The same person signed in at the same moment in another request and won the insert.
        with transaction.atomic():
            return _sign_in(issuer, claims)


def _sign_in(issuer: str, claims: CitizenClaims) -> User:
    fields = claims.as_fields()
    profile = (
        CitizenProfile.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=claims.subject)
        .first()
    )
    if profile is None:
        user = User(username=citizen_username(issuer, claims.subject), full_name=claims.full_name)
        user.email = claims.email
        user.set_unusable_password()  # a citizen signs in through the identity provider only
        user.save()
        profile = CitizenProfile.objects.create(user=user, issuer=issuer, subject=claims.subject, **fields)
        CitizenEvent.objects.create(profile=profile, kind=CitizenEvent.Kind.CREATED, fields=sorted(fields))
        log.info("citizen account %s created (id %s)", profile.pk, mask_id(profile.personal_id))
        return user
    changed = sorted(name for name, value in fields.items() if getattr(profile, name) != value)
    if changed:
        for name in changed:
            setattr(profile, name, fields[name])
        profile.save()
        CitizenEvent.objects.create(profile=profile, kind=CitizenEvent.Kind.UPDATED, fields=changed)
    user = profile.user
    if (user.full_name, user.email) != (claims.full_name, claims.email):
        user.full_name, user.email = claims.full_name, claims.email
        user.save(update_fields=["full_name", "email"])
    return user
