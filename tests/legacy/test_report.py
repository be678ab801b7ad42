"""The province's migration report: tallies per old commune and agency, the to-assign queue, a sample of
converted text; supervisors of the province only."""

from motcua.org.roles import RoleCode
from tests.dossiers.factories import staff
from tests.twofactor import verified_login

from .conftest import row, write_jsonl
from .test_import import migrate


def test_the_supervisor_sees_tallies_the_queue_and_the_converted_sample(client, province, tmp_path):
    rows = [
        row(),
        row(
            code="000.00.32.H35-240612-0002",
            applicant_name="NguyÔn V¨n Hïng",
            agency_name="Trung tâm Y tế huyện Kim Bảng cũ",
        ),
        row(
            code="000.00.32.H35-240612-0003",
            agency_name="Hội Nông dân tỉnh Hà Nam",
            status=4,
            finished_at=None,
            returned_at=None,
        ),
        row(code="000.00.32.H35-240612-0004", commune_code="99999"),
    ]
    migrate(write_jsonl(tmp_path / "r.jsonl", rows))
    verified_login(client, staff(RoleCode.SUPERVISOR, province.province, "Giám sát Ninh Bình"))
    page = client.get("/can-bo/chuyen-doi/37/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "13291" in text and "Phường Lê Hồng Phong" in text and "99999" in text
    assert (
        "Hội Nông dân tỉnh Hà Nam" in text and "000.00.32.H35-240612-0003" in text
    )  # in the to-assign queue
    assert "NguyÔn V¨n Hïng" in text and "Nguyễn Văn Hùng" in text and "TCVN3" in text


def test_a_reception_officer_or_another_province_may_not_see_it(client, province):
    verified_login(client, staff(RoleCode.RECEPTION_OFFICER, province.center, "Cán bộ một cửa"))
    assert client.get("/can-bo/chuyen-doi/37/").status_code in (403, 404)
    verified_login(client, staff(RoleCode.SUPERVISOR, province.province, "Giám sát"))
    assert client.get("/can-bo/chuyen-doi/99/").status_code == 404


def test_the_operator_edits_the_mapping_table_in_the_admin(client, province, django_user_model, tmp_path):
    from motcua.legacy.models import AgencyMapping, LegacyRecord

    admin = django_user_model.objects.create_superuser("quantri", password="x")
    verified_login(client, admin)
    assert client.get("/admin/legacy/agencymapping/").status_code == 200
    response = client.post(
        "/admin/legacy/agencymapping/add/",
        {"province": province.province.pk, "old_code": "", "old_name": "Hội Nông dân tỉnh Hà Nam",
         "agency": province.justice.pk, "note": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content[:500]
    assert AgencyMapping.objects.get().old_name_key == "hoi nong dan tinh ha nam"
    migrate(write_jsonl(tmp_path / "m.jsonl", [row(agency_name="HỘI NÔNG DÂN tỉnh Hà Nam")]))
    record = LegacyRecord.objects.select_related("dossier").get()
    assert record.agency_rule == "mapping" and record.dossier.agency == province.justice
    assert client.get(f"/admin/legacy/legacyrecord/{record.pk}/change/").status_code == 200


def test_the_bar_leads_a_supervisor_to_the_report_of_their_province(client, province):
    verified_login(client, staff(RoleCode.SUPERVISOR, province.province, "Giám sát"))
    home = client.get("/can-bo/giam-sat/").content.decode()
    assert 'href="/can-bo/chuyen-doi/"' in home and "Hồ sơ chuyển đổi" in home
    assert client.get("/can-bo/chuyen-doi/").url == "/can-bo/chuyen-doi/37/"
