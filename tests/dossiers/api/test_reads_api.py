"""The officer's list, a dossier's detail and history, its PDF forms and its documents."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents.models import Document
from motcua.dossiers import services
from tests.documents.samples import pdf
from tests.dossiers.conftest import receive
from tests.dossiers.factories import person
from tests.dossiers.test_online import submit

from .conftest import client_for, refused, url

pytestmark = pytest.mark.django_db
LIST = "/api/v1/dossiers"


def test_the_list_shows_what_the_officer_may_see_with_filters_and_pages(world):
    birth, licence = receive(world), receive(world, world.licence)
    services.assign(birth, actor=world.leader, version=1, assignee=world.specialist)
    client = client_for(world.officer)
    page = client.get(LIST).json()
    assert page["count"] == 2 and {d["code"] for d in page["results"]} == {birth.code, licence.code}
    assert [d["code"] for d in client.get(LIST, {"status": "in_progress"}).json()["results"]] == [birth.code]
    # Received in March 2026 with a limit of days: overdue by now.
    assert client.get(LIST, {"overdue": "true"}).json()["count"] == 2
    assert client.get(LIST, {"overdue": "false"}).json()["count"] == 0
    assert client.get(LIST, {"limit": 1}).json()["results"][0]["applicant_name"] == "Nguyễn Văn An"
    refused(client.get(LIST, {"status": "lost"}), 400, "invalid_input")
    justice = client_for(world.justice_specialist).get(LIST).json()
    assert [d["code"] for d in justice["results"]] == [licence.code]  # another unit sees only its own


def test_detail_and_history_are_for_those_who_may_see_the_dossier(world):
    dossier = receive(world)
    detail = client_for(world.leader).get(url(dossier.code)).json()
    assert [a["action"] for a in detail["available_actions"]] == ["transfer", "assign", "extend", "stop"]
    assert detail["portal_status"] == 2 and detail["procedure"]["code"] == world.birth.code
    for tail in ("", "/history"):
        refused(client_for(world.justice_leader).get(url(dossier.code, tail)), 404, "dossier.not_found")
    assert len(client_for(world.leader).get(url(dossier.code, "/history")).json()) == 1


def _pdf(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_forms_are_rendered_when_the_dossier_has_them(world):
    dossier = receive(world)
    client = client_for(world.officer)
    _pdf(client.get(url(dossier.code, "/forms/01.pdf")))
    _pdf(client.get(url(dossier.code, "/forms/06.pdf")))
    refused(client.get(url(dossier.code, "/forms/05.pdf")), 404, "dossier.form_not_available")
    services.withdraw(dossier, actor=world.officer, version=1, reason="Xin rút")
    _pdf(client.get(url(dossier.code, "/forms/05.pdf")))
    refused(
        client_for(world.justice_leader).get(url(dossier.code, "/forms/01.pdf")), 404, "dossier.not_found"
    )
    not_accepted = submit(world)
    services.refuse_online(not_accepted, officer=world.officer_soc_son, version=1, reason="Sai thủ tục")
    _pdf(client_for(world.officer_soc_son).get(url(not_accepted.code, "/forms/03.pdf")))


def test_documents_are_uploaded_through_the_documents_service_and_read_back_verified(world):
    dossier = receive(world)
    content = pdf()
    client = client_for(world.officer)
    upload = SimpleUploadedFile("to-khai.pdf", content, content_type="application/pdf")
    response = client.post(
        url(dossier.code, "/documents"), {"file": upload, "name": "Tờ khai", "digitised": True}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(content).hexdigest() and body["digitised"] is True
    listed = client.get(url(dossier.code, "/documents")).json()
    assert [d["id"] for d in listed] == [body["id"]]
    read = client.get(url(dossier.code, f"/documents/{body['id']}/content"))
    assert read.status_code == 200 and read.content == content
    refused(client.get(url(dossier.code, "/documents/999999/content")), 404, "documents.not_found")
    bad = SimpleUploadedFile("x.pdf", b"not a pdf at all", content_type="application/pdf")
    refused(
        client.post(url(dossier.code, "/documents"), {"file": bad, "name": "X"}),
        400,
        "documents.type_not_allowed",
    )
    other = client_for(world.justice_leader)
    refused(other.get(url(dossier.code, f"/documents/{body['id']}/content")), 404, "dossier.not_found")
    again = SimpleUploadedFile("to-khai.pdf", content, content_type="application/pdf")
    refused(
        other.post(url(dossier.code, "/documents"), {"file": again, "name": "Tờ khai"}),
        404,
        "dossier.not_found",
    )
    refused(
        client_for(world.supervisor).post(url(dossier.code, "/documents"), {"file": again, "name": "T"}),
        403,
        "dossier.forbidden",
    )
    assert Document.objects.count() == 1


def test_a_changed_file_is_not_served(world):
    dossier = receive(world)
    client = client_for(world.officer)
    upload = SimpleUploadedFile("to-khai.pdf", pdf(), content_type="application/pdf")
    body = client.post(url(dossier.code, "/documents"), {"file": upload, "name": "Tờ khai"}).json()
    Document.objects.filter(pk=body["id"]).update(sha256="0" * 64)
    refused(
        client.get(url(dossier.code, f"/documents/{body['id']}/content")), 500, "documents.checksum_mismatch"
    )


def test_supplement_request_and_apology_letter_forms_follow_their_actions(world):
    from django.utils import timezone

    from motcua.dossiers.models import ApologyLetter

    dossier = services.receive_at_counter(  # received now: the due moment is days ahead
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0),
        applicant=person(),
    )
    client = client_for(world.leader)
    refused(client.get(url(dossier.code, "/forms/04.pdf")), 404, "dossier.form_not_available")
    new = (dossier.due_at + timezone.timedelta(days=3)).isoformat()
    extended = client.post(
        url(dossier.code, "/actions/extend"),
        {"version": 1, "reason": "Chờ xác minh", "new_appointment": new},
        format="json",
    )
    assert extended.status_code == 200, extended.content
    assert ApologyLetter.objects.get(dossier=dossier).reason == "Chờ xác minh"
    _pdf(client.get(url(dossier.code, "/forms/04.pdf")))
    again = client.post(
        url(dossier.code, "/actions/extend"),
        {"version": 2, "reason": "Lần nữa", "new_appointment": new},
        format="json",
    )
    refused(again, 409, "dossier.extension_already_given")
    services.assign(dossier, actor=world.leader, version=2, assignee=world.specialist)
    services.request_supplement(
        dossier, actor=world.specialist, version=3, items=["Bản sao CCCD"], reason="Thiếu"
    )
    _pdf(client_for(world.specialist).get(url(dossier.code, "/forms/02.pdf")))


def test_a_vietnamese_file_name_comes_back_in_the_download_header(world):
    dossier = receive(world)
    client = client_for(world.officer)
    upload = SimpleUploadedFile("Tờ khai đăng ký.pdf", pdf(), content_type="application/pdf")
    body = client.post(url(dossier.code, "/documents"), {"file": upload, "name": "Tờ khai"}).json()
    read = client.get(url(dossier.code, f"/documents/{body['id']}/content"))
    assert read.status_code == 200
    assert "attachment" in read["Content-Disposition"] and "T%E1%BB%9D" in read["Content-Disposition"]


def test_the_list_costs_the_same_queries_for_one_dossier_or_many(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    receive(world)
    client = client_for(world.officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    queries()  # the first request fills per-process caches
    one = queries()
    receive(world), receive(world, world.licence)
    assert queries() == one
