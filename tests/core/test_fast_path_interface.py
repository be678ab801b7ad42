"""The fast path (motcua.core.fast) is used through its public interface: each module's `__all__`.
Nothing outside it imports or reads a private name of its modules (import-linter checks modules, not
names, hence this check of the source)."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAST = "motcua.core.fast"
MODULES = ["rows", "representation", "authentication", "middleware", "reference"]


def _sources():
    for folder in ("src/motcua", "bench", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if "core/fast" not in path.as_posix():
                yield path


def _private_uses(tree: ast.AST) -> list[str]:
    aliases: dict[str, str] = {}  # local name -> fast module
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == FAST:
                for alias in node.names:
                    aliases[alias.asname or alias.name] = alias.name
            elif node.module.startswith(FAST + "."):
                found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = aliases.get(node.value.id)
            if module and node.attr.startswith("_"):
                found.append(f"{FAST}.{module}.{node.attr}")
    return found


def test_nothing_outside_the_fast_path_uses_its_private_names():
    offences = {
        str(path.relative_to(ROOT)): uses
        for path in _sources()
        if (uses := _private_uses(ast.parse(path.read_text(), filename=str(path))))
    }
    assert offences == {}


def test_the_check_sees_a_private_use():
    tree = ast.parse(
        "from motcua.core.fast import rows\nrows._plans\nfrom motcua.core.fast.rows import _Plan\n"
    )
    assert sorted(_private_uses(tree)) == ["motcua.core.fast.rows._Plan", "motcua.core.fast.rows._plans"]


@pytest.mark.parametrize("name", MODULES)
def test_every_fast_module_declares_its_public_interface(name):
    module = importlib.import_module(f"{FAST}.{name}")
    assert module.__all__, name
    for public in module.__all__:
        assert not public.startswith("_") and hasattr(module, public), (name, public)
