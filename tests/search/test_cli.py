import argparse
import io

import pytest
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from motcua.search.cli import add_search_subcommand, handle_search

pytestmark = pytest.mark.usefixtures("indexed")


def run(*args):
    out = io.StringIO()
    call_command("search", *args, stdout=out)
    return out.getvalue().splitlines()


def test_query_prints_one_procedure_per_line_code_first():
    lines = run("query", "xin giấy phép lái xe quốc tế", "--limit", "5")
    assert len(lines) == 5
    assert lines[0].split("\t") == ["3.000353", "Cấp giấy phép lái xe quốc tế"]
    assert all(line.split("\t")[0].count(".") == 1 for line in lines)


def test_query_errors_become_command_errors():
    with pytest.raises(CommandError, match="search.invalid_query"):
        run("query", "  ")


def test_reindex_command_reports_counts():
    assert run("reindex") == ["Chỉ mục: 2850 thủ tục; thêm 0, cập nhật 0, xóa 0; nhúng mới 0."]


def test_search_subcommand_can_be_added_to_another_command():
    class Catalog(BaseCommand):
        def add_arguments(self, parser):
            subparsers = parser.add_subparsers(dest="subcommand", required=True)
            subparsers.add_parser("import")
            add_search_subcommand(subparsers, command=self)

        def handle(self, *args, **options):
            getattr(self, "_" + options["subcommand"])(options)

    command = Catalog(stdout=io.StringIO())
    parser = command.create_parser("motcua", "catalog")
    options = vars(parser.parse_args(["search", "đăng ký kết hôn", "--limit", "2", "--mode", "lexical"]))
    command.execute(**options)
    assert command.stdout._out.getvalue().splitlines()[0].startswith("1.000894\t")


def test_handle_search_writes_to_the_command():
    command = BaseCommand(stdout=io.StringIO())
    handle_search(command, query="1.001193", limit=1, mode="hybrid", province=None)
    assert command.stdout._out.getvalue() == "1.001193\tThủ tục đăng ký khai sinh\n"


def test_parser_rejects_unknown_mode():
    parser = argparse.ArgumentParser()
    add_search_subcommand(parser.add_subparsers(dest="subcommand"))
    with pytest.raises(SystemExit):
        parser.parse_args(["search", "x", "--mode", "fuzzy"])
