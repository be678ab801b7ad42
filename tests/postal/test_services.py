"""Results and dossiers by post through the services: pick-up lists, records signed both ways, status
reports, the return of the result by the counter's own service, and who may act where."""

from datetime import timedelta

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.org import services as org
from motcua.org.roles import RoleCode
from motcua.postal import selectors, services
from motcua.postal.models import Shipment, Source
from motcua.postal.operator import registry
from tests.dossiers.factories import at, person, staff

pytestmark = pytest.mark.django_db


def refuses(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def signed_batch(world, agent, dossiers, when="2026-03-04 08:00"):
    batch = services.prepare_results(
        officer=world.officer, place=world.point_ba_dinh, dossiers=dossiers, at=at(when)
    )
    services.sign(batch, user=world.officer, at=at(when))
    return services.sign(batch, user=agent, at=at(when) + timedelta(minutes=5))


def test_a_result_goes_by_post_and_its_delivery_returns_it(
    world, agent, ready, django_capture_on_commit_callbacks
):
    dossier = ready()
    counter = ready(delivery="counter")
    assert list(selectors.results_to_send(world.officer)) == [dossier]
    assert counter not in selectors.results_to_send(world.officer)

    batch = services.prepare_results(
        officer=world.officer, place=world.point_ba_dinh, dossiers=[dossier], at=at("2026-03-04 08:00")
    )
    item = batch.items.get()
    assert item.full_address == "Thôn Đông, Xã Sóc Sơn, Thành phố Hà Nội"
    assert (item.status, item.name, item.phone) == ("ready", "Nguyễn Văn An", "0912345678")
    assert not selectors.results_to_send(world.officer).exists()  # on a record now

    services.sign(batch, user=world.officer, at=at("2026-03-04 08:00"))
    refuses("postal.already_signed", services.sign, batch, user=world.officer)
    assert Shipment.objects.get(pk=item.pk).status == "ready"  # one signature is not a hand-over
    simulator = registry.current()
    before = len(simulator.announced)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.sign(batch, user=agent, at=at("2026-03-04 08:05"))
    assert batch.signed and batch.agent == agent and batch.officer == world.officer
    item.refresh_from_db()
    assert (item.status, item.status_at) == ("handed_over", at("2026-03-04 08:05"))
    assert simulator.announced[before]["items"][0]["item_code"] == item.code
    assert item.tracking_number.startswith("SIM")
    assert item in selectors.items_on_the_road(agent)

    services.report(
        item, status="in_transit", occurred_at=at("2026-03-04 09:00"), source=Source.AGENT, actor=agent
    )
    services.report(
        item, status="delivered", occurred_at=at("2026-03-04 10:30"), source=Source.AGENT, actor=agent
    )
    item.refresh_from_db()
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (item.status, item.return_error) == ("delivered", "")
    assert (dossier.status, dossier.return_method, dossier.returned_by, dossier.returned_at) == (
        "returned",
        "postal",
        world.officer,
        at("2026-03-04 10:30"),
    )
    assert dossier.tracking.last().action == "return_result"
    assert [(e.from_status, e.status, e.outcome) for e in item.events.order_by("pk")] == [
        ("", "ready", "applied"),
        ("ready", "handed_over", "applied"),
        ("handed_over", "in_transit", "applied"),
        ("in_transit", "delivered", "applied"),
    ]


def test_only_dossiers_the_officer_may_return_by_post_go_on_a_record(world, ready):
    counter = ready(delivery="counter")
    refuses(
        "postal.not_postal",
        services.prepare_results,
        officer=world.officer,
        place=world.point_ba_dinh,
        dossiers=[counter],
    )
    received = dossier_services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        applicant=person(),
        result_delivery="postal",
    )
    refuses(
        "postal.not_ready",
        services.prepare_results,
        officer=world.officer,
        place=world.point_ba_dinh,
        dossiers=[received],
    )
    dossier = ready()
    refuses(
        "postal.forbidden",
        services.prepare_results,
        officer=world.officer_soc_son,
        place=world.point_ba_dinh,
        dossiers=[dossier],
    )
    refuses(
        "postal.wrong_place",
        services.prepare_results,
        officer=world.officer_soc_son,
        place=world.point_soc_son,
        dossiers=[dossier],
    )
    refuses(
        "postal.empty_batch",
        services.prepare_results,
        officer=world.officer,
        place=world.point_ba_dinh,
        dossiers=[],
    )
    services.prepare_results(officer=world.officer, place=world.point_ba_dinh, dossiers=[dossier])
    refuses(
        "postal.already_shipped",
        services.prepare_results,
        officer=world.officer,
        place=world.point_ba_dinh,
        dossiers=[dossier],
    )
    assert Shipment.objects.filter(dossier=dossier).count() == 1  # the failed record left nothing


