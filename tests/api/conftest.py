"""The small Hà Nội of tests/dossiers (factories.World), built once for this package and removed after it."""

from tests.dossiers.conftest import committed_world, world  # noqa: F401
