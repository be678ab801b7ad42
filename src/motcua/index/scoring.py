"""The Decision 766/QĐ-TTg service index, pure: counts in, points out (no database, no Django models).

Text: Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành
và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC, dịch vụ công theo thời gian
thực trên môi trường điện tử — its appendix lists each group's indicators and their ratios ("Tỷ lệ … = … /
… × 100%"). The six groups and their maxima (18 + 20 + 12 + 10 + 22 + 18 = 100) are those of the national
portal's 766 scoreboard (online payment scored apart from online services). Where the accessible text gives
a ratio but no split of a group's points between its indicators, the split below is the project's and says
so (`split`); ADR 0038 records every choice.

A criterion scores `max × min(1, rate / full_at)`: linear in its ratio, full at the threshold the text sets
(80 % of procedures online, 50 % of dossiers online, 80 % digitised …, otherwise 100 %). A criterion that
motcua's data cannot measure is marked "không đo được" and left out: its points are None and its maximum
leaves the unit's maximum (never a free full score). A criterion whose denominator is zero in the period
("chưa có dữ liệu") is left out the same way; a unit with no dossier at all has no index.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from django.utils.translation import gettext_lazy as _

TEXT = "QĐ 766/QĐ-TTg (23/6/2022), Phụ lục"

MEASURED = "measured"
NO_DATA = "no_data"  # chưa có dữ liệu: nothing to divide by in this period
UNMEASURABLE = "unmeasurable"  # không đo được: motcua does not hold what the text counts


@dataclass(frozen=True)
class Criterion:
    key: str
    group: str
    max: float
    label: str
    source: str  # where the text defines it
    numerator: str | None  # Counts field; None: not measurable from motcua's data
    denominator: str | None
    full_at: float = 1.0  # the rate from which the criterion scores its maximum
    split: bool = False  # the share of the group's points is the project's, not the text's
    why_not: str = ""  # for an unmeasurable criterion: what is missing


@dataclass(frozen=True)
class Group:
    key: str
    max: float
    label: str


GROUPS: tuple[Group, ...] = (
    Group("cong_khai_minh_bach", 18, _("Công khai, minh bạch")),
    Group("tien_do_giai_quyet", 20, _("Tiến độ, kết quả giải quyết")),
    Group("dich_vu_truc_tuyen", 12, _("Cung cấp dịch vụ trực tuyến")),
    Group("thanh_toan_truc_tuyen", 10, _("Thanh toán trực tuyến")),
    Group("so_hoa_ho_so", 22, _("Số hóa hồ sơ")),
    Group("muc_do_hai_long", 18, _("Mức độ hài lòng")),
)

CRITERIA: tuple[Criterion, ...] = (
    # Công khai, minh bạch (18)
    Criterion(
        "tthc_cong_bo_dung_han",
        "cong_khai_minh_bach",
        4,
        _("Tỷ lệ TTHC công bố đúng hạn"),
        f"{TEXT}, nhóm Công khai, minh bạch, điểm a",
        None,
        None,
        split=True,
        why_not=_(
            "Không lưu ngày ban hành quyết định công bố TTHC so với thời hạn tại Điều 15 Nghị định 63/2010."
        ),
    ),
    Criterion(
        "tthc_cong_khai_dung_han",
        "cong_khai_minh_bach",
        4,
        _("Tỷ lệ TTHC được cập nhật, công khai đúng hạn"),
        f"{TEXT}, nhóm Công khai, minh bạch, điểm b",
        None,
        None,
        split=True,
        why_not=_("Không lưu thời điểm công khai trên Cơ sở dữ liệu quốc gia về TTHC."),
    ),
    Criterion(
        "tthc_cong_khai_day_du",
        "cong_khai_minh_bach",
        5,
        _("Tỷ lệ TTHC được công khai đầy đủ các bộ phận tạo thành"),
        f"{TEXT}, nhóm Công khai, minh bạch, điểm c",
        "procedures_complete",
        "procedures",
        split=True,
    ),
    Criterion(
        "ho_so_dong_bo_dvcqg",
        "cong_khai_minh_bach",
        5,
        _("Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia"),
        f"{TEXT}, nhóm Công khai, minh bạch, điểm d",
        None,
        None,
        split=True,
        why_not=_("Chưa có kết nối đồng bộ trạng thái hồ sơ với Cổng Dịch vụ công quốc gia."),
    ),
    # Tiến độ, kết quả giải quyết (20)
    Criterion(
        "ho_so_dung_han",
        "tien_do_giai_quyet",
        20,
        _("Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn"),
        f"{TEXT}, nhóm Tiến độ, kết quả giải quyết, điểm a",
        "ended_on_time",
        "ended",
    ),
    # Cung cấp dịch vụ trực tuyến (12)
    Criterion(
        "tthc_truc_tuyen",
        "dich_vu_truc_tuyen",
        6,
        _("Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến"),
        f"{TEXT}, nhóm Cung cấp dịch vụ trực tuyến, điểm a",
        "procedures_online",
        "procedures",
        full_at=0.8,
        split=True,
    ),
    Criterion(
        "ho_so_truc_tuyen",
        "dich_vu_truc_tuyen",
        6,
        _("Tỷ lệ hồ sơ nộp trực tuyến"),
        f"{TEXT}, nhóm Cung cấp dịch vụ trực tuyến, điểm b",
        "received_online",
        "received_online_capable",
        full_at=0.5,
        split=True,
    ),
    # Thanh toán trực tuyến (10)
    Criterion(
        "tthc_thanh_toan_truc_tuyen",
        "thanh_toan_truc_tuyen",
        5,
        _("Tỷ lệ TTHC có phát sinh thanh toán trực tuyến"),
        f"{TEXT}, nhóm Cung cấp dịch vụ trực tuyến, điểm c",
        "procedures_paid_online",
        "procedures_paid",
        split=True,
    ),
    Criterion(
        "ho_so_thanh_toan_truc_tuyen",
        "thanh_toan_truc_tuyen",
        5,
        _("Tỷ lệ hồ sơ thanh toán trực tuyến"),
        f"{TEXT}, nhóm Cung cấp dịch vụ trực tuyến, điểm c",
        "dossiers_paid_online",
        "dossiers_paid",
        split=True,
    ),
    # Số hóa hồ sơ (22)
    Criterion(
        "ket_qua_dien_tu",
        "so_hoa_ho_so",
        8,
        _("Tỷ lệ cấp kết quả giải quyết TTHC điện tử"),
        f"{TEXT}, nhóm Số hóa hồ sơ, điểm a",
        "results_electronic",
        "results",
        full_at=0.8,
        split=True,
    ),
    Criterion(
        "ho_so_so_hoa",
        "so_hoa_ho_so",
        8,
        _("Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC"),
        f"{TEXT}, nhóm Số hóa hồ sơ, điểm b",
        "paper_digitised",
        "paper_received",
        full_at=0.8,
        split=True,
    ),
    Criterion(
        "tai_su_dung_du_lieu",
        "so_hoa_ho_so",
        6,
        _("Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa"),
        f"{TEXT}, nhóm Số hóa hồ sơ, điểm c",
        "received_reusing",
        "received",
        full_at=0.8,
        split=True,
    ),
    # Mức độ hài lòng (18)
    Criterion(
        "pakn_dung_han",
        "muc_do_hai_long",
        6,
        _("Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn"),
        f"{TEXT}, nhóm Mức độ hài lòng, điểm a",
        "feedback_on_time",
        "feedback_due",
        split=True,
    ),
    Criterion(
        "pakn_hai_long",
        "muc_do_hai_long",
        6,
        _("Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị"),
        f"{TEXT}, nhóm Mức độ hài lòng, điểm b",
        None,
        None,
        split=True,
        why_not=_(
            "Người gửi phản ánh chưa đánh giá được câu trả lời, nên không biết số phản hồi không hài lòng."
        ),
    ),
    Criterion(
        "hai_long_tthc",
        "muc_do_hai_long",
        6,
        _("Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC"),
        f"{TEXT}, nhóm Mức độ hài lòng, điểm c",
        "ended_satisfied",
        "ended",
        split=True,
    ),
)

BY_KEY = {c.key: c for c in CRITERIA}


@dataclass
class Counts:
    """What the formulas divide, for one unit and one period (filled by selectors, or by hand in tests)."""

    received: int = 0  # dossiers received in the period
    received_online: int = 0  # … submitted online, among those of procedures offered online
    received_online_capable: int = 0  # … of procedures offered online (full or partial)
    received_reusing: int = 0  # … with at least one document reused from the store
    paper_received: int = 0  # … received on paper (counter, post, home visit)
    paper_digitised: int = 0  # … of which at least one document was digitised
    ended: int = 0  # dossiers that ended in the period (result, refusal or stop)
    ended_on_time: int = 0  # … no later than the deadline, at most one supplement, no apology letter
    ended_satisfied: int = 0  # … on time, without a complaint and without a low SIPAS score
    results: int = 0  # dossiers ended in the period with a result (or refusal notice) issued
    results_electronic: int = 0  # … with an electronic copy of it
    procedures: int = 0  # procedures with a dossier received in the period
    procedures_online: int = 0  # … offered online (fully or partly)
    procedures_complete: int = 0  # … published with all their parts (nothing left for review)
    procedures_paid: int = 0  # procedures with a fee or charge paid in the period
    procedures_paid_online: int = 0  # … paid online at least once
    dossiers_paid: int = 0  # dossiers with a fee or charge paid in the period
    dossiers_paid_online: int = 0  # … paid online
    feedback_due: int = 0  # complaints and feedback whose answer fell due in the period
    feedback_on_time: int = 0  # … answered by their due moment

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class CriterionScore:
    key: str
    max: float
    points: float | None  # None: left out (status says why)
    status: str
    numerator: int | None = None
    denominator: int | None = None

    @property
    def rate(self) -> float | None:
        if self.status != MEASURED:
            return None
        return self.numerator / self.denominator

    @property
    def lost(self) -> float:
        return round(self.max - self.points, 2) if self.points is not None else 0.0

    @property
    def criterion(self) -> Criterion:
        return BY_KEY[self.key]

    def as_dict(self) -> dict:
        c = self.criterion
        return {
            "key": self.key,
            "label": str(c.label),
            "source": c.source,
            "status": self.status,
            "max": self.max,
            "points": self.points,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.rate is None else round(self.rate, 4),
            "full_at": c.full_at,
        }


@dataclass
class GroupScore:
    key: str
    max: float  # the measured criteria's maxima only
    points: float
    full_max: float  # the text's maximum for the group
    criteria: list[CriterionScore] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "max": self.max,
            "points": self.points,
            "full_max": self.full_max,
            "criteria": [c.as_dict() for c in self.criteria],
        }


@dataclass
class IndexScore:
    groups: list[GroupScore]
    has_data: bool

    @property
    def total(self) -> float | None:
        return round(sum(g.points for g in self.groups), 2) if self.has_data else None

    @property
    def max(self) -> float:
        return round(sum(g.max for g in self.groups), 2)

    @property
    def scaled(self) -> float | None:
        """The total on the 100-point scale: points earned over points measured (for ranking)."""
        if not self.has_data or not self.max:
            return None
        return round(100 * self.total / self.max, 2)

    def as_dict(self) -> dict:
        return {
            "status": MEASURED if self.has_data else NO_DATA,
            "total": self.total,
            "max": self.max,
            "scaled": self.scaled,
            "groups": [g.as_dict() for g in self.groups],
        }


def criterion_points(criterion: Criterion, numerator: int, denominator: int) -> float:
    """max × min(1, rate / full_at), rounded to hundredths. The caller checks denominator > 0."""
    if numerator < 0 or denominator <= 0 or numerator > denominator:
        raise ValueError(f"{criterion.key}: {numerator}/{denominator} is not a share")
    rate = numerator / denominator
    return round(criterion.max * min(1.0, rate / criterion.full_at), 2)


def score_criterion(criterion: Criterion, counts: Counts) -> CriterionScore:
    if criterion.numerator is None:
        return CriterionScore(criterion.key, criterion.max, None, UNMEASURABLE)
    num, den = getattr(counts, criterion.numerator), getattr(counts, criterion.denominator)
    if den == 0:
        return CriterionScore(criterion.key, criterion.max, None, NO_DATA, num, den)
    return CriterionScore(
        criterion.key, criterion.max, criterion_points(criterion, num, den), MEASURED, num, den
    )


def score(counts: Counts) -> IndexScore:
    """The index of one unit for one period. No dossier received nor ended: no index ("chưa có dữ liệu")."""
    groups = []
    for group in GROUPS:
        scores = [score_criterion(c, counts) for c in CRITERIA if c.group == group.key]
        measured = [s for s in scores if s.status == MEASURED]
        groups.append(
            GroupScore(
                key=group.key,
                max=round(sum(s.max for s in measured), 2),
                points=round(sum(s.points for s in measured), 2),
                full_max=group.max,
                criteria=scores,
            )
        )
    return IndexScore(groups=groups, has_data=bool(counts.received or counts.ended))


def group_label(key: str) -> str:
    return next(str(g.label) for g in GROUPS if g.key == key)
