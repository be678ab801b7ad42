"""Every `motcua` command of ours answers `--help` (and each subcommand's `--help`) with its text.
A lazy translation handed to argparse as a help text crashed `motcua payments --help` and eight more."""

import argparse

import pytest
from django.core.management import get_commands, load_command_class

OURS = sorted(name for name, app in get_commands().items() if app.startswith("motcua"))


def _parsers(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:  # argparse keeps subcommands here; there is no public accessor
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def test_the_command_list_is_ours():
    assert {"catalog", "payments", "portal", "migrate-legacy", "bootstrap"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_help_of_every_command_and_subcommand_renders(name):
    command = load_command_class(get_commands()[name], name)
    for parser in _parsers(command.create_parser("motcua", name)):
        text = parser.format_help()
        assert text.startswith("usage: motcua"), text[:200]
