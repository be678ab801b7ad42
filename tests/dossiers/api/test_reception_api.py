"""Reception through the API: at the counter (received, completion guidance, refusal) and online."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from motcua.dossiers.models import CounterSlip, Dossier, IdempotencyRecord, OutboxMessage
from tests.dossiers.factories import person

from .conftest import client_for, refused

pytestmark = pytest.mark.django_db
COUNTER = "/api/v1/dossiers/counter"
ONLINE = "/api/v1/dossiers/online"


def counter_body(world, proc=None, **overrides):
    proc = proc or world.birth
    return {
        "procedure": proc.code,
        "place": world.point_ba_dinh.code,
        "case": world.case(proc, 0).pk,
        "provided": world.documents(proc, 0),
        "applicant": person(),
        **overrides,
    }


def test_an_officer_receives_a_complete_dossier_at_the_counter(world):
    response = client_for(world.officer).post(COUNTER, counter_body(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["outcome"] == "receive"
    dossier = Dossier.objects.get(code=body["dossier"]["code"])
    assert (dossier.status, dossier.received_by, dossier.agency) == (
        "received",
        world.officer,
        world.committee_soc_son,
    )
    detail = body["dossier"]
    assert detail["version"] == 1 and detail["status_label"] == "Đã tiếp nhận"
    assert {a["action"] for a in detail["available_actions"]} == {"transfer", "record-payment", "withdraw"}
    assert detail["tracking_url"].startswith("http://testserver/tra-cuu/?ma=" + dossier.code + "&k=")
    assert detail["applicant"]["full_name"] == "Nguyễn Văn An" and body["slip"] is None


def test_an_incomplete_dossier_is_not_stored_and_the_whole_missing_list_comes_back(world):
    before = (Dossier.objects.count(), OutboxMessage.objects.count())
    response = client_for(world.officer).post(COUNTER, counter_body(world, provided=[]), format="json")
    body = refused(response, 400, "dossier.checklist_incomplete")
    assert [m["name"] for m in body["details"]["missing"]] == ["Tờ khai", "Giấy chứng sinh"]
    assert (Dossier.objects.count(), OutboxMessage.objects.count()) == before


def test_completion_guidance_lists_everything_missing_at_once(world):
    response = client_for(world.officer).post(
        COUNTER, counter_body(world, outcome="guidance", provided=[], extra_items=["Ảnh 4x6"]), format="json"
    )
    assert response.status_code == 201, response.content
    slip = response.json()["slip"]
    assert slip["kind"] == "guidance" and slip["items"] == ["Tờ khai", "Giấy chứng sinh", "Ảnh 4x6"]
    assert response.json()["dossier"] is None and not Dossier.objects.exists()


def test_a_refusal_needs_reasons_and_is_recorded_as_a_slip(world):
    client = client_for(world.officer)
    refused(
        client.post(COUNTER, counter_body(world, outcome="refuse"), format="json"),
        400,
        "dossier.note_required",
    )
    response = client.post(
        COUNTER, counter_body(world, outcome="refuse", reasons=["Không thuộc thẩm quyền"]), format="json"
    )
    assert response.status_code == 201
    assert CounterSlip.objects.get(pk=response.json()["slip"]["id"]).kind == "refusal"


def test_the_same_idempotency_key_returns_the_same_dossier(world):
    client = client_for(world.officer)
    first = client.post(COUNTER, counter_body(world), format="json", HTTP_IDEMPOTENCY_KEY="quay-1-0001")
    again = client.post(COUNTER, counter_body(world), format="json", HTTP_IDEMPOTENCY_KEY="quay-1-0001")
    assert first.status_code == again.status_code == 201
    assert first.json()["dossier"]["code"] == again.json()["dossier"]["code"]
    assert Dossier.objects.count() == 1 and IdempotencyRecord.objects.count() == 1
    other = counter_body(world, applicant=person(full_name="Trần Văn Bình"))
    mismatch = client.post(COUNTER, other, format="json", HTTP_IDEMPOTENCY_KEY="quay-1-0001")
    refused(mismatch, 409, "dossier.idempotency_mismatch")
    assert Dossier.objects.count() == 1


def test_an_officer_of_another_place_cannot_receive_here_and_a_citizen_is_not_staff(world):
    refused(
        client_for(world.officer_soc_son).post(COUNTER, counter_body(world), format="json"),
        403,
        "dossier.forbidden",
    )
    refused(
        client_for(world.citizen).post(COUNTER, counter_body(world), format="json"), 403, "auth.forbidden"
    )
    refused(client_for(None).post(COUNTER, counter_body(world), format="json"), 403, "auth.not_authenticated")
    assert not Dossier.objects.exists()


def test_bad_input_is_refused_with_its_code(world):
    client = client_for(world.officer)
    body = refused(client.post(COUNTER, {"procedure": world.birth.code}, format="json"), 400, "invalid_input")
    assert "applicant" in body["details"]  # required in the schema too
    nowhere = {key: value for key, value in counter_body(world).items() if key not in ("place", "counter")}
    refused(
        client.post(COUNTER, nowhere, format="json"), 400, "dossier.place_required"
    )  # a rule between fields
    refused(
        client.post(COUNTER, counter_body(world, procedure="9.999999"), format="json"),
        400,
        "dossier.unknown_procedure",
    )
    bad_id = counter_body(world, applicant=person(id_number="099090012345"))
    refused(client.post(COUNTER, bad_id, format="json"), 400, "dossier.invalid_applicant")
    assert not Dossier.objects.exists()


def test_a_citizen_submits_online_and_a_commune_officer_accepts(world):
    body = {
        "procedure": world.birth.code,
        "province": world.province.code,
        "case": world.case(world.birth, 0).pk,
        "provided": world.documents(world.birth, 0),
        "applicant": person(),
    }
    client = client_for(world.citizen)
    response = client.post(ONLINE, body, format="json", HTTP_IDEMPOTENCY_KEY="web-1")
    assert response.status_code == 201, response.content
    again = client.post(ONLINE, body, format="json", HTTP_IDEMPOTENCY_KEY="web-1")
    assert again.json()["code"] == response.json()["code"]
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.owner, dossier.channel) == ("pending_acceptance", world.citizen, "online")
    refused(client_for(None).post(ONLINE, body, format="json"), 403, "auth.not_authenticated")


def test_the_receptions_answer_is_what_the_declared_serializer_writes(world):
    """The view writes its answer with the compiled serializer; DRF's own, reading the dossier back,
    gives the same JSON (an organisation applicant, with a submitter, in both time zones)."""
    from django.utils import timezone

    from motcua.dossiers.api import presenters
    from motcua.dossiers.api.serializers import CounterOutcomeSerializer
    from motcua.dossiers.selectors import dossier_detail

    organisation = {
        "kind": "organisation",
        "full_name": "Công ty TNHH Một Cửa",
        "tax_code": "0100109106",
        "representative_name": "Trần Thị Bình",
        "phone": "0912345678",
        "address": "Số 1 phố Tràng Tiền",
        "commune": "00376",
    }
    for applicant, zone in ((person(), "Asia/Ho_Chi_Minh"), (organisation, "UTC")):
        with timezone.override(zone):
            response = client_for(world.officer).post(
                COUNTER, counter_body(world, applicant=applicant), format="json"
            )
            assert response.status_code == 201, response.content
            body = response.json()
            dossier = dossier_detail(body["dossier"]["code"])
            request = response.wsgi_request
            request.user = world.officer
            data = presenters.detail(dossier, world.officer, request)
            expected = CounterOutcomeSerializer({"outcome": "receive", "slip": None, "dossier": data}).data
            assert body == json.loads(json.dumps(expected, cls=DjangoJSONEncoder))


def test_a_name_of_3041_characters_is_refused_by_the_api_too(world):
    client = client_for(world.officer)
    body = counter_body(world, applicant=person(full_name="A" * 3041))
    answer = refused(client.post(COUNTER, body, format="json"), 400, "invalid_input")
    assert "applicant" in answer["details"]
    assert not Dossier.objects.exists()
