"""Versioning rules through the services: windows never overlap, published is immutable, retire."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from motcua.catalog import services
from motcua.catalog.content import version_content
from motcua.catalog.models import CatalogAuditLog, ProcedureVersion, VersionStatus
from motcua.core.errors import DomainError


def v(procedure, number) -> ProcedureVersion:
    return procedure.versions.get(number=number)


def draft(procedure, **data):
    return services.create_draft(
        procedure=procedure, from_version=procedure.versions.order_by("number").last(), data=data
    )


def test_published_version_is_in_force_from_its_start(procedure):
    v1 = v(procedure, 1)
    assert (v1.status, v1.valid_from, v1.valid_to) == ("published", date(2025, 7, 1), None)
    assert not ProcedureVersion.objects.in_force_on(date(2025, 6, 30)).filter(procedure=procedure).exists()
    assert ProcedureVersion.objects.in_force_on(date(2025, 7, 1)).get(procedure=procedure) == v1
    actions = list(
        CatalogAuditLog.objects.filter(procedure=procedure).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["create_procedure", "create_draft", "publish"]


def test_new_version_ends_the_open_ended_one_at_its_start(procedure):
    v2 = draft(procedure, name="Tên mới")
    services.publish(version=v2, valid_from=date(2026, 1, 1), decision_no="12/QĐ-UBND")
    v1 = v(procedure, 1)
    assert (v1.status, v1.valid_to) == ("published", date(2026, 1, 1))
    assert ProcedureVersion.objects.in_force_on(date(2025, 12, 31)).get(procedure=procedure).number == 1
    assert ProcedureVersion.objects.in_force_on(date(2026, 1, 1)).get(procedure=procedure).number == 2
    assert CatalogAuditLog.objects.filter(version=v1, action="end_window").exists()


@pytest.mark.parametrize(
    ("valid_from", "valid_to"),
    [
        (date(2025, 6, 1), None),  # open-ended, starting before v1: covers v1's whole window
        (date(2025, 6, 1), date(2025, 8, 1)),  # ends inside v1
        (date(2025, 7, 1), None),  # same start as v1
    ],
)
def test_overlapping_window_is_refused(procedure, valid_from, valid_to):
    v2 = draft(procedure)
    with pytest.raises(DomainError) as error:
        services.publish(version=v2, valid_from=valid_from, valid_to=valid_to)
    assert error.value.code == "catalog.version_overlap"
    assert "chồng lấn" in error.value.message
    assert v(procedure, 2).status == "draft"
    assert v(procedure, 1).valid_to is None


def test_start_inside_a_closed_window_is_refused(procedure):
    services.publish(version=draft(procedure), valid_from=date(2026, 1, 1))
    v3 = draft(procedure)
    with pytest.raises(DomainError) as error:
        services.publish(version=v3, valid_from=date(2025, 9, 1), valid_to=date(2025, 10, 1))
    assert error.value.code == "catalog.version_overlap"


def test_a_gap_before_the_first_version_may_be_filled(procedure):
    services.publish(version=draft(procedure), valid_from=date(2025, 1, 1), valid_to=date(2025, 7, 1))
    assert ProcedureVersion.objects.in_force_on(date(2025, 3, 1)).get(procedure=procedure).number == 2


def test_published_versions_are_immutable(procedure):
    v1 = v(procedure, 1)
    with pytest.raises(DomainError) as error:
        services.update_draft(version=v1, data={"name": "Sửa trực tiếp"})
    assert error.value.code == "catalog.version_immutable"
    with pytest.raises(DomainError) as error:
        services.publish(version=v1, valid_from=date(2027, 1, 1))
    assert error.value.code == "catalog.version_immutable"
    assert v(procedure, 1).name == "Thủ tục thử nghiệm đăng ký khai sinh"


def test_draft_copies_content_and_is_edited_freely(procedure):
    v2 = draft(procedure)
    assert version_content(v2) == {**version_content(v(procedure, 1))}
    services.update_draft(
        version=v2,
        data={
            "name": "Tên sửa",
            "documents": [{"name": "Giấy tờ mới", "originals": 0, "copies": 1, "case": 0}],
        },
    )
    v2 = v(procedure, 2)
    assert v2.name == "Tên sửa"
    assert [(d.name, d.case.title) for d in v2.documents.all()] == [
        ("Giấy tờ mới", "Trường hợp đăng ký đúng hạn")
    ]
    assert [d.name for d in v(procedure, 1).documents.all()] == [
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
    ]


def test_one_draft_at_a_time(procedure):
    draft(procedure)
    with pytest.raises(DomainError) as error:
        draft(procedure)
    assert error.value.code == "catalog.draft_exists"


def test_window_must_end_after_it_starts(procedure):
    with pytest.raises(DomainError) as error:
        services.publish(version=draft(procedure), valid_from=date(2027, 1, 1), valid_to=date(2027, 1, 1))
    assert error.value.code == "catalog.invalid_window"


def test_retire_ends_the_version(procedure):
    retired = services.retire(version=v(procedure, 1), on=date(2026, 3, 1))
    assert (retired.status, retired.valid_to) == (VersionStatus.RETIRED, date(2026, 3, 1))
    assert not ProcedureVersion.objects.in_force_on(date(2026, 3, 1)).filter(procedure=procedure).exists()
    with pytest.raises(DomainError) as error:
        services.retire(version=retired)
    assert error.value.code == "catalog.invalid_transition"
    with pytest.raises(DomainError) as error:
        services.update_draft(version=retired, data={"name": "x"})
    assert error.value.code == "catalog.version_immutable"
    assert CatalogAuditLog.objects.filter(version=retired, action="retire").count() == 1


def test_retiring_before_the_start_leaves_an_empty_window(procedure):
    v2 = draft(procedure)
    services.publish(version=v2, valid_from=date(2030, 1, 1))
    services.retire(version=v(procedure, 2), on=date(2026, 1, 1))
    v2 = v(procedure, 2)
    assert (v2.status, v2.valid_from, v2.valid_to) == ("retired", date(2030, 1, 1), date(2030, 1, 1))


def test_database_refuses_two_open_ended_published_versions(procedure):
    """The partial unique index, on every database, even when the service is bypassed."""
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.create(
            procedure=procedure, number=7, name="x", status="published", valid_from=date(2030, 1, 1)
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)
def test_postgresql_refuses_overlapping_closed_windows(procedure):
    services.publish(version=draft(procedure), valid_from=date(2026, 1, 1), valid_to=date(2026, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.create(
            procedure=procedure,
            number=9,
            name="x",
            status="published",
            valid_from=date(2026, 3, 1),
            valid_to=date(2026, 4, 1),
        )


def test_a_copied_draft_keeps_the_uploaded_form_and_the_shown_flag(procedure, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    paper = v(procedure, 1).documents.order_by("position").first()
    paper.template.save("to-khai.docx", ContentFile(b"PK\x03\x04 form"), save=False)
    paper.presented = True
    paper.save()
    v2 = draft(procedure, name="Tên mới")
    copied = v2.documents.get(position=paper.position)
    assert copied.template.name == paper.template.name and copied.template.read() == b"PK\x03\x04 form"
    assert copied.presented
    assert version_content(v2)["documents"] == version_content(v(procedure, 1))["documents"]
