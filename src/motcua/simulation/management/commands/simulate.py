"""`motcua simulate`: a trial operation of a province, through the real services (or in bulk)."""

import logging
from contextlib import contextmanager
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.simulation.models import SimulationRun
from motcua.simulation.runner import Parameters, history_parameters, simulate


class Command(BaseCommand):
    help = _("Mô phỏng vận hành thử: hồ sơ đến theo kênh, thủ tục, giờ làm việc, xử lý qua các dịch vụ thật.")

    def add_arguments(self, parser):
        parser.add_argument("--province", default="01", help=_("Mã tỉnh (mặc định 01, Hà Nội)."))
        parser.add_argument("--days", type=int, default=21, help=_("Số ngày mô phỏng (mặc định 21)."))
        parser.add_argument("--seed", default="1", help=_("Hạt giống: cùng hạt giống, cùng hồ sơ."))
        parser.add_argument("--start", type=date.fromisoformat, help=_("Ngày bắt đầu, YYYY-MM-DD."))
        parser.add_argument(
            "--scale", type=float, default=1.0, help=_("Tỷ lệ khối lượng (1 = 66.000 hồ sơ/21 ngày).")
        )
        parser.add_argument("--dossiers", type=int, help=_("Số hồ sơ (thay cho --scale)."))
        parser.add_argument("--mix", choices=["realistic", "demo"], default="realistic")
        parser.add_argument(
            "--bulk", action="store_true", help=_("Ghi thẳng các dòng dữ liệu theo lô (nhanh).")
        )
        parser.add_argument(
            "--outbox-published",
            action="store_true",
            help=_("Với --bulk: đánh dấu các sự kiện outbox đã gửi (khi không có tích hợp nào nhận)."),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help=_(
                "Với --bulk trên PostgreSQL: số tiến trình ghi song song (mỗi tiến trình một phần cơ quan)."
            ),
        )
        parser.add_argument(
            "--brokers",
            type=float,
            default=0.0,
            help=_("Tỷ lệ hồ sơ tại quầy do cò hồ sơ (cài sẵn) nộp thay, ví dụ 0.03."),
        )
        parser.add_argument(
            "--relatives",
            type=float,
            default=0.0,
            help=_("Tỷ lệ hồ sơ tại quầy do người thân cùng địa chỉ nộp thay, ví dụ 0.05."),
        )
        parser.add_argument(
            "--history",
            action="store_true",
            help=_("Lịch sử nhỏ đến hiện tại cho trang làm việc (bootstrap)."),
        )

    def handle(self, *args, **options):
        _preflight(options["province"])
        if options["history"]:
            if SimulationRun.objects.filter(province_code=options["province"], seed="history").exists():
                self.stdout.write(
                    _("Đã có lịch sử mô phỏng của tỉnh %(p)s: không tạo thêm.") % {"p": options["province"]}
                )
                return
            params = history_parameters(options["province"])
        else:
            params = Parameters(
                province=options["province"], start=options["start"], days=options["days"], seed=options["seed"],
                scale=options["scale"], dossiers=options["dossiers"], mix=options["mix"], bulk=options["bulk"],
                outbox_published=options["outbox_published"], workers=options["workers"],
                brokers=options["brokers"], relatives=options["relatives"],
            )  # fmt: skip
        if params.days < 1:
            raise CommandError(_("Số ngày phải lớn hơn 0."))
        if not (
            0 <= params.brokers <= 1 and 0 <= params.relatives <= 1 and params.brokers + params.relatives <= 1
        ):
            raise CommandError(_("Tỷ lệ cò hồ sơ và người thân nộp thay phải từ 0 đến 1, tổng không quá 1."))
        with _quiet("motcua.dossiers", "celery"):
            report = simulate(params, progress=self._progress)
        self.stdout.write("")
        self._summary(report)
        if params.bulk and params.outbox_published:  # no event delivered: the aggregates did not follow
            self.stdout.write(
                _(
                    "Các sự kiện đã đánh dấu là đã gửi: chạy «motcua index rebuild-aggregates» để tính lại số liệu tổng hợp."
                )
            )

    def _progress(self, done, total, dossiers, seconds):
        rate = dossiers / seconds if seconds else 0
        self.stdout.write(
            "\r"
            + _("%(done)d/%(total)d sự kiện · %(dossiers)d hồ sơ · %(rate).1f hồ sơ/giây")
            % {"done": done, "total": total, "dossiers": dossiers, "rate": rate},
            ending="",
        )
        self.stdout.flush()

    def _summary(self, report):
        s, out = report.summary, self.stdout.write
        out(_("Lượt %(key)s: %(planned)d hồ sơ theo kế hoạch, %(events)d sự kiện đến %(horizon)s.") % {
            "key": report.run.key, "planned": report.planned, "events": report.events,
            "horizon": f"{timezone.localtime(report.run.horizon):%d/%m/%Y %H:%M}",
        })  # fmt: skip
        o = report.outcome
        out(_("Đã thực hiện %(a)d, đã có từ trước %(s)d, bị chặn %(b)d, lỗi %(f)d.") % {
            "a": o.applied, "s": o.skipped, "b": o.blocked, "f": sum(o.failures.values())})  # fmt: skip
        for code, n in o.failures.most_common():
            out(f"  {code}: {n}")  # stable error codes, as the API gives them
        channels, statuses = _labels("channel"), _labels("status")
        out(_("Hồ sơ: %(n)d. Theo kênh: %(c)s") % {"n": s["dossiers"], "c": _pairs(s["channels"], channels)})
        out(_("Theo trạng thái: %(s)s") % {"s": _pairs(s["statuses"], statuses)})
        share = "—" if s["on_time_share"] is None else f"{100 * s['on_time_share']:.2f}%"
        out(_("Đúng hạn: %(share)s (%(on)d/%(all)d hồ sơ đã kết thúc có thời hạn).") % {
            "share": share, "on": s["on_time"], "all": s["ended_with_due"]})  # fmt: skip
        out(_("Thời gian: lập kế hoạch %(p).1f giây, ghi %(w).1f giây, %(r)s hồ sơ/giây.") % {
            "p": report.plan_seconds, "w": s["wall_seconds"], "r": s["dossiers_per_second"]})  # fmt: skip


