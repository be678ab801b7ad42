"""Reads of the postal app: pick-up lists, records and items a user may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.dossiers.choices import Delivery
from motcua.dossiers.models import Dossier
from motcua.org import selectors as org
from motcua.org.roles import RoleCode

from .models import HandoverBatch, Shipment
from .services import ACTIVE_RESULT, RESULT_STATES
from .tracking import Kind, Status


def officer_places(user):
    return org.places_for(user, role=RoleCode.RECEPTION_OFFICER)


def agent_places(user):
    return org.places_for(user, role=RoleCode.POSTAL_AGENT)


def user_places(user):
    return officer_places(user) | agent_places(user)


def results_to_send(user) -> QuerySet[Dossier]:
    """Pick-up list (b): dossiers of the officer's places whose result is ready and goes by post."""
    active = Shipment.objects.filter(dossier=OuterRef("pk"), kind=Kind.RESULT, status__in=ACTIVE_RESULT)
    return (
        Dossier.objects.filter(
            received_place__in=officer_places(user).values("pk"),
            status__in=[s.value for s in RESULT_STATES],
            result_delivery=Delivery.POSTAL,
            returned_at__isnull=True,
        )
        .exclude(Exists(active))
        .select_related("applicant", "applicant__commune", "procedure", "received_place")
        .order_by("finished_at", "pk")
    )


def pickups_to_collect(user) -> QuerySet[Shipment]:
    """Pick-up list (a): dossiers to collect at applicants' addresses for the agent's places."""
    return (
        Shipment.objects.filter(
            kind=Kind.PICKUP, place__in=agent_places(user).values("pk"), batch__isnull=True
        )
        .filter(status__in=[Status.REQUESTED, Status.COLLECTED, Status.IN_TRANSIT, Status.FAILED])
        .select_related("place", "commune")
        .order_by("created_at", "pk")
    )


def items_on_the_road(user) -> QuerySet[Shipment]:
    """Results handed to the post and not yet delivered or returned, for the agent's places."""
    return (
        Shipment.objects.filter(kind=Kind.RESULT, place__in=agent_places(user).values("pk"))
        .filter(status__in=[Status.HANDED_OVER, Status.IN_TRANSIT, Status.FAILED])
        .select_related("place", "commune", "dossier")
        .order_by("status_at", "pk")
    )


def pickups_arrived(user) -> QuerySet[Shipment]:
    """Collected dossiers handed over at the officer's places, waiting to be received."""
    return Shipment.objects.filter(
        kind=Kind.PICKUP, status=Status.HANDED_OVER, place__in=officer_places(user).values("pk")
    ).select_related("place", "commune", "procedure")


def batches_for(user) -> QuerySet[HandoverBatch]:
    return HandoverBatch.objects.filter(place__in=user_places(user).values("pk")).select_related(
        "place", "officer", "agent", "created_by"
    )


def shipment_for(user, code: str) -> Shipment | None:
    return (
        Shipment.objects.filter(Q(code=code), place__in=user_places(user).values("pk"))
        .select_related("place", "commune", "dossier", "batch")
        .first()
    )
