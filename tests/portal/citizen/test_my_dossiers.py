""" "My dossiers": status and timeline in plain words, supplement with uploads, withdraw with the stop
notice, the result's electronic copy; only the owner sees a dossier."""

import pytest

from motcua.documents.models import DossierDocument
from motcua.dossiers.models import Dossier, Payment
from tests.org.factories import user

from .steps import in_progress, online, pdf_file, supplement_requested, with_result

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_my_dossiers(citizen_client, world):
    mine = online(world)
    other = online(world, user=user())
    page = citizen_client.get("/ho-so-cua-toi/").content.decode()
    assert mine.code in page and other.code not in page
    assert citizen_client.get(f"/ho-so-cua-toi/{other.code}/").status_code == 404


def test_the_page_says_where_the_dossier_is_in_plain_words(citizen_client, world):
    dossier = in_progress(world, online(world))
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Đang giải quyết" in page and "Cơ quan có thẩm quyền đang xem xét hồ sơ của bạn." in page
    assert "Hồ sơ được giao cho cán bộ xem xét." in page  # the timeline, newest first
    assert page.index("Hồ sơ được giao cho cán bộ xem xét.") < page.index("Bạn đã gửi hồ sơ trực tuyến.")
    assert "Hẹn trả kết quả" in page
    assert 'id="phi"' in page and "Không còn khoản phí, lệ phí nào phải nộp." in page


def test_the_fee_due_is_shown_with_the_payments_app_s_pay_button(citizen_client, world):
    dossier = online(world, proc=world.licence)
    assert Payment.objects.filter(dossier=dossier, amount=100_000, status="due").exists()
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "100.000 đ" in page and "Thanh toán trực tuyến" in page
    assert f'action="/thanh-toan/ho-so/{dossier.code}/thanh-toan/"' in page


def test_without_the_payments_app_the_page_lists_the_fee_and_its_status(citizen_client, world, monkeypatch):
    from motcua.portal.templatetags import portal_tags

    monkeypatch.setattr(portal_tags, "payments_app", lambda: False)
    dossier = online(world, proc=world.licence)
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "100.000 đồng" in page and "Phải nộp" in page and "payment-box" not in page
    free = online(world)
    assert (
        "Hồ sơ này không phải nộp phí, lệ phí."
        in citizen_client.get(f"/ho-so-cua-toi/{free.code}/").content.decode()
    )


def test_every_item_to_supplement_is_listed_with_an_upload(citizen_client, world):
    dossier = supplement_requested(world, online(world))
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Cần bổ sung giấy tờ" in page
    assert "1. Bản sao giấy chứng sinh có chứng thực" in page and "2. Tờ khai có chữ ký" in page
    assert "Lý do: Bản sao chưa chứng thực" in page


def test_a_supplement_with_a_missing_file_stores_nothing_and_says_what_is_missing(citizen_client, world):
    dossier = supplement_requested(world, online(world))
    before = DossierDocument.objects.filter(dossier=dossier).count()
    url = f"/ho-so-cua-toi/{dossier.code}/bo-sung/"
    response = citizen_client.post(
        url,
        {"version": dossier.version, "note": "Gửi bản có chứng thực", "item-0": pdf_file("chung-thuc.pdf")},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="item-1-error">Hãy tải lên giấy tờ cho mục này.' in page
    assert "hãy chọn lại các tệp đính kèm" in page and "Gửi bản có chứng thực" in page
    # All or nothing (ADR 0032): the good file is not kept either, the dossier still waits.
    assert DossierDocument.objects.filter(dossier=dossier).count() == before
    assert Dossier.objects.get(pk=dossier.pk).status == "supplement_requested"
    files = {"item-0": pdf_file("chung-thuc.pdf"), "item-1": pdf_file("to-khai.pdf")}
    response = citizen_client.post(url, {"version": dossier.version, **files})
    assert response.status_code == 302
    back = Dossier.objects.get(pk=dossier.pk)
    assert back.status == "in_progress" and back.tracking.last().actor == world.citizen
    names = set(DossierDocument.objects.filter(dossier=dossier).values_list("document__name", flat=True))
    assert {"Bản sao giấy chứng sinh có chứng thực", "Tờ khai có chữ ký"} <= names


def test_a_supplement_on_a_stale_page_changes_nothing(citizen_client, world):
    dossier = supplement_requested(world, online(world))
    files = {"item-0": pdf_file(), "item-1": pdf_file()}
    response = citizen_client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"version": 1, **files})
    assert response.status_code == 400
    assert "Hồ sơ vừa được cán bộ cập nhật." in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == "supplement_requested"


