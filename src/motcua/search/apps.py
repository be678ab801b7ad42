from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "motcua.search"
    label = "search"
    verbose_name = _("Tra cứu thủ tục hành chính")

    def ready(self):
        from motcua.catalog import extensions

        from .cli import add_search_subcommand

        extensions.in_force_changed.connect(_reindex, dispatch_uid="search-reindex-in-force")
        extensions.add_subcommand(add_search_subcommand)  # motcua catalog search QUERY


def _reindex(sender, version_ids, **kwargs) -> None:
    from .services import reindex_on_commit

    reindex_on_commit(version_ids)
