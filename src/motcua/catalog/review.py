"""The catalog administrator's review queue: versions the import could not read fully, with the reasons
in plain Vietnamese, filtered, counted and paged (docs/decisions/0024-catalog-review-desk.md).

One row per procedure: its draft when it has one (the draft is where the fixing happens), otherwise its
published version that is in force or yet to come. Reasons live in `review_reasons` ({field, reason,
detail}, ADR 0022); they are counted in Python over the queue's few thousand small rows, the same way on SQLite
and PostgreSQL (neither JSON containment nor a JSON text match is portable)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.org import selectors as org_selectors
from motcua.org.roles import RoleCode

from .models import ProcedureVersion, VersionStatus
from .selectors import LEVEL_FLAGS

PAGE_SIZE = 50

# Reason codes (the parser's issue codes and the checks of ADR 0022) → what an administrator reads.
REASONS = {
    "time_missing": _("Không có thời hạn giải quyết"),
    "time_no_unit": _("Thời hạn chỉ có con số, mất đơn vị (ngày làm việc? ngày?)"),
    "time_unparsed": _("Thời hạn ghi bằng lời hoặc một khoảng, chưa đọc được"),
    "fee_missing": _("Ô phí, lệ phí để trống"),
    "fee_no_information": _("Nguồn ghi «Không có thông tin» về phí, lệ phí"),
    "fee_fraction": _("Mức thu có phần lẻ"),
    "fee_amount_conflict": _("Mức thu trong ô và trong ghi chú lệch nhau"),
    "fee_amount_in_note": _("Mức thu chỉ có trong ghi chú"),
    "fee_unparsed": _("Phí, lệ phí ghi bằng công thức hoặc lời, chưa đọc được"),
    "fee_several_amounts": _("Có nhiều mức thu khác nhau"),
    "documents_missing": _("Không có thành phần hồ sơ"),
    "document_no_quantity": _("Giấy tờ không ghi số bản chính, bản sao"),
    "document_template_unsplit": _("Tên tệp mẫu dính vào tên giấy tờ"),
    "documents_list_unclear": _("Danh sách i), ii)…: nộp tất cả hay chỉ một trong số đó?"),
    "level_unparsed": _("Cấp thực hiện chưa đọc được"),
    "results_missing": _("Không có kết quả thực hiện"),
    "legal_basis_unparsed": _("Căn cứ pháp lý chưa tách được"),
    "heading_cases": _("Tiêu đề mục (ví dụ «Giấy tờ phải nộp») bị đọc thành trường hợp"),
    "conditional_required": _("Giấy tờ có điều kiện bị đánh dấu bắt buộc"),
    "note_documents": _("Dòng lưu ý (0 bản chính, 0 bản sao) bị đọc thành giấy tờ"),
    "fee_implausible": _("Mức thu bất thường (dưới 1.000 đồng)"),
    "fee_read_from_note": _("Ô ghi miễn phí, mức thu được đọc từ ghi chú: cần xác nhận"),
    "fee_dated_unread": _("Phí có mốc thời gian chưa đọc được khoảng áp dụng"),
    "fee_after_window_unknown": _("Chưa rõ mức phí sau thời gian giảm phí"),
    "fee_free_but_amount": _("Ghi miễn phí nhưng ghi chú có mức thu"),
    "fee_dated_without_window": _("Mức phí theo mốc thời gian nhưng chưa có khoảng áp dụng"),
    "time_calendar_but_working": _("Ghi «N ngày» nhưng mô tả nói ngày làm việc"),
    "flagged": _("Được đánh dấu cần rà soát"),
}

# When a reason code is new to this list, its field still says what to look at.
FIELDS = {
    "time_limit": _("Thời hạn giải quyết cần kiểm tra"),
    "fee": _("Phí, lệ phí cần kiểm tra"),
    "documents": _("Thành phần hồ sơ cần kiểm tra"),
    "cases": _("Trường hợp cần kiểm tra"),
    "level": _("Cấp thực hiện cần kiểm tra"),
    "results": _("Kết quả thực hiện cần kiểm tra"),
    "legal_basis": _("Căn cứ pháp lý cần kiểm tra"),
}
REASON_CODE = re.compile(r"^[a-z][a-z0-9_]{0,60}$")

# Audit actions (services, import, this desk) → what the change log shows.
ACTIONS = {
    "create_procedure": _("Tạo thủ tục"),
    "create_draft": _("Tạo bản nháp"),
    "update_draft": _("Sửa bản nháp"),
    "review_edit": _("Rà soát, sửa nội dung"),
    "publish": _("Công bố"),
    "end_window": _("Kết thúc hiệu lực (có phiên bản mới)"),
    "retire": _("Bãi bỏ"),
    "delete_draft": _("Xoá bản nháp"),
    "import_publish": _("Nhập từ dữ liệu nguồn và công bố"),
    "import_draft": _("Nhập từ dữ liệu nguồn (bản nháp)"),
}

LEVELS = {
    "ministry": _("Cấp bộ"),
    "province": _("Cấp tỉnh"),
    "commune": _("Cấp xã"),
    "other": _("Cơ quan khác"),
}


def reason_label(code: str, field_name: str = "") -> str:
    if code in REASONS:
        return str(REASONS[code])
    if field_name in FIELDS:
        return str(FIELDS[field_name])
    return str(_("Cần rà soát: %(code)s") % {"code": code}) if code else str(REASONS["flagged"])


def can_administer(user) -> bool:
    """Superusers, and whoever holds the catalog administrator role today (any scope: the national
    catalog is not divided by province)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or org_selectors.scopes_for(user, role=RoleCode.CATALOG_ADMIN))


