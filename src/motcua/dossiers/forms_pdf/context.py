"""Plain data for the forms (no Django models): what each form prints, nothing more.

Adapters (adapters.py) fill these from the dossier models; tests and other callers can build them by
hand. Instants are aware datetimes; the renderer writes them in Vietnam's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Issuer:
    """Top-left of every form: the governing body above, the issuing unit below (both upper-case on
    paper), and the place written before the date ("Hà Nội, ngày ...")."""

    unit: str
    parent: str = ""
    place: str = ""
    number: str = ""  # "Số: 125/2026/TN" (documents.receipts); empty prints a blank to fill by hand


@dataclass(frozen=True)
class Person:
    full_name: str
    id_number: str = ""  # CCCD (12 digits) or, for an organisation, its tax code
    address: str = ""
    phone: str = ""
    email: str = ""
    sex: str = ""  # "male" / "female" / "" (Ông/Bà)
    is_organisation: bool = False


@dataclass(frozen=True)
class DocumentLine:
    name: str
    originals: int = 0
    copies: int = 0
    note: str = ""  # e.g. "Bản điện tử", "Tái sử dụng từ hồ sơ 000.00.12.H62-201105-0004"


@dataclass(frozen=True)
class Signature:
    title: str  # "NGƯỜI TIẾP NHẬN HỒ SƠ"
    hint: str = "(Ký và ghi rõ họ tên)"
    name: str = ""


@dataclass(frozen=True)
class ReceiptForm:
    """Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    issuer: Issuer
    dossier_code: str
    applicant: Person
    procedure_name: str
    documents: tuple[DocumentLine, ...]
    received_at: datetime
    appointment_at: datetime | None  # None: the procedure sets no time limit
    time_limit_text: str
    tracking_url: str
    result_place: str = ""
    handling_agency: str = ""
    submitter: Person | None = None
    copies_of_dossier: int = 1
    received_by: str = ""
    channel_label: str = ""
    issued_at: datetime | None = None  # defaults to received_at
    # Papers shown and handed back ("giấy tờ phải xuất trình"): checked, never part of what was handed in.
    presented: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupplementForm:
    """Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (all items at once, only once)."""

    issuer: Issuer
    applicant: Person
    procedure_name: str
    items: tuple[str, ...]
    issued_at: datetime
    reason: str = ""
    dossier_code: str = ""  # empty at the counter, before a dossier exists
    officer_name: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class RefusalForm:
    """Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    issuer: Issuer
    applicant: Person
    procedure_name: str
    reasons: tuple[str, ...]
    issued_at: datetime
    legal_basis: str = ""
    dossier_code: str = ""
    officer_name: str = ""


@dataclass(frozen=True)
class ApologyForm:
    """Mẫu số 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (the agency at fault signs it)."""

    issuer: Issuer
    applicant: Person
    dossier_code: str
    procedure_name: str
    received_at: datetime
    previous_appointment: datetime
    new_appointment: datetime
    reason: str
    issued_at: datetime
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""


@dataclass(frozen=True)
class StopNoticeForm:
    """Mẫu số 05 — Thông báo dừng giải quyết hồ sơ (withdrawal by the applicant, or another ground)."""

    issuer: Issuer
    applicant: Person
    dossier_code: str
    procedure_name: str
    received_at: datetime
    stopped_at: datetime
    reason: str
    issued_at: datetime
    requested_at: datetime | None = None  # when the applicant asked to withdraw, if they did
    return_place: str = ""
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""


@dataclass(frozen=True)
class TrackingRow:
    """A hand-over: who gave the dossier to whom, when, and by when the step was due."""

    at: datetime
    giver: str
    receiver: str
    action: str = ""
    step_due_at: datetime | None = None
    note: str = ""

    @property
    def timeliness(self) -> str:
        """Trước hạn / Đúng hạn / Quá hạn, compared at the minute (the form's precision)."""
        if self.step_due_at is None:
            return ""
        done = self.at.replace(second=0, microsecond=0)
        due = self.step_due_at.replace(second=0, microsecond=0)
        if done > due:
            return "Quá hạn"
        return "Đúng hạn" if done == due else "Trước hạn"


@dataclass(frozen=True)
class TrackingSheetForm:
    """Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    issuer: Issuer
    dossier_code: str
    applicant: Person
    procedure_name: str
    handling_agency: str
    received_at: datetime
    appointment_at: datetime | None
    rows: tuple[TrackingRow, ...]
    issued_at: datetime
    cooperating_agencies: tuple[str, ...] = field(default=())
