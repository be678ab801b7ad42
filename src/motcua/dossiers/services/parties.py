"""The applicant and the submitter as declared: checked (identity numbers, phone, e-mail, commune) and
stored with the dossier. Input is a plain dict (what a form or a serializer gives):

person:        {"kind": "person", "full_name", "id_number", "birth_date", "sex", "phone", "email",
                "address", "commune" (GSO code or unit)}
organisation:  {"kind": "organisation", "full_name" (the organisation's name), "tax_code",
                "representative_name", "representative_title", "representative_id_number", "phone", ...}
submitter:     a person, plus "relation" and "authorisation".
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.fast import rows
from motcua.core.identity import InvalidIdentity, check_personal_id, check_tax_code, normalise_phone
from motcua.core.text import fold
from motcua.units.models import AdministrativeUnit

from .. import reference
from ..choices import ApplicantKind, Sex
from ..errors import InvalidApplicant
from ..models import Applicant, Dossier, Submitter

PERSON_FIELDS = ("full_name", "id_number", "birth_date", "sex", "phone", "email", "address", "commune")
ORGANISATION_FIELDS = ("tax_code", "representative_name", "representative_title", "representative_id_number")


def _messages() -> dict[str, str]:
    return {
        "personal_id:format": _("Số định danh cá nhân phải gồm 12 chữ số."),
        "personal_id:province": _("Ba chữ số đầu của số định danh không phải mã tỉnh nơi đăng ký khai sinh."),
        "personal_id:century": _("Chữ số thứ tư của số định danh (thế kỷ, giới tính) không hợp lệ."),
        "personal_id:birth_year": _("Năm sinh không khớp với số định danh cá nhân."),
        "personal_id:sex": _("Giới tính không khớp với số định danh cá nhân."),
        "personal_id:future": _("Năm sinh trong số định danh ở tương lai."),
        "tax_code:format": _("Mã số thuế gồm 10 chữ số, hoặc 13 chữ số với mã chi nhánh."),
        "tax_code:check_digit": _("Mã số thuế sai chữ số kiểm tra."),
        "tax_code:branch": _("Mã chi nhánh của mã số thuế không hợp lệ."),
        "phone:format": _("Số điện thoại không hợp lệ."),
        "required": _("Không được để trống."),
        "email": _("Địa chỉ thư điện tử không hợp lệ."),
        "commune": _("Không có xã, phường, đặc khu đang hiệu lực với mã này."),
        "birth_date": _("Ngày sinh không hợp lệ."),
        "sex": _("Giới tính không hợp lệ."),
        "kind": _("Loại người yêu cầu không hợp lệ."),
    }


class _Problems(dict):
    def add(self, field: str, key: str) -> None:
        self.setdefault(field, _messages()[key])

    def too_long(self, field: str, limit: int, length: int) -> None:
        self.setdefault(
            field,
            _("Quá dài: tối đa %(limit)d ký tự (đã nhập %(length)d ký tự).")
            % {"limit": limit, "length": length},
        )


def _within_limits(out: dict, problems: _Problems, prefix: str, model) -> None:
    """Every typed text within its column's length, whatever the channel (API, counter, portal): a form
    that forgot a limit cannot store a 3,000-character name that breaks the pages and the slip."""
    for name, value in out.items():
        if not isinstance(value, str):
            continue
        try:
            limit = model._meta.get_field(name).max_length
        except FieldDoesNotExist:  # "kind", "commune": not free text
            limit = None
        if limit and len(value) > limit:
            problems.too_long(f"{prefix}{name}", limit, len(value))


def clean_person(data: dict, problems: _Problems, prefix: str = "", *, id_required: bool = True) -> dict:
    out = {"full_name": " ".join(str(data.get("full_name") or "").split())}
    if not out["full_name"]:
        problems.add(f"{prefix}full_name", "required")
    out["birth_date"] = _date(data.get("birth_date"), problems, f"{prefix}birth_date")
    out["sex"] = str(data.get("sex") or "")
    if out["sex"] and out["sex"] not in Sex.values:
        problems.add(f"{prefix}sex", "sex")
    out["id_number"] = str(data.get("id_number") or "").strip()
    if out["id_number"] or id_required:
        try:
            check_personal_id(
                out["id_number"],
                birth_date=out["birth_date"],
                sex=out["sex"] or None,
                today=timezone.localdate(),
            )
        except InvalidIdentity as exc:
            field = (
                "birth_date" if exc.reason == "birth_year" else "sex" if exc.reason == "sex" else "id_number"
            )
            problems.add(f"{prefix}{field}", f"personal_id:{exc.reason}")
    out["phone"] = _phone(data.get("phone"), problems, f"{prefix}phone")
    out["email"] = str(data.get("email") or "").strip()
    if out["email"]:
        try:
            validate_email(out["email"])
        except ValidationError:
            problems.add(f"{prefix}email", "email")
    out["address"] = str(data.get("address") or "").strip()
    out["commune"] = _commune(data.get("commune"), problems, f"{prefix}commune")
    return out


def clean_applicant(data: dict) -> dict:
    problems = _Problems()
    kind = str(data.get("kind") or ApplicantKind.PERSON)
    if kind not in ApplicantKind.values:
        raise InvalidApplicant({"kind": _messages()["kind"]})
    organisation = kind == ApplicantKind.ORGANISATION
    out = clean_person(data, problems, id_required=not organisation)
    out["kind"] = kind
    _within_limits(out, problems, "", Applicant)
    if organisation:
        out["tax_code"] = ""
        try:
            out["tax_code"] = check_tax_code(str(data.get("tax_code") or "")).number
        except InvalidIdentity as exc:
            problems.add("tax_code", f"tax_code:{exc.reason}")
        out["representative_name"] = " ".join(str(data.get("representative_name") or "").split())
        if not out["representative_name"]:
            problems.add("representative_name", "required")
        out["representative_title"] = str(data.get("representative_title") or "").strip()
        out["representative_id_number"] = str(data.get("representative_id_number") or "").strip()
        if out["representative_id_number"]:
            try:
                check_personal_id(out["representative_id_number"], today=timezone.localdate())
            except InvalidIdentity as exc:
                problems.add("representative_id_number", f"personal_id:{exc.reason}")
        _within_limits(out, problems, "", Applicant)
    if problems:
        raise InvalidApplicant(dict(problems))
    return out


def clean_submitter(data: dict | None) -> dict | None:
    if not data:
        return None
    problems = _Problems()
    out = clean_person(data, problems, prefix="submitter.")
    out["relation"] = str(data.get("relation") or "").strip()
    out["authorisation"] = str(data.get("authorisation") or "").strip()
    _within_limits(out, problems, "submitter.", Submitter)
    if problems:
        raise InvalidApplicant(dict(problems))
    return out


def folded_name(applicant: dict) -> str:
    """The applicant's name as searched: lower case, no diacritics, đ = d ("Nguyễn Văn An" -> "nguyen van an")."""
    return fold(applicant["full_name"])[:200]


def store(dossier: Dossier, applicant: dict, submitter: dict | None) -> None:
    rows.insert(rows.new(Applicant, dossier=dossier, **applicant))
    if submitter:
        rows.insert(rows.new(Submitter, dossier=dossier, **submitter))


def plain(cleaned: dict | None) -> dict | None:
    """A cleaned party as JSON-able values (for idempotency fingerprints)."""
    if cleaned is None:
        return None
    return {k: (v.code if isinstance(v, AdministrativeUnit) else v) for k, v in cleaned.items()}


def _date(value, problems: _Problems, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(field, "birth_date")
        return None


def _phone(value, problems: _Problems, field: str) -> str:
    if not value:
        return ""
    try:
        return normalise_phone(str(value))
    except InvalidIdentity:
        problems.add(field, "phone:format")
        return ""


def _commune(value, problems: _Problems, field: str) -> AdministrativeUnit | None:
    if value in (None, ""):
        return None
    if isinstance(value, AdministrativeUnit):
        if value.level == "commune" and value.valid_to is None:
            return value
        problems.add(field, "commune")
        return None
    unit = reference.current_commune(str(value).strip())
    if unit is None:
        problems.add(field, "commune")
    return unit
