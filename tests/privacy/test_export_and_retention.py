"""A person's data exported on request (command and page, audited), and the people on ended dossiers
pseudonymised after the retention period, in batches, audited, statistics intact (ADR 0053)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from motcua.core import readlog
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Applicant, Dossier, OutboxMessage
from motcua.privacy import services
from motcua.privacy.models import PersonalDataRead, PrivacyEvent
from tests.documents.samples import pdf
from tests.dossiers.api.conftest import client_for, url
from tests.dossiers.conftest import receive
from tests.dossiers.factories import person
from tests.twofactor import verified_login

pytestmark = pytest.mark.django_db

ID = "001095000123"
LE_VAN_DUC = {"full_name": "Lê Văn Đức", "id_number": ID, "birth_date": "1995-01-02", "phone": "0987654321"}


def _with_document(world):
    dossier = receive(world, applicant=person(**LE_VAN_DUC))
    content = pdf()
    upload = SimpleUploadedFile("cccd.pdf", content, content_type="application/pdf")
    response = client_for(world.officer).post(
        url(dossier.code, "/documents"), {"file": upload, "name": "Căn cước", "digitised": True}
    )
    assert response.status_code == 201, response.content
    return dossier, content


def test_the_command_exports_everything_held_about_one_person_and_audits_it(world, tmp_path):
    mine, content = _with_document(world)
    someone_else = receive(world)  # Nguyễn Văn An: not in Đức's export
    client_for(world.officer).get(url(mine.code) + "?reveal=id_number")
    out = tmp_path / "duc.json"
    call_command("privacy", "export", "--id-number", ID, "--out", str(out), stdout=io.StringIO())

    data = json.loads(out.read_text())
    assert [d["code"] for d in data["dossiers"]] == [mine.code] and someone_else.code not in out.read_text()
    (dossier,) = data["dossiers"]
    assert dossier["applicant"]["full_name"] == "Lê Văn Đức" and dossier["applicant"]["phone"] == "0987654321"
    assert [d["name"] for d in data["documents"]] == ["Căn cước"]
    assert [r["field"] for r in data["read_log"]] == ["id_number"]
    assert "subject_key" not in data["read_log"][0]
    for section in ("accounts", "queue_bookings", "home_service_requests", "feedback", "notifications"):
        assert isinstance(data[section], list)
    with zipfile.ZipFile(tmp_path / "duc.zip") as archive:
        names = archive.namelist()
        assert "du-lieu-ca-nhan.json" in names
        (scan,) = [n for n in names if n.startswith("giay-to/")]
        assert archive.read(scan) == content

    event = PrivacyEvent.objects.get(action="exported")
    assert event.subject_key == readlog.subject_key(ID) and event.actor is None
    assert event.count == sum(len(v) for v in data.values() if isinstance(v, list)) == 3
    assert OutboxMessage.objects.filter(topic="privacy.exported", aggregate_id=str(event.pk)).exists()
    assert PersonalDataRead.objects.filter(
        subject_key=event.subject_key, field="export", source="cli"
    ).exists()

    with pytest.raises(CommandError, match="12 chữ số"):
        call_command("privacy", "export", "--id-number", "12ab", "--out", str(tmp_path / "x.json"))


def test_the_export_page_is_for_a_system_wide_supervisor_and_gives_a_zip(client, world):
    _with_document(world)
    supervisor = type(world.supervisor).objects.get(pk=world.supervisor.pk)
    verified_login(client, supervisor)
    assert client.get("/can-bo/du-lieu-ca-nhan/trich-xuat/").status_code == 403  # a province's supervisor
    supervisor.is_superuser = True
    supervisor.save()
    assert client.get("/can-bo/du-lieu-ca-nhan/trich-xuat/").status_code == 200
    bad = client.post("/can-bo/du-lieu-ca-nhan/trich-xuat/", {"so_dinh_danh": ""})
    assert bad.status_code == 400 and "Hãy nhập số định danh" in bad.content.decode()
    assert not PrivacyEvent.objects.exists()
    response = client.post("/can-bo/du-lieu-ca-nhan/trich-xuat/", {"so_dinh_danh": ID})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert json.loads(archive.read("du-lieu-ca-nhan.json"))["dossiers"][0]["applicant"]["id_number"] == ID
    assert PrivacyEvent.objects.get(action="exported").actor == supervisor


def _ended(world, when, **applicant):
    dossier = receive(world, when=when, applicant=person(**applicant))
    return dossier_services.withdraw(dossier, actor=world.officer, version=dossier.version, reason="Xin rút")


def _stats():
    return list(
        Dossier.objects.values("status", "procedure_id", "province_id")
        .annotate(n=Count("id"))
        .order_by("status")
    )


def test_people_on_dossiers_ended_before_the_retention_period_are_pseudonymised_in_audited_batches(world):
    old = [_ended(world, "2026-03-02 09:00", **LE_VAN_DUC) for _ in range(3)]
    recent = _ended(world, "2026-03-02 10:00")  # Nguyễn Văn An
    still_open = receive(world, applicant=person(**LE_VAN_DUC))
    Dossier.objects.filter(pk__in=[d.pk for d in old]).update(
        finished_at=timezone.now() - timedelta(days=4000)
    )
    Dossier.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - timedelta(days=2))
    before, versions = _stats(), {d.pk: Dossier.objects.get(pk=d.pk).version for d in old}

    done = services.pseudonymise(batch_size=2)

    assert (done.dossiers, done.batches) == (3, 2)
    for d in old:
        applicant = Applicant.objects.get(dossier=d)
        assert (applicant.full_name, applicant.id_number, applicant.phone, applicant.email, applicant.address) == (
            services.PSEUDONYM, "", "", "", ""
        )  # fmt: skip
        assert (
            applicant.birth_date.isoformat() == "1995-01-01" and applicant.sex == "male"
        )  # age and sex kept
        assert Dossier.objects.get(pk=d.pk).version == versions[d.pk] + 1
    assert Applicant.objects.get(dossier=recent).id_number == "001090012345"
    assert Applicant.objects.get(dossier=still_open).id_number == ID
    assert _stats() == before  # counts by status, procedure and province unchanged
    events = PrivacyEvent.objects.filter(action="pseudonymised").order_by("pk")
    assert [e.count for e in events] == [2, 1] and OutboxMessage.objects.filter(
        topic="privacy.pseudonymised"
    ).count() == 2
    assert services.pseudonymise().dossiers == 0  # done once
    out = io.StringIO()
    call_command("privacy", "pseudonymise", "--days", "1", stdout=out)  # now the recent one too
    assert (
        "1 hồ sơ" in out.getvalue() and Applicant.objects.get(dossier=recent).full_name == services.PSEUDONYM
    )
    with pytest.raises(CommandError):
        call_command("privacy", "pseudonymise", "--days", "0")


def test_celery_beat_runs_the_pseudonymisation_every_night(settings):
    from motcua.celery import app

    app.loader.import_default_modules()  # what a worker does at start: the apps' tasks modules
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-pseudonymise"]
    assert app.tasks[entry["task"]]() == 0  # registered, and nothing ended ten years ago here
    assert PrivacyEvent.objects.count() == 0  # an empty run writes no audit row
