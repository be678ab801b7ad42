"""The read-only admin (Vietnamese, ID numbers masked) and `motcua documents verify`."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from motcua.documents import services
from tests.twofactor import verified_login

from . import samples
from .conftest import AN


@pytest.fixture
def admin_web(client, django_user_model):
    verified_login(client, django_user_model.objects.create_superuser("root", password="x"))
    return client


def test_the_admin_lists_and_shows_documents_without_editing(place, admin_web):
    dossier = place.dossier(place.birth)
    doc = services.store_document(
        content=samples.pdf(), filename="a.pdf", name="Giấy chứng sinh", dossier=dossier, digitised=True
    )
    listing = admin_web.get(reverse("admin:documents_document_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Giấy chứng sinh" in page and "*********345" in page and AN not in page

    detail = admin_web.get(reverse("admin:documents_document_change", args=[doc.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert doc.sha256 in page and dossier.code in page
    assert 'name="name"' not in page
    assert admin_web.get(reverse("admin:documents_document_add")).status_code == 403
    assert admin_web.get(reverse("admin:documents_dossierdocument_changelist")).status_code == 200


def test_verify_reports_changed_files(place, media, capsys):
    good = services.store_document(content=samples.pdf(), filename="a.pdf", name="A", owner_id_number=AN)
    bad = services.store_document(
        content=samples.image("PNG"), filename="b.png", name="B", owner_id_number=AN
    )
    call_command("documents", "verify")
    assert "Đã kiểm tra 2 tệp: 2 nguyên vẹn, 0 lỗi." in capsys.readouterr().out

    (media / bad.storage_name).write_bytes(b"\x89PNG\r\n\x1a\n changed")
    with pytest.raises(CommandError):
        call_command("documents", "verify")
    captured = capsys.readouterr()
    assert f"[documents.checksum_mismatch] #{bad.pk}" in captured.err
    assert f"#{good.pk} " not in captured.err
    assert "Đã kiểm tra 2 tệp: 1 nguyên vẹn, 1 lỗi." in captured.out
