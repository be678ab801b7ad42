"""`motcua payments reconcile|check|gateway-simulator`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Command(BaseCommand):
    help = gettext_lazy("Thanh toán trực tuyến: đối soát, kiểm tra cấu hình, cổng thanh toán mô phỏng.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{reconcile,check,gateway-simulator}"
        )
        rec = actions.add_parser(
            "reconcile",
            help=gettext_lazy("Tra cứu các giao dịch đang chờ và ghi nhận kết quả; hết hạn giao dịch bỏ dở."),
        )
        rec.add_argument("--older-than", type=float, default=5, help=gettext_lazy("Phút (mặc định 5)."))
        rec.add_argument(
            "--expire-after",
            type=float,
            default=None,
            help=gettext_lazy("Phút; mặc định: thời hạn thanh toán + 5."),
        )
        actions.add_parser(
            "check", help=gettext_lazy("Kiểm tra cấu hình và kết nối của các cổng thanh toán.")
        )
        sim = actions.add_parser(
            "gateway-simulator", help=gettext_lazy("Chạy cổng thanh toán mô phỏng (VNPAY 2.1.0).")
        )
        sim.add_argument("--host", default="127.0.0.1")
        sim.add_argument("--port", type=int, default=8002)
        sim.add_argument("--ipn-url", default="http://127.0.0.1:8000/thanh-toan/ipn/vnpay/")

    def handle(self, *args, action, **options):
        if action == "reconcile":
            from motcua.payments.tasks import reconcile

            # The task's own code, run here in the foreground (no result to wait for from a broker).
            counts = reconcile.run(
                older_than_minutes=options["older_than"], expire_after_minutes=options["expire_after"]
            )
            self.stdout.write(
                _(
                    "Đã kiểm tra %(checked)s giao dịch: %(paid)s đã thanh toán, %(failed)s không thành công, "
                    "%(expired)s hết hạn, %(unreachable)s chưa tra cứu được."
                )
                % counts
            )
        elif action == "check":
            from motcua.payments import registry

            failed = False
            for plugin in registry.all_plugins():
                result = plugin.check_config()
                failed |= not result.ok
                mark = "OK" if result.ok else _("LỖI")
                for message in result.messages:
                    self.stdout.write(f"{plugin.identifier}: {mark} — {message}")
            if failed:
                raise CommandError(_("Có cổng thanh toán chưa hoạt động."))
        else:
            from motcua.payments.conf import vnpay
            from motcua.payments.simulator.__main__ import main

            cfg = vnpay()
            main(
                [
                    "--host", options["host"], "--port", str(options["port"]), "--ipn-url", options["ipn_url"],
                    "--tmn-code", cfg.tmn_code, "--hash-secret", cfg.hash_secret,
                ]
            )  # fmt: skip