def stored_reasons(review_reasons, parse_notes, needs_review: bool) -> list[dict]:
    """The {field, reason, detail} list of a version. A version flagged before ADR 0022's
    `review_reasons` was filled (an import that only wrote `parse_notes`) reads its parser notes."""
    reasons = [r for r in review_reasons or [] if isinstance(r, dict)]
    if reasons or not needs_review:
        return reasons
    notes = [n for n in parse_notes or [] if isinstance(n, dict)]
    return [
        {"field": n.get("field", ""), "reason": n.get("issue", ""), "detail": n.get("value", "")}
        for n in notes
    ] or [{"field": "", "reason": "flagged", "detail": ""}]


def reasons_of(version: ProcedureVersion) -> list[dict]:
    """The version's reasons, each with its Vietnamese label and the source text it is about."""
    reasons = stored_reasons(version.review_reasons, version.parse_notes, version.needs_review)
    return [
        {
            "index": index,
            "field": reason.get("field", ""),
            "code": reason.get("reason", ""),
            "label": reason_label(reason.get("reason", ""), reason.get("field", "")),
            "value": reason.get("detail", ""),
        }
        for index, reason in enumerate(reasons)
    ]


def grouped_reasons(version: ProcedureVersion) -> list[dict]:
    """The same reason about the same text (one per channel row, say) shown once, with its indexes
    joined ("0,1,2") and how many times it occurs."""
    groups: dict[tuple, dict] = {}
    for reason in reasons_of(version):
        key = (reason["code"], reason["field"], reason["value"])
        if key in groups:
            groups[key]["times"] += 1
            groups[key]["indexes"] += f",{reason['index']}"
        else:
            groups[key] = {**reason, "times": 1, "indexes": str(reason["index"])}
    return list(groups.values())


def queue_versions():
    """Every version in the queue (unfiltered): drafts, and published versions in force or to come of
    procedures that have no draft."""
    today = timezone.localdate()
    has_draft = ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), status=VersionStatus.DRAFT)
    return ProcedureVersion.objects.filter(needs_review=True).filter(
        Q(status=VersionStatus.DRAFT)
        | (
            Q(status=VersionStatus.PUBLISHED)
            & (Q(valid_to__isnull=True) | Q(valid_to__gt=today))
            & ~Exists(has_draft)
        )
    )


@dataclass
class Filters:
    field: int | None = None
    level: str = ""
    reason: str = ""
    status: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params) -> Filters:
        def number(text):
            return int(text) if (text or "").isdigit() else None

        level = params.get("cap", "")
        status = params.get("trang-thai", "")
        return cls(
            field=number(params.get("linh-vuc")),
            level=level if level in LEVEL_FLAGS else "",
            reason=params.get("ly-do", "") if REASON_CODE.match(params.get("ly-do", "")) else "",
            status=status if status in (VersionStatus.DRAFT, VersionStatus.PUBLISHED) else "",
            q=(params.get("q") or "").strip()[:100],
        )


@dataclass
class Queue:
    page: Page
    rows: list[dict]
    total: int  # the whole queue, no filter
    matching: int  # after the filters
    drafts: int  # drafts in the whole queue
    by_reason: list[dict] = field(default_factory=list)  # counts within the other filters


def _base(filters: Filters):
    versions = queue_versions()
    if filters.field:
        versions = versions.filter(field_id=filters.field)
    if filters.level:
        versions = versions.filter(**{LEVEL_FLAGS[filters.level]: True})
    if filters.status:
        versions = versions.filter(status=filters.status)
    if filters.q:
        versions = versions.filter(Q(name__icontains=filters.q) | Q(procedure__code__startswith=filters.q))
    return versions


def review_queue(filters: Filters, page_number=1) -> Queue:
    """The queue page: the rows of one page, the counts of the whole queue and per reason."""
    everything = queue_versions()
    total = everything.count()
    drafts = everything.filter(status=VersionStatus.DRAFT).count()
    # (pk, reasons) of every matching version: the reason filter and counts are done here. The
    # parser's notes are read only for the versions whose reasons were never filled.
    matching = _base(filters).order_by("procedure__code")
    candidates = list(matching.values_list("pk", "review_reasons"))
    unfilled = [pk for pk, stored in candidates if not stored]
    notes = dict(matching.filter(pk__in=unfilled).values_list("pk", "parse_notes")) if unfilled else {}
    per_reason: Counter[str] = Counter()
    fields_of: dict[str, str] = {}
    keep = []
    for pk, stored in candidates:
        reasons = stored_reasons(stored, notes.get(pk), True)
        codes = {r.get("reason", "") for r in reasons}
        for r in reasons:
            fields_of.setdefault(r.get("reason", ""), r.get("field", ""))
        per_reason.update(codes)
        if not filters.reason or filters.reason in codes:
            keep.append(pk)
    paginator = Paginator(keep, PAGE_SIZE)
    page = paginator.get_page(page_number)
    versions = {
        v.pk: v
        for v in ProcedureVersion.objects.filter(pk__in=list(page.object_list)).select_related(
            "procedure", "field"
        )
    }
    rows = []
    for pk in page.object_list:
        version = versions[pk]
        reasons = reasons_of(version)
        rows.append(
            {
                "version": version,
                "reasons": sorted({r["label"] for r in reasons}),
                "levels": [str(LEVELS[code]) for code in version.levels],
            }
        )
    shown = set(per_reason) | ({filters.reason} if filters.reason else set())
    by_reason = [
        {"code": code, "label": reason_label(code, fields_of.get(code, "")), "count": per_reason.get(code, 0)}
        for code in shown
        if code
    ]
    by_reason.sort(key=lambda r: (-r["count"], r["label"]))
    return Queue(page=page, rows=rows, total=total, matching=len(keep), drafts=drafts, by_reason=by_reason)
