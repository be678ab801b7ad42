from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"
    verbose_name = _("Giấy tờ, tệp hồ sơ")

    def ready(self):
        from motcua.dossiers import papers

        from . import (
            receipts,
            selectors,
            services,
            signals,  # noqa: F401  (connects the orphan-file cleanup)
        )

        papers.provide(
            papers.Papers(
                notes=selectors.receipt_notes,
                receipt_number=receipts.receipt_number,
                store_result_copy=services.store_result_copy,
            )
        )