def _pairs(counts: dict, labels: dict) -> str:
    return "; ".join(f"{labels.get(k, k)} {v}" for k, v in counts.items()) or "—"


def _labels(field: str) -> dict[str, str]:
    """The dossier field's choices as people read them ("đã trả kết quả", not "returned")."""
    from motcua.dossiers.models import Dossier

    return {key: str(label) for key, label in Dossier._meta.get_field(field).choices}


def _preflight(province: str) -> None:
    """What the trial needs before it can run, each missing piece with the command that makes it."""
    from motcua.catalog.models import ProvinceProcedure
    from motcua.org.models import ReceptionPlace, StaffAssignment
    from motcua.units.models import AdministrativeUnit

    units = AdministrativeUnit.objects.current()
    if not units.exists():
        raise CommandError(
            _("Chưa có danh mục đơn vị hành chính: chạy `motcua units load` rồi `motcua bootstrap` trước.")
        )
    if not units.provinces().filter(code=province).exists():
        raise CommandError(
            _("Không có tỉnh mã %(p)s: --province là mã tỉnh 2 chữ số, ví dụ 01 (Hà Nội), 31 (Hải Phòng).")
            % {"p": province}
        )
    if not ProvinceProcedure.objects.filter(province__code=province, active=True).exists():
        raise CommandError(
            _(
                "Tỉnh %(p)s chưa áp dụng thủ tục nào: chạy `motcua catalog import` rồi `motcua bootstrap` trước."
            )
            % {"p": province}
        )
    if not ReceptionPlace.objects.filter(province__code=province, is_active=True).exists():
        raise CommandError(
            _(
                "Tỉnh %(p)s chưa có nơi tiếp nhận hồ sơ nào: chạy `motcua org demo` (hoặc `motcua bootstrap`) trước."
            )
            % {"p": province}
        )
    staffed = StaffAssignment.objects.valid_on(timezone.localdate()).filter(
        role__code="specialist", agency__province__code=province, user__is_active=True
    )
    if not staffed.exists():
        raise CommandError(
            _(
                "Tỉnh %(p)s chưa có cán bộ chuyên môn nào được phân công ở cơ quan giải quyết: "
                "chạy `motcua org demo` (hoặc `motcua bootstrap`) trước."
            )
            % {"p": province}
        )


@contextmanager
def _quiet(*names):
    """One log line per change would drown the progress line: the engine's loggers say only warnings."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
