"""Privacy fixtures: the dossier tests' small Hà Nội (built once for this package), fresh media and cache."""

import pytest
from django.core.cache import cache

from tests.dossiers.conftest import committed_world, world  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def fresh_throttle_and_media(settings, tmp_path):
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()
