"""Postal pages: pick-up lists, the record signed from both accounts, status updates; bad input gets a
Vietnamese message next to its field and keeps what was chosen; outsiders are refused."""

import re

import pytest

from motcua.dossiers.models import Dossier
from motcua.postal import services
from motcua.postal.models import HandoverBatch, Shipment
from tests.dossiers.factories import at

pytestmark = pytest.mark.django_db


def test_outsiders_are_refused(client, world, agent_elsewhere, ready):
    assert client.get("/buu-chinh/").status_code == 302
    client.force_login(world.specialist)
    assert client.get("/buu-chinh/").status_code == 403
    batch = services.prepare_results(officer=world.officer, place=world.point_ba_dinh, dossiers=[ready()])
    item = batch.items.get()
    client.force_login(agent_elsewhere)
    assert client.get(f"/buu-chinh/bien-ban/{batch.code}/").status_code == 404
    assert client.get(f"/buu-chinh/bien-ban/{batch.code}/pdf").status_code == 404
    assert client.get(f"/buu-chinh/buu-gui/{item.code}/").status_code == 404
    assert client.post(f"/buu-chinh/bien-ban/{batch.code}/").status_code == 404


def test_the_officer_lists_results_and_a_record_needs_a_choice(client, world, ready):
    dossier = ready()
    client.force_login(world.officer)
    html = client.get("/buu-chinh/").content.decode()
    assert dossier.code in html and "Kết quả chờ gửi qua bưu chính" in html
    response = client.post("/buu-chinh/bien-ban/ket-qua/", {"place": world.point_ba_dinh.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'id="results-form".*?class="field-error"[^>]*>Hãy chọn ít nhất một hồ sơ\.<', html, re.S
    )
    assert re.search(rf'<option value="{world.point_ba_dinh.pk}" selected>', html)
    assert not HandoverBatch.objects.exists()
    response = client.post(
        "/buu-chinh/bien-ban/ket-qua/", {"place": world.point_ba_dinh.pk, "dossiers": [dossier.pk]}
    )
    batch = HandoverBatch.objects.get()
    assert response["Location"] == f"/buu-chinh/bien-ban/{batch.code}/"


def test_both_sides_sign_from_their_own_accounts_then_the_agent_reports(client, world, agent, ready):
    dossier = ready()
    batch = services.prepare_results(officer=world.officer, place=world.point_ba_dinh, dossiers=[dossier])
    url = f"/buu-chinh/bien-ban/{batch.code}/"
    client.force_login(world.officer)
    assert 'id="sign"' in client.get(url).content.decode()
    client.post(url)
    assert 'id="sign"' not in client.get(url).content.decode()
    client.force_login(agent)
    assert 'id="sign"' in client.get(url).content.decode()
    client.post(url)
    html = client.get(url).content.decode()
    assert "Trần Thị Bình" in html and "Lý Văn Bưu" in html
    item = Shipment.objects.get()
    assert item.status == "handed_over"

    page = f"/buu-chinh/buu-gui/{item.code}/"
    response = client.post(page, {"status": "failed", "reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    block = re.search(r'<div class="hs-field has-error">.*?id="id_reason"', html, re.S)
    assert block and "Cần ghi lý do." in block.group(0)
    assert '<option value="failed" selected>' in html
    response = client.post(page, {"status": "", "reason": "Vắng nhà"})
    assert (
        "Hãy chọn trạng thái." in response.content.decode()
        and 'value="Vắng nhà"' in response.content.decode()
    )
    assert Shipment.objects.get().status == "handed_over"
    client.post(page, {"status": "delivered"})
    assert Shipment.objects.get().status == "delivered"
    assert Dossier.objects.get(pk=dossier.pk).status == "returned"
    client.force_login(world.officer)
    refused = client.post(page, {"status": "in_transit"})  # an officer is not the postal agent
    assert refused.status_code == 400 and "Bạn không phụ trách bưu gửi này." in refused.content.decode()
    assert Shipment.objects.get().status == "delivered"


def test_the_agent_collects_and_hands_over_dossiers(client, world, agent):
    pickup = services.request_pickup(
        place=world.point_ba_dinh,
        name="Nguyễn Văn An",
        phone="0912345678",
        address="Số 5 Đội Cấn",
        commune="00004",
        at=at("2026-03-04 08:00"),
    )
    client.force_login(agent)
    html = client.get("/buu-chinh/").content.decode()
    assert "Số 5 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội" in html
    client.post(f"/buu-chinh/buu-gui/{pickup.code}/", {"status": "collected"})
    response = client.post(
        "/buu-chinh/bien-ban/thu-gom/", {"place": world.point_ba_dinh.pk, "shipments": [pickup.pk]}
    )
    batch = HandoverBatch.objects.get()
    assert response["Location"] == f"/buu-chinh/bien-ban/{batch.code}/" and batch.direction == "from_post"


def test_a_collected_dossier_is_received_through_the_workspace_link_and_return_to(
    client, world, agent, settings
):
    from urllib.parse import parse_qs, urlsplit

    from motcua.dossiers import services as dossier_services
    from tests.dossiers.factories import person

    settings.ROOT_URLCONF = "tests.homeservice.urls_with_workspace"
    pickup = services.request_pickup(
        place=world.point_ba_dinh,
        name="Nguyễn Văn An",
        phone="0912345678",
        address="Số 5 Đội Cấn",
        commune="00004",
        procedure=world.birth,
        at=at("2026-03-04 08:00"),
    )
    services.report(
        pickup, status="collected", occurred_at=at("2026-03-04 09:00"), source="agent", actor=agent
    )
    batch = services.prepare_pickups(agent=agent, place=world.point_ba_dinh, shipments=[pickup])
    services.sign(batch, user=agent)
    services.sign(batch, user=world.officer)
    client.force_login(world.officer)
    html = client.get(f"/buu-chinh/buu-gui/{pickup.code}/").content.decode()
    href = re.search(r'id="receive-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    query = {k: v[0] for k, v in parse_qs(urlsplit(href).query, keep_blank_values=True).items()}
    return_to = f"/buu-chinh/buu-gui/{pickup.code}/da-tiep-nhan/"
    assert query == {
        "channel": "postal",
        "procedure": "9.100001",
        "applicant_name": "Nguyễn Văn An",
        "applicant_id": "",
        "applicant_phone": "0912345678",
        "applicant_address": "Số 5 Đội Cấn",
        "commune": "00004",
        "return_to": return_to,
    }
    wrong = client.get(return_to + "?dossier=nothing", follow=True).content.decode()
    assert "Không có hồ sơ nộp qua bưu chính do bạn tiếp nhận với mã này." in wrong
    dossier = dossier_services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        applicant=person(),
        channel="postal",
    )
    assert (
        "Đã tiếp nhận hồ sơ nộp qua bưu chính."
        in client.get(return_to + f"?dossier={dossier.code}", follow=True).content.decode()
    )
    assert Shipment.objects.get(pk=pickup.pk).dossier == dossier
