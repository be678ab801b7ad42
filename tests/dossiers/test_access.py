"""Who sees which dossier, and which buttons each person gets."""

import pytest

from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier
from motcua.org import services as org
from motcua.org.roles import RoleCode

from .conftest import receive
from .factories import staff
from .test_online import submit

pytestmark = pytest.mark.django_db


def actions(dossier, user):
    return [t.action.value for t in selectors.available_actions(dossier, user)]


def test_officers_see_what_was_received_at_their_place_or_routed_to_their_agency(world):
    at_ba_dinh = receive(world)  # routed to Sóc Sơn
    at_soc_son = receive(world, world.residence, officer=world.officer_soc_son, place=world.point_soc_son)
    licence = receive(world, world.licence)  # Justice department
    visible = lambda user: set(selectors.visible_dossiers(user))  # noqa: E731
    assert visible(world.officer) == {at_ba_dinh, licence}
    assert visible(world.officer_soc_son) == {at_soc_son}
    assert visible(world.specialist) == {at_ba_dinh, at_soc_son}
    assert visible(world.justice_specialist) == {licence}
    assert visible(world.supervisor) == {at_ba_dinh, at_soc_son, licence}
    branch_officer = staff(RoleCode.RECEPTION_OFFICER, world.branch1)
    assert visible(branch_officer) == {at_ba_dinh, licence}  # the points under the branch
    assert visible(staff(RoleCode.RECEPTION_OFFICER, world.point_ngoc_ha)) == set()
    assert visible(world.citizen) == set()


def test_an_applicant_sees_their_own_online_dossiers_only(world):
    own = submit(world)
    receive(world)
    assert list(selectors.visible_dossiers(world.citizen)) == [own]
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.visible_dossiers(AnonymousUser()).exists()


def test_get_dossier_hides_what_the_user_may_not_see(world):
    dossier = receive(world)
    assert selectors.get_dossier(dossier.code, user=world.specialist) == dossier
    from motcua.core.errors import DomainError

    with pytest.raises(DomainError) as error:
        selectors.get_dossier(dossier.code, user=world.justice_specialist)
    assert error.value.code == "dossier.not_found"
    detail = selectors.dossier_detail(dossier.pk)
    assert [s.position for s in detail.steps.all()] == [1, 2, 3, 4]


def test_buttons_follow_the_state_and_the_role(world):
    dossier = receive(world)
    assert actions(dossier, world.officer) == ["transfer", "record_payment", "withdraw"]
    assert actions(dossier, world.leader) == ["transfer", "assign", "extend", "stop"]
    assert actions(dossier, world.specialist) == ["transfer", "assign"]
    assert actions(dossier, world.justice_leader) == []
    assert actions(dossier, world.supervisor) == []
    dossier = services.assign(dossier, actor=world.leader, version=1, assignee=world.specialist)
    assert "finish_step" in actions(dossier, world.specialist)
    assert "finish_step" not in actions(dossier, world.specialist2)  # not the assignee
    assert "approve" in actions(dossier, world.leader) and "approve" not in actions(dossier, world.specialist)
    assert selectors.can_act_on(world.leader, dossier, "approve")
    assert not selectors.can_act_on(world.leader, dossier, "accept")


def test_a_commune_scoped_officer_acts_for_the_commune(world):
    officer = staff(RoleCode.RECEPTION_OFFICER, world.soc_son)
    dossier = submit(world)
    assert actions(dossier, officer) == ["accept", "refuse_acceptance", "record_payment", "withdraw"]


def test_an_ended_assignment_takes_the_access_away(world):
    dossier = receive(world)
    assignment = world.officer.assignments.get()
    org.end_assignment(assignment, on=assignment.valid_from.replace(year=2025, month=12))
    assert not selectors.visible_dossiers(world.officer).filter(pk=dossier.pk).exists()
    assert actions(Dossier.objects.get(pk=dossier.pk), world.officer) == []
