"""Real threads, each with its own connection: two supervisors scheduling one request with the version
they both saw get one success and one conflict, and one audit row each for what happened."""

import pytest

from motcua.core.errors import DomainError
from motcua.homeservice import services
from motcua.homeservice.models import HomeServiceRequest
from tests.dossiers.test_concurrency import live_world, together  # noqa: F401 (fixture and helper)

from .conftest import next_working_slot, request_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_supervisors_scheduling_at_once_give_one_success_and_one_conflict(live_world):  # noqa: F811
    w = live_world
    item = services.create_request(request_data())
    start, end = next_working_slot()
    results = together(
        lambda: services.schedule(
            item.pk, actor=w.supervisor, version=1, officer=w.officer, slot_start=start, slot_end=end
        ),
        lambda: services.schedule(
            item.pk, actor=w.supervisor, version=1, officer=w.officer2, slot_start=start, slot_end=end
        ),
    )
    won = [r for r in results if isinstance(r, HomeServiceRequest)]
    lost = [r for r in results if isinstance(r, DomainError) and r.code == "stale_write"]
    assert len(won) == 1 and len(lost) == 1, results
    final = HomeServiceRequest.objects.get(pk=item.pk)
    assert final.version == 2 and final.officer == won[0].officer
    assert list(final.events.values_list("action", flat=True)) == ["request", "schedule"]
