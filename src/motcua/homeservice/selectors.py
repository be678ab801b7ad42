"""Reads of home service: the supervisor's open requests, the officer's visits, the person's status."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from motcua.core.identity import InvalidIdentity, normalise_phone
from motcua.org import selectors as org
from motcua.org.models import ReceptionPlace
from motcua.org.roles import RoleCode

from .flow import OPEN
from .models import HomeServiceRequest

RELATED = ("commune", "province", "procedure", "officer", "place", "dossier")


def supervised(user) -> QuerySet[HomeServiceRequest]:
    """Requests of the provinces where `user` is a supervisor (province or system scope)."""
    provinces = org.supervised_provinces(user)
    if provinces is None:
        return HomeServiceRequest.objects.select_related(*RELATED)
    return HomeServiceRequest.objects.filter(province_id__in=provinces).select_related(*RELATED)


def open_requests(user) -> QuerySet[HomeServiceRequest]:
    return supervised(user).filter(status__in=[s.value for s in OPEN]).order_by("created_at", "id")


def my_visits(officer) -> QuerySet[HomeServiceRequest]:
    return (
        HomeServiceRequest.objects.filter(officer=officer)
        .select_related(*RELATED)
        .order_by("slot_start", "id")
    )


def officers_for(request: HomeServiceRequest) -> QuerySet:
    """Reception officers who may receive in the request's commune: a commune scope, or a place located in
    it (or above such a place in its center)."""
    users = get_user_model().objects.none()
    for place in ReceptionPlace.objects.filter(commune=request.commune, is_active=True):
        users = users | org.staff_who_can_act(RoleCode.RECEPTION_OFFICER, place)
    covering = org.staff_who_can_act(RoleCode.RECEPTION_OFFICER, request.commune)
    ids = (users | covering).values("pk")
    return get_user_model().objects.filter(pk__in=ids).order_by("full_name", "username")


def find_for_person(code: str, phone: str) -> HomeServiceRequest | None:
    """The request with this code AND this phone (the person's or the relative's); None otherwise, so a
    wrong code and a wrong phone look the same."""
    try:
        phone = normalise_phone(phone)
    except InvalidIdentity:
        return None
    code = (code or "").strip().upper().replace(" ", "")
    if not code:
        return None
    return (
        HomeServiceRequest.objects.filter(Q(person_phone=phone) | Q(requester_phone=phone), code=code)
        .select_related(*RELATED)
        .first()
    )
