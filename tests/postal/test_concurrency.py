"""Real threads: the operator retrying a callback while the first attempt is still running applies it
once; the other attempt is recorded as a duplicate."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.org.roles import RoleCode
from motcua.postal import services
from motcua.postal.models import Shipment, ShipmentEvent, Source
from tests.dossiers.factories import at, staff
from tests.dossiers.test_concurrency import live_world, together  # noqa: F401 (fixture and helper)

from .conftest import result_ready

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_delivery_reported_twice_at_once_returns_the_result_once(live_world):  # noqa: F811
    w = live_world
    agent = staff(RoleCode.POSTAL_AGENT, w.point_ba_dinh, "Lý Văn Bưu")
    batch = services.prepare_results(officer=w.officer, place=w.point_ba_dinh, dossiers=[result_ready(w)])
    services.sign(batch, user=w.officer, at=at("2026-03-04 08:00"))
    services.sign(batch, user=agent, at=at("2026-03-04 08:05"))
    item = batch.items.get()

    def deliver():
        return services.report(
            item.pk,
            status="delivered",
            occurred_at=at("2026-03-04 10:00"),
            source=Source.OPERATOR,
            external_id="vnpost-777",
        )[1].outcome

    results = together(deliver, deliver)
    assert sorted(results) == ["applied", "duplicate"], results
    assert Shipment.objects.get(pk=item.pk).status == "delivered"
    dossier = Dossier.objects.get(pk=item.dossier_id)
    assert dossier.status == "returned" and dossier.tracking.filter(action="return_result").count() == 1
    assert ShipmentEvent.objects.filter(shipment=item, external_id="vnpost-777").count() == 2
