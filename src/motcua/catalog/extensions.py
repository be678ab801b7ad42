"""What the apps above the catalog hang on it, registered in their AppConfig.ready, so that the catalog
never imports them (ADR 0047: no import cycle between apps, counting imports inside functions).

- `in_force_changed`: sent inside the writer's transaction whenever publishing, retiring or editing
  versions changes what is in force (`version_ids`: the versions concerned). Procedure search
  reindexes them once the transaction commits.
- `add_subcommand`: a subcommand of `motcua catalog` (procedure search adds `motcua catalog search`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.dispatch import Signal

in_force_changed = Signal()  # keyword arguments: version_ids (list[int])

_subcommands: list[Callable] = []


def add_subcommand(add: Callable) -> None:
    """`add(subparsers, command=the BaseCommand)` adds a parser and gives the command its
    `_<name>(options)` method (the shape `motcua catalog` dispatches to)."""
    if add not in _subcommands:
        _subcommands.append(add)


def subcommands() -> list[Callable]:
    return list(_subcommands)
