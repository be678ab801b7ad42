"""Which agency decides a dossier, where it may be received, and transfers between agencies.

Routing by the procedure's level (docs/decisions/0007-dossier-lifecycle.md):
- an agency chosen by the officer wins (it must be an active agency of the province);
- commune level (and not a provincial procedure with an adopted agency): the People's Committee (or the
  commune police, for police procedures) of the commune chosen, else of the applicant's commune;
- province level: the agency the province adopted the procedure with (ProvinceProcedure.agency), else the
  only active agency of the matching kind, else the one whose name matches the adoption's or the
  version's agency name (a name that carries another province, as some national catalog entries do,
  matches this province's department of the same name).
Reception anywhere in the province for procedures marked boundary-independent (by the province or the
national catalog); otherwise a commune-level dossier must be received at a place of that commune.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.catalog.models import AgencyKind as CatalogKind
from motcua.catalog.models import ProvinceProcedure
from motcua.core.text import fold
from motcua.org.models import Agency, AgencyKind, PlaceKind, ReceptionPlace
from motcua.units.models import AdministrativeUnit

from .. import reference
from ..errors import DossierInputError, NoCompetentAgency, OutsideBoundary, ProcedureNotAvailable
from ..lifecycle import Action
from . import base

PROVINCE_KINDS = {
    CatalogKind.PROVINCE_PC: [AgencyKind.PROVINCIAL_COMMITTEE],
    CatalogKind.PROVINCE_DEPARTMENT: [AgencyKind.DEPARTMENT],
    CatalogKind.POLICE: [AgencyKind.PROVINCIAL_POLICE],
    CatalogKind.COMMUNE_PC: [AgencyKind.COMMUNE_COMMITTEE],
}


def adoption_for(province: AdministrativeUnit, procedure) -> ProvinceProcedure:
    adoption = reference.adoption(province, procedure)
    if adoption is None:
        raise ProcedureNotAvailable(
            _("Thủ tục %(code)s chưa được áp dụng tại %(province)s.")
            % {"code": procedure.code, "province": province.full_name},
            code="dossier.procedure_not_adopted",
        )
    return adoption


def resolve_agency(
    *, version, adoption: ProvinceProcedure, province, commune=None, agency: Agency | None = None
) -> Agency:
    if agency is not None:
        if agency.province_id != province.pk or not agency.is_active:
            raise NoCompetentAgency(
                _("Cơ quan được chọn không thuộc tỉnh, thành phố này hoặc đã ngừng hoạt động.")
            )
        return agency
    commune_level = version.at_commune and not (version.at_province and adoption.agency_id)
    if commune_level:
        if commune is None:
            raise NoCompetentAgency(
                _(
                    "Thủ tục cấp xã: cần biết xã, phường, đặc khu nơi cư trú của người yêu cầu hoặc xã được chọn."
                )
            )
        police = (adoption.agency_kind or version.agency_kind) == CatalogKind.POLICE
        kind = AgencyKind.COMMUNE_POLICE if police else AgencyKind.COMMUNE_COMMITTEE
        found = reference.commune_agency(kind, commune)
        if found is None:
            raise NoCompetentAgency(
                _("Chưa có %(kind)s của %(commune)s trong danh mục cơ quan.")
                % {"kind": AgencyKind(kind).label, "commune": commune.full_name},
                commune=commune.code,
            )
        return found
    if adoption.agency_id:
        return adoption.agency
    kinds = PROVINCE_KINDS.get(adoption.agency_kind or version.agency_kind, [])
    candidates = reference.province_agencies(province, kinds)
    if len(candidates) == 1:
        return candidates[0]
    wanted = fold(adoption.agency_name or version.agency_name or "")
    named = [a for a in candidates if wanted and (fold(a.name) in wanted or wanted in fold(a.name))]
    if len(named) != 1 and _IN_PROVINCE.search(wanted):
        # The national catalog may name one province's department ("Sở Nông nghiệp và Môi trường
        # Thành phố Hà Nội") for a procedure every province runs: the department of this province.
        base = _IN_PROVINCE.sub("", wanted)
        named = [a for a in candidates if _IN_PROVINCE.sub("", fold(a.name)) == base]
    if len(named) == 1:
        return named[0]
    raise NoCompetentAgency(candidates=len(candidates))


_IN_PROVINCE = re.compile(r"\s+(?:tinh|thanh pho)\s+[a-z -]+$")  # "... thành phố Hà Nội", folded


def check_boundary(*, version, adoption, place: ReceptionPlace | None, agency: Agency) -> None:
    if place is None or adoption.boundary_free or version.boundary_free:
        return
    if agency.commune_id is not None and place.commune_id != agency.commune_id:
        raise OutsideBoundary()


def commune_of(
    applicant: dict, chosen: AdministrativeUnit | str | None, province
) -> AdministrativeUnit | None:
    if chosen is not None and not isinstance(chosen, AdministrativeUnit):
        chosen = reference.current_commune(str(chosen))
        if chosen is None:
            raise DossierInputError(
                _("Không có xã, phường, đặc khu với mã này."), code="dossier.invalid_commune"
            )
    commune = chosen or applicant.get("commune")
    if commune is not None and commune.province_code != province.code:
        if chosen is not None:
            raise DossierInputError(
                _("Xã, phường, đặc khu được chọn không thuộc tỉnh, thành phố tiếp nhận."),
                code="dossier.invalid_commune",
            )
        return None  # the applicant lives in another province: the commune must be chosen
    return commune


def online_place(agency: Agency, province) -> ReceptionPlace | None:
    """Where an online dossier is accepted and its result returned, so that officers who may act on it
    see it in their queue: for a commune's agency, the place serving that commune (its commune point,
    or its commune center's online desk); for the others, the online desk of the province's center
    (`ReceptionPlace.online_desk`, the center itself when none is set)."""
    places = ReceptionPlace.objects.filter(province=province, is_active=True).select_related("online_desk")
    if agency.commune_id is not None:
        # The place that serves the commune: its commune point (one-level model) or commune center
        # (two-tier). Not the provincial center, whose `commune` is only where it stands (Hà Nội's
        # center stands in Ba Đình, whose online dossiers belong to Ba Đình's point all the same).
        serving = Q(kind=PlaceKind.COMMUNE_POINT) | Q(kind=PlaceKind.CENTER, parent__isnull=False)
        found = places.filter(serving, commune_id=agency.commune_id).order_by("-kind", "code").first()
        if found is not None:
            return _desk_of(found)
    center = places.filter(kind=PlaceKind.CENTER, parent__isnull=True).first()
    return _desk_of(center) if center is not None else None


def _desk_of(place: ReceptionPlace) -> ReceptionPlace:
    desk = place.online_desk if place.kind == PlaceKind.CENTER else None
    return desk if desk is not None and desk.is_active else place


@transaction.atomic
def transfer(dossier, *, actor, version: int, to_agency: Agency, reason: str, at=None):
    """Send the dossier to another agency of the province (wrong agency, change of competence)."""
    change = base.begin(dossier, actor=actor, action=Action.TRANSFER, version=version, note=reason, at=at)
    locked = change.dossier
    if (
        to_agency.pk == locked.agency_id
        or to_agency.province_id != locked.province_id
        or not to_agency.is_active
    ):
        raise NoCompetentAgency(_("Cơ quan nhận phải là cơ quan khác, đang hoạt động, cùng tỉnh, thành phố."))
    locked.agency = to_agency
    locked.commune_id = to_agency.commune_id or locked.commune_id
    locked.assignee = None
    locked.steps.filter(finished_at__isnull=True).update(assignee=None)
    return base.commit_change(change, details={"to_agency": to_agency.code})