def test_withdrawing_needs_a_reason_then_gives_the_stop_notice(citizen_client, world):
    dossier = online(world)
    url = f"/ho-so-cua-toi/{dossier.code}/rut/"
    response = citizen_client.post(url, {"version": dossier.version, "reason": "  "})
    assert response.status_code == 400
    assert 'id="reason-error">Hãy cho biết vì sao bạn rút hồ sơ.' in response.content.decode()
    assert citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/mau-05.pdf").status_code == 404
    response = citizen_client.post(url, {"version": dossier.version, "reason": "Tôi nộp nhầm thủ tục"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == "withdrawn"
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Bạn đã rút hồ sơ" in page and "Lý do: Tôi nộp nhầm thủ tục" in page
    pdf = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/mau-05.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_the_result_s_electronic_copy_can_be_downloaded_and_rated(citizen_client, world):
    dossier = with_result(world, online(world))
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Đã có kết quả" in page and "Tải bản điện tử: Giấy khai sinh" in page
    assert f"/ho-so-cua-toi/{dossier.code}/danh-gia/" in page
    result = dossier.results.get()
    copy = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/ket-qua/{result.pk}/")
    assert copy.status_code == 200 and b"".join(copy.streaming_content)[:4] == b"%PDF"


def test_my_uploaded_papers_are_served_after_their_checksum(citizen_client, world):
    dossier = supplement_requested(world, online(world))
    citizen_client.post(
        f"/ho-so-cua-toi/{dossier.code}/bo-sung/",
        {"version": dossier.version, "item-0": pdf_file("a.pdf"), "item-1": pdf_file("b.pdf")},
    )
    link = DossierDocument.objects.filter(dossier=dossier, document__original_filename="a.pdf").first()
    response = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/giay-to/{link.document_id}/")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_dossier_page_costs_the_same_queries_however_long_its_history(citizen_client, world):
    fresh = online(world)
    done = with_result(world, online(world))  # 5 more timeline lines, a result, a fee row fewer
    citizen_client.post(
        f"/ho-so-cua-toi/{fresh.code}/rut/", {"version": fresh.version, "reason": "Nộp nhầm"}
    )  # withdrawn: the same page with its stop notice
    assert _queries(citizen_client, f"/ho-so-cua-toi/{done.code}/") == _queries(
        citizen_client, f"/ho-so-cua-toi/{fresh.code}/"
    )
    assert _queries(citizen_client, "/ho-so-cua-toi/") <= 4


def test_taking_the_electronic_result_returns_the_dossier(citizen_client, world):
    dossier = with_result(world, online(world))
    url = f"/ho-so-cua-toi/{dossier.code}/nhan-ket-qua/"
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Nhận kết quả điện tử" in page and f'action="{url}"' in page
    stale = citizen_client.post(url, {"version": dossier.version - 1})
    assert stale.status_code == 400 and "Hồ sơ vừa được cán bộ cập nhật." in stale.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == "result_ready"
    response = citizen_client.post(url, {"version": dossier.version})
    assert response.status_code == 302 and response["Location"].endswith("?nhan=1")
    returned = Dossier.objects.get(pk=dossier.pk)
    assert (returned.status, returned.return_method, returned.returned_by) == (
        "returned",
        "online",
        world.citizen,
    )
    page = citizen_client.get(response["Location"]).content.decode()
    assert "Bạn đã nhận kết quả điện tử." in page and "Nhận kết quả điện tử</button>" not in page
    assert "Tải bản điện tử: Giấy khai sinh" in page  # the copy stays downloadable
    again = citizen_client.post(url, {"version": returned.version})
    assert (
        again.status_code == 400
        and "Hồ sơ đang ở bước không cho phép việc này nữa." in again.content.decode()
    )


def test_no_one_else_takes_my_result(client, world):
    dossier = with_result(world, online(world))
    client.force_login(user())
    assert (
        client.post(f"/ho-so-cua-toi/{dossier.code}/nhan-ket-qua/", {"version": dossier.version}).status_code
        == 404
    )
    assert Dossier.objects.get(pk=dossier.pk).status == "result_ready"


def test_a_result_kept_in_the_document_store_says_where_once_taken(citizen_client, world):
    dossier = with_result(world, online(world))
    result = dossier.results.get()
    result.e_copy, result.e_copy_ref = "", "kho:gks-42"
    result.save()
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Nhận kết quả điện tử" in page and "kho:gks-42" not in page
    citizen_client.post(f"/ho-so-cua-toi/{dossier.code}/nhan-ket-qua/", {"version": dossier.version})
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Giấy khai sinh: bản điện tử lưu trong kho dữ liệu điện tử, mã kho:gks-42" in page
    assert Dossier.objects.get(pk=dossier.pk).status == "returned"
