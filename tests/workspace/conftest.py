"""Workspace fixtures: the dossier tests' small Hà Nội (built once for this package, removed after it),
officers who can sign in, and a fixed "now" for the queues (the legal clock needs a known moment)."""

import pytest

from motcua.org.roles import RoleCode
from motcua.workspace import selectors
from tests.dossiers.conftest import committed_world, receive, world  # noqa: F401 (fixtures)
from tests.dossiers.factories import at, staff
from tests.twofactor import verified_login

PASSWORD = "motcua-demo"
NOW = "2026-03-04 08:30"  # a Wednesday, 30 minutes after opening


@pytest.fixture
def now(monkeypatch):
    moment = at(NOW)
    monkeypatch.setattr(selectors, "current_time", lambda: moment)
    return moment


@pytest.fixture
def stranger(world):  # noqa: F811 (the imported fixture)
    """A reception officer of another commune (Hoàn Kiếm)."""
    return staff(RoleCode.RECEPTION_OFFICER, world.point_hoan_kiem, "Quách Thị Ngọc")


def signed_in(client, user):
    """Signed in past the second factor (required of supervisors; tests/accounts/test_two_factor.py)."""
    return verified_login(client, user)


__all__ = ["receive", "signed_in"]
