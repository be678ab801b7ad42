"""Payments fixtures: the small Hà Nội of tests.dossiers and an online dossier with a 100,000 đ fee.
The gateway simulator (a real separate process) and its fixtures `simulator_process`, `gateway` and
`offline_gateway` live in tests/payments/gateway.py, registered as a plugin in tests/conftest.py.

Tests that need the simulator's webhook to reach us run against pytest-django's live server, so they
are transactional (the database is flushed after each) and build their own world.
"""

from __future__ import annotations

import pytest

from motcua.dossiers import services as dossier_services
from motcua.org.roles import RoleCode
from motcua.org.services import ensure_roles
from tests.dossiers.factories import World, person, staff


@pytest.fixture
def world(db):
    ensure_roles()
    return World()


@pytest.fixture
def live_world(transactional_db):
    ensure_roles()
    return World()


def online_dossier(world, *, user=None):
    """The citizen's online dossier for the licence procedure (Justice department, 100,000 đ due)."""
    proc = world.licence
    return dossier_services.submit_online(
        user=user or world.citizen,
        procedure=proc,
        province=world.province,
        case=world.case(proc, 0),
        provided=world.documents(proc, 0),
        applicant=person(),
    )


def fee_officer(dossier):
    """A reception officer where the online dossier is handled (may record and refund its fees)."""
    return staff(RoleCode.RECEPTION_OFFICER, dossier.received_place, "Trần Văn Thu")
