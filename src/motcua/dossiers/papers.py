"""What the dossier engine needs from the documents app, which sits above it (it links its rows to
dossiers): given at start-up by DocumentsConfig.ready, so the engine never imports that app (ADR 0047).

- `notes(dossier)`: per required document id, how its paper came in ("Tái sử dụng bản điện tử",
  "Đã số hóa"), for the receipt (form 01);
- `receipt_number(dossier)`: the receipt's number in the center's series, given at the first printing;
- `store_result_copy(result=, content=, filename=, actor=, now=)`: the result's electronic copy stored,
  checked and recorded in the caller's transaction (issue_result, refuse).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Papers:
    notes: Callable[..., dict[int, str]]
    receipt_number: Callable[..., str]
    store_result_copy: Callable[..., object]


_given: list[Papers] = []


def provide(papers: Papers) -> None:
    _given[:] = [papers]


def papers() -> Papers:
    if not _given:
        raise RuntimeError("no documents app gave the dossier engine its papers (INSTALLED_APPS)")
    return _given[0]
