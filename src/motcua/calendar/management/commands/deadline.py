"""`motcua deadline`: when is a dossier due? Explains the count; the last line is the due moment (ISO 8601).

motcua deadline --received 2026-02-13T10:30 --duration "3 working days" --channel counter [--province 01]
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from motcua.calendar import selectors
from motcua.calendar.clock import WorkCalendar
from motcua.calendar.models import CalendarOverride, OfficeHoursSetting
from motcua.calendar.presentation import channel_name, weekday_name
from motcua.core.errors import DomainError
from motcua.units.models import AdministrativeUnit

TIME = "%d/%m/%Y %H:%M"


class Command(BaseCommand):
    help = _("Tính thời điểm bắt đầu tính và hạn giải quyết hồ sơ theo lịch làm việc.")

    def add_arguments(self, parser):
        parser.add_argument("--received", help=_("Thời điểm tiếp nhận, ISO 8601 (mặc định: bây giờ)."))
        parser.add_argument("--duration", help=_("«N working days», «N working hours», «same day»."))
        parser.add_argument("--channel", default="counter", help=_("counter, online hoặc postal."))
        parser.add_argument("--province", default="", help=_("Mã tỉnh (2 chữ số)."))

    def handle(self, *args, **options):
        if not options["duration"]:
            raise CommandError(_('Thiếu --duration, ví dụ --duration "3 working days".'))
        tables = set(connection.introspection.table_names())
        calendar = None
        if not {CalendarOverride._meta.db_table, OfficeHoursSetting._meta.db_table} <= tables:
            self.stdout.write(_("Cơ sở dữ liệu chưa có bảng lịch (chưa migrate): chỉ dùng ngày lễ quốc gia."))
            calendar = WorkCalendar()
        if options["province"] and AdministrativeUnit._meta.db_table not in tables:
            raise CommandError(_("Cơ sở dữ liệu chưa migrate: chạy «motcua migrate» trước."))
        try:
            result = selectors.deadline(
                received_at=options["received"],
                duration=options["duration"],
                channel=options["channel"],
                province_code=options["province"],
                calendar=calendar,
            )
        except DomainError as error:
            # The clock's own sentence names the bad value; otherwise the message and the value.
            reason = error.details.get("reason")
            value = error.details.get("value")
            text = reason or (f"{error.message} ({value})" if value else error.message)
            raise CommandError(f"{error.code}: {text}") from None
        self._explain(result)
        self.stdout.write(result.due.isoformat())

    def _explain(self, result):
        write = self.stdout.write
        received = result.received_at
        write(
            _("Tiếp nhận: %(when)s (%(weekday)s), %(channel)s")
            % {
                "when": received.strftime(TIME),
                "weekday": weekday_name(received),
                "channel": channel_name(result.channel),
            }
        )
        province = result.province
        if not province.code:
            write(_("Lịch: toàn quốc (ngày lễ quốc gia và ngày nghỉ, làm bù toàn quốc)."))
        elif province.verified:
            write(_("Lịch của %(name)s (mã %(code)s).") % {"name": province.name, "code": province.code})
        else:
            write(
                _(
                    "Lịch của tỉnh mã %(code)s: chưa nạp danh mục đơn vị hành chính, chỉ kiểm tra định dạng mã."
                )
                % {"code": province.code}
            )
        start = result.counting_start
        write(
            _("Bắt đầu tính: %(when)s (%(weekday)s)")
            % {"when": start.strftime(TIME), "weekday": weekday_name(start)}
        )
        hours = f"{result.working_time / timedelta(hours=1):g}".replace(".", ",")
        write(
            _("Thời hạn: %(limit)s (%(hours)s giờ làm việc)")
            % {"limit": result.duration.vietnamese(), "hours": hours}
        )
        for day in result.special_days:
            kind = _("làm việc") if day.working else _("nghỉ")
            write(f"  {day.day:%d/%m/%Y} ({weekday_name(day.day)}) {kind}: {day.reason}")
        if result.acceptance_deadline:
            write(
                _("Hạn tiếp nhận hồ sơ trực tuyến: %(when)s")
                % {"when": result.acceptance_deadline.strftime(TIME)}
            )
        write(
            _("Hạn giải quyết: %(when)s (%(weekday)s)")
            % {"when": result.due.strftime(TIME), "weekday": weekday_name(result.due)}
        )
