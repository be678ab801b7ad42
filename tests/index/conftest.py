"""Index fixtures: the dossier tests' small Hà Nội (built once for this package, removed after it)."""

from tests.dossiers.conftest import committed_world, receive, world  # noqa: F401 (fixtures)

__all__ = ["receive"]
