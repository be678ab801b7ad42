"""`motcua postal <subcommand>`: check the operator connection; play the operator's status callbacks
for a hand-over record with faults injected (duplicates, shuffled order, failed attempts, returns)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.postal import conf
from motcua.postal.models import HandoverBatch
from motcua.postal.operator import registry, simulator


class Command(BaseCommand):
    help = _(
        "Bưu chính: kiểm tra kết nối doanh nghiệp bưu chính (check), giả lập trạng thái bưu gửi (simulate)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("check", help=_("Kiểm tra cấu hình và kết nối tới doanh nghiệp bưu chính."))
        sim = sub.add_parser(
            "simulate", help=_("Gửi các sự kiện trạng thái của một biên bản tới địa chỉ nhận.")
        )
        sim.add_argument("record", help=_("Số biên bản bàn giao, ví dụ BBX7K2M9QA."))
        sim.add_argument("--url", default="http://127.0.0.1:8000/api/v1/postal/callbacks")
        sim.add_argument("--duplicates", type=float, default=0.0, help=_("Tỉ lệ sự kiện gửi hai lần (0–1)."))
        sim.add_argument("--shuffle", action="store_true", help=_("Gửi lộn thứ tự."))
        sim.add_argument(
            "--failed", type=float, default=0.0, help=_("Tỉ lệ bưu gửi phát không thành công một lần.")
        )
        sim.add_argument("--returned", type=float, default=0.0, help=_("Tỉ lệ bưu gửi chuyển hoàn."))
        sim.add_argument("--bad-signature", type=float, default=0.0, help=_("Tỉ lệ yêu cầu ký sai."))
        sim.add_argument("--seed", type=int, default=None)

    def handle(self, *args, **options):
        getattr(self, "_" + options["subcommand"])(options)

    def _check(self, options):
        result = registry.current().check()
        secret = bool(conf.callback_secret())
        ok, fail = _("được"), _("LỖI")
        self.stdout.write(
            _("Doanh nghiệp bưu chính %(name)s: %(mark)s — %(message)s")
            % {"name": conf.operator_name(), "mark": ok if result.ok else fail, "message": result.message}
        )
        self.stdout.write(
            _("Nhận trạng thái bưu gửi: %(mark)s")
            % {"mark": ok if secret else fail + " — " + _("chưa đặt MOTCUA_POSTAL_CALLBACK_SECRET")}
        )
        if not (result.ok and secret):
            raise CommandError(_("Kết nối bưu chính chưa sẵn sàng."))

    def _simulate(self, options):
        secret = conf.callback_secret()
        if not secret:
            raise CommandError(_("Chưa đặt MOTCUA_POSTAL_CALLBACK_SECRET."))
        batch = HandoverBatch.objects.filter(code=options["record"]).first()
        if batch is None:
            raise CommandError(_("Không có biên bản %(code)s.") % {"code": options["record"]})
        faults = simulator.Faults(
            duplicates=options["duplicates"],
            shuffle=options["shuffle"],
            failed_attempt=options["failed"],
            returned=options["returned"],
            bad_signature=options["bad_signature"],
            seed=options["seed"],
        )
        items = [(s.code, s.kind) for s in batch.items.order_by("pk")]
        events = simulator.callbacks(items, start=timezone.now(), faults=faults)
        for event, (status, answer) in zip(
            events, simulator.send(events, options["url"], secret, faults=faults), strict=True
        ):
            self.stdout.write(
                f"{event.item_code} {event.status:<10} {status} {answer.get('outcome', answer.get('code', ''))}"
            )
