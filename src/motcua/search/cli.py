"""Command-line search, shared by `motcua search query` and `motcua catalog search`."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from .selectors import LEVELS, MAX_LIMIT, Mode, search_procedures


def add_query_arguments(parser) -> None:
    parser.add_argument("query", help=_('Câu hỏi hoặc từ khóa, ví dụ: "làm sổ đỏ".'))
    parser.add_argument(
        "--limit", type=int, default=5, help=_("Số kết quả (1–%(max)d), mặc định 5.") % {"max": MAX_LIMIT}
    )
    parser.add_argument(
        "--mode", choices=[mode.value for mode in Mode], default=Mode.HYBRID.value, help=_("Cách tra cứu.")
    )
    parser.add_argument(
        "--province", default=None, help=_("Mã tỉnh (GSO), ví dụ 01: chỉ thủ tục tỉnh áp dụng.")
    )
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default=None,
        help=_("Nơi tra cứu: commune (điểm tiếp nhận cấp xã) hoặc province (Trung tâm cấp tỉnh)."),
    )


def add_search_subcommand(subparsers, name: str = "search", command=None):
    """Add `<name> QUERY [--limit N] [--mode M] [--province P]` to a command's subparsers.

    With `command` (the BaseCommand whose add_arguments calls this), also give it a `_<name>(options)`
    method, the shape `motcua catalog` dispatches subcommands to.
    """
    parser = subparsers.add_parser(name, help=_("Tra cứu thủ tục hành chính theo câu hỏi."))
    add_query_arguments(parser)
    if command is not None:
        setattr(command, f"_{name}", lambda options: handle_search(command, **options))
    return parser


def handle_search(command, **options) -> None:
    """Print one procedure per line: code, tab, name. `command` is the running BaseCommand."""
    try:
        hits = search_procedures(
            options["query"],
            limit=options["limit"],
            province=options.get("province"),
            mode=options["mode"],
            level=options.get("level"),
        )
    except DomainError as error:
        raise CommandError(f"{error.code}: {error.message}") from error
    for hit in hits:
        command.stdout.write(f"{hit.code}\t{hit.name}")
