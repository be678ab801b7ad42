"""What counter and online reception share: the place and the officer, the version in force and the
case, the checklist, a new dossier with its code, and the parts stored with it."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.calendar.clock import TZ
from motcua.core.fast import rows
from motcua.org import selectors as org
from motcua.org.models import ReceptionPlace
from motcua.org.scopes import any_covers

from .. import reference, selectors
from ..errors import ActionForbidden, ChecklistIncomplete, DossierInputError, ProcedureNotAvailable
from ..lifecycle import OFFICER
from ..models import ChecklistItem, Dossier
from . import codes, parties


def reception_place(officer, place, counter, action, at) -> ReceptionPlace:
    if counter is not None:
        if place is not None and counter.place_id != place.pk:
            raise DossierInputError(
                _("Quầy không thuộc nơi tiếp nhận đã chọn."), code="dossier.invalid_counter"
            )
        place = counter.place
    if place is None:
        raise DossierInputError(_("Cần chọn nơi tiếp nhận hoặc quầy."), code="dossier.place_required")
    scopes = reference.scopes(officer, at.astimezone(TZ).date())
    if not any_covers(scopes, OFFICER, org.target_of(place)):
        raise ActionForbidden(action)
    return place


def version_and_case(procedure, case, at):
    version = reference.version_in_force(procedure, at.astimezone(TZ).date())
    if version is None:
        raise ProcedureNotAvailable(
            _("Thủ tục %(code)s không có phiên bản đang có hiệu lực.") % {"code": procedure.code},
            code="dossier.procedure_not_in_force",
        )
    if case is not None and case.version_id != version.pk:
        raise DossierInputError(
            _("Trường hợp hồ sơ không thuộc phiên bản thủ tục đang áp dụng."), code="dossier.invalid_case"
        )
    return version, case


def counts_of(provided) -> dict[int, tuple[int, int]]:
    if isinstance(provided, Mapping):
        return {int(k): (int(v[0]), int(v[1])) for k, v in provided.items()}
    return {int(pk): (0, 0) for pk in provided}


def require_complete(version, case, counts) -> None:
    missing = selectors.missing_documents(version, case, counts)
    if missing:
        raise ChecklistIncomplete([{"id": d.pk, "name": d.name} for d in missing])


def new_dossier(*, version, agency, at, **fields) -> Dossier:
    day = timezone.localtime(at, TZ).date()
    return rows.new(
        Dossier,
        code=codes.new_code(agency.code, day),
        procedure=version.procedure,
        procedure_version=version,
        document_case=fields.pop("case"),
        agency=agency,
        **{**fields, "commune": agency.commune or fields["commune"]},
    )


def store_parts(dossier, version, case, counts, applicant, submitter) -> None:
    parties.store(dossier, applicant, submitter)
    items = [
        rows.new(
            ChecklistItem,
            dossier=dossier,
            required_document=doc,
            position=doc.position,
            name=doc.name,
            required=doc.required,
            provided=doc.pk in counts,
            originals=counts.get(doc.pk, (0, 0))[0],
            copies=counts.get(doc.pk, (0, 0))[1],
        )
        for doc in selectors.checklist(version, case)
    ]
    rows.insert(*items)
