"""`motcua portal simulator|sync|status|pull|reconcile`: the National Public Service Portal link."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Command(BaseCommand):
    help = gettext_lazy("Kết nối Cổng Dịch vụ công quốc gia: đồng bộ, tình trạng, cổng mô phỏng.")

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse formats the description with re: no lazy text
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{simulator,sync,status,pull,reconcile}"
        )
        from motcua.nationalportal import simulator

        sim = actions.add_parser(
            "simulator", help=gettext_lazy("Chạy Cổng quốc gia mô phỏng (có giả lập lỗi).")
        )
        simulator.add_arguments(sim)
        sync = actions.add_parser(
            "sync", help=gettext_lazy("Gửi các sự kiện đến hạn lên Cổng quốc gia (MOTCUA_PORTAL_URL).")
        )
        sync.add_argument(
            "--until-empty",
            action="store_true",
            help=gettext_lazy("Gửi tiếp (chờ hết thời gian lùi) cho đến khi không còn sự kiện chờ gửi."),
        )
        sync.add_argument("--batch", type=int, default=500)
        actions.add_parser("status", help=gettext_lazy("Số sự kiện: tổng, đã gửi, chờ gửi, lỗi."))
        actions.add_parser("pull", help=gettext_lazy("Lấy về và tiếp nhận hồ sơ nộp trên Cổng quốc gia."))
        rec = actions.add_parser(
            "reconcile", help=gettext_lazy("Đối soát số liệu một ngày với Cổng quốc gia.")
        )
        rec.add_argument("--day", default=None, help="YYYY-MM-DD (mặc định: hôm qua)")

    def handle(self, *args, action, **options):
        if action == "simulator":
            from motcua.nationalportal import simulator

            simulator.serve(options)
            return
        from motcua.nationalportal import delivery
        from motcua.nationalportal.client import PortalUnavailable

        if action in ("sync", "pull", "reconcile"):
            from django.conf import settings

            if not settings.MOTCUA_PORTAL_URL:
                raise CommandError(
                    _(
                        "Chưa đặt MOTCUA_PORTAL_URL (địa chỉ Cổng Dịch vụ công quốc gia, hoặc của "
                        "`motcua portal simulator`)."
                    )
                )
        if action == "sync":
            try:
                totals = delivery.sync(until_empty=options["until_empty"], size=options["batch"])
            except PortalUnavailable as exc:
                raise CommandError(_("Không kết nối được Cổng quốc gia: %(error)s") % {"error": exc}) from exc
            if totals["busy"]:
                raise CommandError(_("Một tiến trình khác đang gửi lên Cổng quốc gia; thử lại sau."))
            self.stdout.write(
                _("Đã gửi %(sent)s lượt, %(delivered)s sự kiện được Cổng nhận, %(rejected)s bị từ chối.")
                % totals
            )
            self._status()
        elif action == "status":
            self._status()
        elif action == "pull":
            from motcua.nationalportal import inbound

            counts = inbound.pull()
            self.stdout.write(
                _("Đã lấy %(fetched)s hồ sơ: %(received)s tiếp nhận, %(parked)s tạm giữ.") % counts
            )
        else:
            from motcua.nationalportal import reconciliation

            report = reconciliation.reconcile(options["day"])
            self.stdout.write(
                _("Đối soát ngày %(day)s: %(count)s trạng thái chênh lệch.")
                % {"day": report["day"], "count": len(report["differences"])}
            )
            for status, diff in sorted(report["differences"].items(), key=lambda kv: int(kv[0])):
                self.stdout.write(f"  {status}: {diff['ours']} ≠ {diff['theirs']}")

    def _status(self):
        from motcua.nationalportal import delivery

        f = delivery.figures()
        self.stdout.write(
            _("Bỏ qua: %(skipped)s; độ trễ (sự kiện chờ lâu nhất): %(lag_seconds).0f giây.") % f
        )
        # The last line is fixed, in English, for scripts.
        self.stdout.write(
            f"events {f['events']} delivered {f['delivered']} pending {f['pending']} dead {f['dead']}"
        )
