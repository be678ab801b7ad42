import pytest

from motcua.org.services import ensure_roles

from .factories import QueueWorld


@pytest.fixture
def world(db):
    ensure_roles()
    return QueueWorld()
