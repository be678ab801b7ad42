"""`motcua notifications sweep|check|simulator`."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy


class Command(BaseCommand):
    help = gettext_lazy(
        "Thông báo cho người dân: gửi lại tin đến hạn, kiểm tra cấu hình, máy mô phỏng SMS và Zalo."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{sweep,check,simulator}")
        actions.add_parser("sweep", help=gettext_lazy("Gửi lại các thông báo và webhook đã đến hạn gửi lại."))
        actions.add_parser("check", help=gettext_lazy("Kiểm tra cấu hình các kênh thông báo."))
        sim = actions.add_parser(
            "simulator", help=gettext_lazy("Chạy máy mô phỏng SMS brandname và Zalo OA.")
        )
        sim.add_argument("--host", default="127.0.0.1")
        sim.add_argument("--port", type=int, default=8003)
        sim.add_argument("--log", required=True)

    def handle(self, *args, action, **options):
        if action == "simulator":
            from motcua.notifications.simulator.__main__ import main

            main(["--host", options["host"], "--port", str(options["port"]), "--log", options["log"]])
            return
        if action == "sweep":
            from motcua.notifications import delivery
            from motcua.webhooks import services

            notes, hooks = delivery.sweep(), services.sweep()
            self.stdout.write(
                f"notifications sent {notes['sent']} tried {notes['tried']} uncertain {notes['uncertain']}"
                f" · webhooks delivered {hooks['delivered']} tried {hooks['tried']}"
            )
            return
        from motcua.notifications import conf, registry

        for channel in conf.CHANNELS:
            provider = conf.provider_id(channel)
            if not provider:
                self.stdout.write(f"{channel}: off")
            elif channel == conf.EMAIL:
                from django.conf import settings

                self.stdout.write(
                    f"email: {settings.EMAIL_BACKEND} {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
                )
            else:
                check = registry.get(provider).check_config()
                self.stdout.write(f"{channel}: {provider} {'ok' if check.ok else '; '.join(check.messages)}")
