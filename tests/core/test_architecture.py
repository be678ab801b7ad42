"""The shape of the code (ADR 0032, 0033): pages and API views call use cases that own their transactions,
and the layers between apps hold (import-linter, the contracts in pyproject.toml)."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import motcua

ROOT = Path(motcua.__file__).parent
REPO = ROOT.parents[1]


def _edge_modules() -> list[Path]:
    """Every module under */views*, */api* and portal/: the pages and the API."""
    found = set(ROOT.glob("*/views*.py")) | set(ROOT.glob("*/views/**/*.py"))
    found |= set(ROOT.glob("*/api.py")) | set(ROOT.glob("*/api/**/*.py")) | set(ROOT.glob("portal/**/*.py"))
    return sorted(p for p in found if "migrations" not in p.parts)


def _opens_a_transaction(path: Path) -> list[int]:
    """Lines that name django.db.transaction's atomic (decorator, context manager or import)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "atomic":
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and any(alias.name == "atomic" for alias in node.names):
            lines.append(node.lineno)
    return lines


def test_the_scan_sees_the_pages_and_the_api():
    names = {str(p.relative_to(ROOT)) for p in _edge_modules()}
    assert {"workspace/views/reception.py", "dossiers/api/views.py", "portal/my_dossiers.py"} <= names
    assert "documents/api.py" in names  # the dossier's document endpoints
    assert "portal/submission/services.py" in names


def test_no_page_or_api_view_opens_a_transaction():
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in _edge_modules()
        if (lines := _opens_a_transaction(path))
    }
    assert offenders == {}


def test_the_scan_would_catch_a_transaction(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("from django.db import transaction\n\n@transaction.atomic\ndef v(request):\n    pass\n")
    assert _opens_a_transaction(sample) == [3]
    sample.write_text("from django.db.transaction import atomic\n")
    assert _opens_a_transaction(sample) == [1]


def test_the_app_layers_hold():
    """`lint-imports` with the contracts of pyproject.toml (imports inside functions count)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.fail("import-linter is a dev dependency: pip install -e '.[dev]'")
    done = subprocess.run(
        [lint, "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=REPO,
        env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(ROOT.parent)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
