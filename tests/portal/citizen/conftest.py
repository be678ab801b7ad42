"""The small Hà Nội of the dossier tests (built once for this package, removed afterwards), a signed-in
citizen, and uploads stored in a fresh folder for each test."""

import pytest

from tests.dossiers import conftest as dossier_fixtures

committed_world = dossier_fixtures.committed_world
world = dossier_fixtures.world


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def citizen_client(client, world):
    client.force_login(world.citizen)
    return client
