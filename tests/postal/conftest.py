"""Postal fixtures: the dossiers package's small Hà Nội, postal agents, dossiers whose result is ready
to go by post."""

import pytest

from motcua.dossiers import services as dossier_services
from motcua.org.roles import RoleCode
from tests.dossiers.conftest import committed_world, world  # noqa: F401 (fixtures)
from tests.dossiers.factories import at, person, staff

SECRET = "test-callback-secret"  # noqa: S105


@pytest.fixture
def agent(world):  # noqa: F811 (the imported fixture)
    return staff(RoleCode.POSTAL_AGENT, world.point_ba_dinh, "Lý Văn Bưu")


@pytest.fixture
def agent_elsewhere(world):  # noqa: F811
    return staff(RoleCode.POSTAL_AGENT, world.point_soc_son, "Mai Thị Phát")


def result_ready(world, *, delivery="postal", **applicant):  # noqa: F811 (a plain argument)
    dossier = dossier_services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        applicant=person(**{"address": "Thôn Đông", "commune": "00376", **applicant}),  # routed to Sóc Sơn
        result_delivery=delivery,
        at=at("2026-03-02 09:00"),
    )
    dossier = dossier_services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    dossier = dossier_services.approve(dossier, actor=world.leader, version=2, at=at("2026-03-03 09:00"))
    return dossier_services.issue_result(
        dossier,
        actor=world.leader,
        version=3,
        title="Giấy khai sinh",
        e_copy_ref="kho:gks-1",
        at=at("2026-03-03 10:00"),
    )


@pytest.fixture
def ready(world):  # noqa: F811
    def make(**kwargs):
        return result_ready(world, **kwargs)

    return make
