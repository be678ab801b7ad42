"""Who read which person's data: the dossier page shows the ID number masked, "Hiện số định danh" shows
it and logs the read; the API does the same with ?reveal=id_number; opening a stored document is logged;
a supervisor finds one person's reads by ID number (ADR 0053)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from motcua.core import readlog
from motcua.privacy.models import PersonalDataRead
from tests.documents.samples import pdf
from tests.dossiers.api.conftest import client_for, url
from tests.dossiers.conftest import receive
from tests.dossiers.factories import person
from tests.twofactor import verified_login

pytestmark = pytest.mark.django_db

ID = "001095000123"


def _dossier(world):
    return receive(world, applicant=person(full_name="Lê Văn Đức", id_number=ID, birth_date="1995-01-02"))


def _reads():
    return list(PersonalDataRead.objects.filter(subject_key=readlog.subject_key(ID)).order_by("pk"))


def test_the_dossier_page_masks_the_id_number_and_the_reveal_shows_it_and_logs_who_read_it(client, world):
    dossier = _dossier(world)
    verified_login(client, world.officer)
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert ID not in page and "*********123" in page and "Hiện số định danh" in page
    assert _reads() == []  # a masked number is not a read

    shown = client.post(f"/can-bo/du-lieu-ca-nhan/ho-so/{dossier.code}/so-dinh-danh/")
    assert shown.status_code == 200 and ID in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    (read,) = _reads()
    assert (read.officer, read.dossier_code, read.field, read.masked) == (
        world.officer,
        dossier.code,
        "id_number",
        "*********123",
    )
    assert read.source == "POST privacy:reveal" and read.province_id == dossier.province_id
    assert ID not in str(PersonalDataRead.objects.values().get(pk=read.pk))  # the log holds no number

    # Another commune's officer may not see the dossier: nothing shown, nothing logged.
    from motcua.org.roles import RoleCode
    from tests.dossiers.factories import staff

    stranger = staff(RoleCode.RECEPTION_OFFICER, world.point_hoan_kiem, "Quách Thị Ngọc")
    verified_login(client, stranger)
    refused = client.post(f"/can-bo/du-lieu-ca-nhan/ho-so/{dossier.code}/so-dinh-danh/")
    assert refused.status_code == 404 and ID not in refused.content.decode()
    assert client.get(f"/can-bo/du-lieu-ca-nhan/ho-so/{dossier.code}/so-dinh-danh/").status_code == 405
    assert len(_reads()) == 1


def test_the_api_masks_the_id_number_unless_asked_and_logs_the_documents_it_serves(world):
    dossier = _dossier(world)
    api = client_for(world.officer)
    assert api.get(url(dossier.code)).json()["applicant"]["id_number"] == "*********123"
    assert _reads() == []
    assert api.get(url(dossier.code) + "?reveal=id_number").json()["applicant"]["id_number"] == ID
    upload = SimpleUploadedFile("cccd.pdf", pdf(), content_type="application/pdf")
    stored = api.post(
        url(dossier.code, "/documents"), {"file": upload, "name": "Căn cước", "digitised": True}
    )
    assert stored.status_code == 201, stored.content
    assert _reads()[-1].field == "id_number"  # uploading is not reading
    assert api.get(url(dossier.code, f"/documents/{stored.json()['id']}/content")).status_code == 200
    assert api.get(url(dossier.code, "/forms/01.pdf")).status_code == 200  # the receipt prints the number
    first, second, third = _reads()
    assert first.source == "GET dossiers-api:detail" and first.field == "id_number"
    assert (second.field, second.ref, second.dossier_code) == (
        "document",
        str(stored.json()["id"]),
        dossier.code,
    )
    assert (third.field, third.ref) == ("document", "form-01")


def test_a_supervisor_reads_one_persons_log_and_a_reception_officer_may_not(client, world):
    dossier = _dossier(world)
    client_for(world.officer).get(url(dossier.code) + "?reveal=id_number")
    verified_login(client, world.supervisor)
    assert client.get("/can-bo/du-lieu-ca-nhan/").status_code == 200
    wrong = client.post("/can-bo/du-lieu-ca-nhan/", {"so_dinh_danh": "12345"})
    assert wrong.status_code == 400 and "đúng 12 chữ số" in wrong.content.decode()
    found = client.post("/can-bo/du-lieu-ca-nhan/", {"so_dinh_danh": ID}).content.decode()
    assert dossier.code in found and world.officer.get_username() in found and "1 lượt xem" in found
    assert ID not in found.replace(f'value="{ID}"', "")  # only in the search box it was typed in
    other = client.post("/can-bo/du-lieu-ca-nhan/", {"so_dinh_danh": "001090012345"}).content.decode()
    assert "Chưa có lượt xem nào" in other

    verified_login(client, world.officer)
    assert client.post("/can-bo/du-lieu-ca-nhan/", {"so_dinh_danh": ID}).status_code == 403
    assert client.get("/can-bo/du-lieu-ca-nhan/trich-xuat/").status_code == 403


def test_a_read_cannot_be_changed_or_removed(world):
    readlog.record(world.officer, id_number=ID, field=readlog.ID_NUMBER, source="test")
    (read,) = _reads()
    for sql in ("UPDATE privacy_personaldataread SET officer_name = 'x' WHERE id = %s",
                "DELETE FROM privacy_personaldataread WHERE id = %s"):  # fmt: skip
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [read.pk])
    assert _reads() == [read]
