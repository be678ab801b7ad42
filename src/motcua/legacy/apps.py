from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    name = "motcua.legacy"
    label = "legacy"
    verbose_name = _("Chuyển đổi hồ sơ từ hệ thống cũ")

    def ready(self):
        # A migrated dossier's old code is tracked with the applicant's ID tail (ADR 0043).
        from motcua.dossiers import tracking

        from .tracking import factor_matches

        tracking.register_factor(factor_matches)