def test_agents_and_officers_of_another_commune_are_refused(world, agent, agent_elsewhere, ready):
    batch = services.prepare_results(officer=world.officer, place=world.point_ba_dinh, dossiers=[ready()])
    refuses("postal.forbidden", services.sign, batch, user=agent_elsewhere)
    refuses("postal.forbidden", services.sign, batch, user=world.officer_soc_son)
    refuses("postal.forbidden", services.sign, batch, user=world.supervisor)
    services.sign(batch, user=world.officer)
    services.sign(batch, user=agent)
    item = batch.items.get()
    refuses(
        "postal.forbidden",
        services.report,
        item,
        status="in_transit",
        occurred_at=at("2026-03-05 09:00"),
        source=Source.AGENT,
        actor=agent_elsewhere,
    )
    assert selectors.shipment_for(agent_elsewhere, item.code) is None
    assert not selectors.items_on_the_road(agent_elsewhere).exists()
    hai_phong_agent = staff(RoleCode.POSTAL_AGENT, _hai_phong(), "Bưu tá Hải Phòng")
    assert selectors.shipment_for(hai_phong_agent, item.code) is None


def _hai_phong():
    from tests.org.factories import province

    return province("31", "Hải Phòng")


def test_one_person_cannot_sign_both_sides(world, ready):
    both = staff(RoleCode.RECEPTION_OFFICER, world.point_ba_dinh, "Cán bộ kiêm nhiệm")
    org.assign_staff(
        user=both,
        role=RoleCode.POSTAL_AGENT,
        target=world.point_ba_dinh,
        valid_from=both.assignments.get().valid_from,
    )
    batch = services.prepare_results(officer=world.officer, place=world.point_ba_dinh, dossiers=[ready()])
    services.sign(batch, user=both)
    assert (
        refuses("postal.forbidden", services.sign, batch, user=both).message
        == "Một người không thể ký cả hai bên."
    )
    other = services.prepare_results(officer=world.officer, place=world.point_ba_dinh, dossiers=[ready()])
    services.sign(other, user=world.officer)
    services.sign(other, user=both)  # signs as the postal agent: the officer's side is taken
    assert other.items.get().status == "handed_over"


def test_failed_then_returned_to_sender_needs_reasons_and_puts_the_dossier_back_on_the_list(
    world, agent, ready
):
    dossier = ready()
    batch = signed_batch(world, agent, [dossier])
    item = batch.items.get()
    refuses(
        "postal.reason_required",
        services.report,
        item,
        status="failed",
        occurred_at=at("2026-03-04 09:00"),
        source=Source.AGENT,
        actor=agent,
    )
    services.report(
        item,
        status="failed",
        occurred_at=at("2026-03-04 09:00"),
        source=Source.AGENT,
        actor=agent,
        reason="Vắng nhà",
    )
    services.report(
        item,
        status="returned",
        occurred_at=at("2026-03-05 09:00"),
        source=Source.AGENT,
        actor=agent,
        reason="Không liên lạc được",
    )
    item.refresh_from_db()
    assert (item.status, item.reason) == ("returned", "Không liên lạc được")
    assert Dossier.objects.get(pk=dossier.pk).status == "result_ready"
    assert dossier in selectors.results_to_send(
        world.officer
    )  # may be sent again or collected at the counter


def test_a_refused_return_is_kept_for_an_officer_to_finish(world, agent, ready):
    dossier = ready()
    batch = signed_batch(world, agent, [dossier])
    item = batch.items.get()
    org.end_assignment(
        world.officer.assignments.get(), on=world.officer.assignments.get().valid_from + timedelta(days=1)
    )
    try:
        services.report(
            item, status="delivered", occurred_at=at("2026-03-04 10:00"), source=Source.AGENT, actor=agent
        )
        item.refresh_from_db()
        assert (item.status, item.return_error) == ("delivered", "dossier.forbidden")
        assert Dossier.objects.get(pk=dossier.pk).status == "result_ready"
        refuses("dossier.forbidden", services.retry_return, item, officer=world.officer_soc_son)
        item = services.retry_return(item, officer=world.officer2)
        assert item.return_error == "" and Dossier.objects.get(pk=dossier.pk).returned_by == world.officer2
    finally:
        world.officer.assignments.update(valid_to=None)


def test_a_dossier_collected_by_post_is_handed_over_and_received_with_channel_postal(
    world, agent, agent_elsewhere
):
    pickup = services.request_pickup(
        place=world.point_ba_dinh,
        name="Nguyễn Văn An",
        phone="0912345678",
        address="Số 5 ngõ 12 Đội Cấn",
        commune="00004",
        procedure=world.birth,
        at=at("2026-03-04 08:00"),
    )
    assert pickup.full_address == "Số 5 ngõ 12 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội"
    assert list(selectors.pickups_to_collect(agent)) == [pickup]
    assert not selectors.pickups_to_collect(agent_elsewhere).exists()
    refuses(
        "postal.not_collected",
        services.prepare_pickups,
        agent=agent,
        place=world.point_ba_dinh,
        shipments=[pickup],
    )
    services.report(
        pickup, status="collected", occurred_at=at("2026-03-04 09:00"), source=Source.AGENT, actor=agent
    )
    refuses(
        "postal.forbidden",
        services.prepare_pickups,
        agent=agent_elsewhere,
        place=world.point_ba_dinh,
        shipments=[pickup],
    )
    batch = services.prepare_pickups(
        agent=agent, place=world.point_ba_dinh, shipments=[pickup], at=at("2026-03-04 11:00")
    )
    services.sign(batch, user=agent, at=at("2026-03-04 11:00"))
    services.sign(batch, user=world.officer, at=at("2026-03-04 11:02"))
    pickup.refresh_from_db()
    assert pickup.status == "handed_over" and pickup in selectors.pickups_arrived(world.officer)
    dossier = dossier_services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        applicant=person(),
        channel="postal",
        at=at("2026-03-04 11:10"),
    )
    refuses(
        "postal.forbidden",
        services.link_pickup_dossier,
        pickup,
        officer=world.officer_soc_son,
        dossier_code=dossier.code,
    )
    refuses(
        "postal.invalid_dossier",
        services.link_pickup_dossier,
        pickup,
        officer=world.officer2,
        dossier_code=dossier.code,
    )
    pickup = services.link_pickup_dossier(pickup, officer=world.officer, dossier_code=dossier.code)
    assert (pickup.status, pickup.dossier) == ("received", dossier)


def test_a_pickup_needs_a_valid_address_in_the_province(world):
    error = refuses(
        "postal.invalid_pickup",
        services.request_pickup,
        place=world.point_ba_dinh,
        name=" ",
        phone="123",
        address="",
        commune="99999",
    )
    assert set(error.details["fields"]) == {"name", "phone", "address", "commune"}


def test_items_and_records_are_audited_and_announced_and_stale_writes_refused(world, agent, ready):
    from motcua.dossiers.models import OutboxMessage

    dossier = ready()
    batch = services.prepare_results(
        officer=world.officer, place=world.point_ba_dinh, dossiers=[dossier], at=at("2026-03-04 08:00")
    )
    refuses("stale_write", services.sign, batch, user=world.officer, version=batch.version + 1)
    services.sign(batch, user=world.officer, version=batch.version, at=at("2026-03-04 08:00"))
    refuses("stale_write", services.sign, batch, user=agent, version=1)  # the officer's signature: 2
    batch = services.sign(batch, user=agent, version=2, at=at("2026-03-04 08:05"))
    item = batch.items.get()
    refuses(
        "stale_write",
        services.report,
        item,
        status="in_transit",
        occurred_at=at("2026-03-04 09:00"),
        source=Source.AGENT,
        actor=agent,
        version=1,
    )
    audit = list(item.events.values_list("from_status", "status", "outcome"))
    assert audit == [("", "ready", "applied"), ("ready", "handed_over", "applied")]
    events = OutboxMessage.objects.filter(aggregate="shipment", aggregate_id=item.code).order_by("id")
    assert [(e.topic, e.version) for e in events] == [("shipment.ready", 1), ("shipment.handed_over", 2)]
    assert item.phone not in str(events[0].payload) and item.name not in str(events[0].payload)
    records = OutboxMessage.objects.filter(aggregate="handover_batch", aggregate_id=batch.code).order_by("id")
    assert [(e.topic, e.payload["side"], e.payload["signed"]) for e in records] == [
        ("handover.prepared", None, False),
        ("handover.signed", "officer", False),
        ("handover.signed", "agent", True),
    ]
