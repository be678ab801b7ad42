"""The officer workspace through the Django test client: sign-in, my work (every queue), search, the
dossier page and its actions, and what another unit's officer gets on every page."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.outbox import publish_pending
from tests.dossiers.factories import at, person

from .conftest import PASSWORD, receive, signed_in

pytestmark = pytest.mark.django_db


def _late(world):  # due 2026-02-27 09:00
    return receive(
        world, when="2026-02-24 09:00", applicant=person(full_name="Đặng Thị Mai", phone="0987654321")
    )


def _today(world):  # due 2026-03-04 09:00
    return receive(world, when="2026-02-27 09:00")


def _soon(world):  # due 2026-03-05 09:00
    return receive(
        world,
        when="2026-03-02 09:00",
        applicant=person(full_name="Lê Văn Đức", id_number="001095000123", birth_date="1995-01-02"),
    )


def _in_progress(world, dossier, when="2026-03-02 10:00"):
    return services.assign(
        dossier, actor=world.specialist, version=dossier.version, assignee=world.specialist, at=at(when)
    )


def _waiting_supplement(world):
    dossier = _in_progress(world, receive(world, when="2026-03-02 09:30"))
    return services.request_supplement(
        dossier,
        actor=world.specialist,
        version=dossier.version,
        items=["Bản sao giấy đăng ký kết hôn"],
        reason="Thiếu giấy tờ",
        at=at("2026-03-02 11:00"),
    )


def _with_password(user):
    user = type(user).objects.get(pk=user.pk)  # a copy: the shared world keeps its own object
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_sign_in_page_signs_an_officer_in_and_shows_who_and_where(client, world):
    officer = _with_password(world.officer)
    page = client.get(reverse("workspace:login"))
    assert page.status_code == 200 and "Đăng nhập cán bộ" in page.content.decode()
    response = client.post(
        reverse("workspace:login"), {"username": officer.username, "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("workspace:home")
    assert "Trần Thị Bình" in html and "Cán bộ tiếp nhận" in html and "Điểm tiếp nhận phường Ba Đình" in html


def test_a_wrong_password_is_refused_in_vietnamese_and_keeps_the_user_name(client, world):
    response = client.post(
        reverse("workspace:login"), {"username": world.officer.username, "password": "sai"}
    )
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in html and world.officer.username in html


@pytest.mark.parametrize("name", ["home", "search", "supervisor", "receive"])
def test_every_page_needs_a_signed_in_officer(client, world, name):
    response = client.get(reverse(f"workspace:{name}"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("workspace:login"))
    signed_in(client, world.citizen)  # signed in, but no assignment
    refused = client.get(reverse(f"workspace:{name}"))
    assert refused.status_code == 403 and "chưa được giao vai trò" in refused.content.decode()


def test_the_specialist_s_desk_sorts_the_agency_s_dossiers_into_queues_with_counts_and_time_left(
    client, world, now
):
    late, today, soon, waiting = _late(world), _today(world), _soon(world), _waiting_supplement(world)
    signed_in(client, world.specialist)
    html = client.get(reverse("workspace:home") + "?ban=chuyen-vien&hang=qua-han").content.decode()
    assert late.code in html and today.code not in html
    assert "quá hạn 2 ngày 7 giờ" in html  # 2026-02-27 09:00 → 03-04 08:30: 23.5 working hours
    for slug in ("moi-den", "dang-xu-ly", "cho-bo-sung", "sap-den-han", "qua-han"):
        assert f'href="?ban=chuyen-vien&amp;hang={slug}"' in html
    assert "cho-tiep-nhan" not in html  # online acceptance is the reception desk's, not a specialist's
    page = client.get(reverse("workspace:home") + "?hang=sap-den-han")
    counts = {q["slug"]: q["count"] for q in page.context["queues"]}
    # Nobody has taken the three received ones: they are new to every specialist of the agency.
    assert counts == {"moi-den": 3, "dang-xu-ly": 0, "cho-bo-sung": 1, "sap-den-han": 2, "qua-han": 1}
    assert [r["dossier"].code for r in page.context["rows"]] == [today.code, soon.code]
    assert "còn 30 phút" in page.content.decode() and "còn 1 ngày" in page.content.decode()
    supplement_page = client.get(reverse("workspace:home") + "?hang=cho-bo-sung").content.decode()
    assert waiting.code in supplement_page and "tạm dừng" in supplement_page


def test_the_default_queue_is_the_first_with_work_and_lists_sort_by_due_moment(client, world, now):
    first, second = _late(world), receive(world, when="2026-02-23 09:00")
    page = signed_in(client, world.specialist).get(reverse("workspace:home"))
    assert page.context["queue"] == "moi-den"
    assert [r["dossier"].code for r in page.context["rows"]] == [second.code, first.code]


def test_online_dossiers_to_accept_show_the_8_working_hour_limit(client, world, now):
    online = services.submit_online(
        user=world.citizen,
        procedure=world.birth,
        province=world.province,
        case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0),
        applicant=person(),
        at=at("2026-03-03 14:00"),
    )
    page = signed_in(client, world.officer_soc_son).get(reverse("workspace:home") + "?hang=cho-tiep-nhan")
    html = page.content.decode()
    assert online.code in html and "còn 4 giờ" in html  # accept by 2026-03-04 14:00 (8 working hours)
    detail = client.get(reverse("workspace:dossier", args=[online.code])).content.decode()
    assert "Hạn tiếp nhận (8 giờ làm việc)" in detail and "Tiếp nhận hồ sơ trực tuyến" in detail


def test_results_to_hand_back_are_returned_to_the_officer(client, world, now):
    dossier = _in_progress(world, receive(world, when="2026-03-02 09:00"))
    dossier = services.approve(
        dossier, actor=world.leader, version=dossier.version, at=at("2026-03-03 09:00")
    )
    dossier = services.issue_result(
        dossier,
        actor=world.leader,
        version=dossier.version,
        title="Giấy khai sinh",
        e_copy_ref="kho:1",
        at=at("2026-03-03 10:00"),
    )
    page = signed_in(client, world.officer).get(reverse("workspace:home") + "?hang=cho-tra-ket-qua")
    assert [r["dossier"].code for r in page.context["rows"]] == [dossier.code]


def test_another_communes_officer_sees_nothing_of_these_dossiers_on_any_page(client, world, stranger, now):
    dossier = _late(world)
    signed_in(client, stranger)
    for slug in ("cho-tiep-nhan", "tiep-nhan-hom-nay", "cho-tra-ket-qua"):
        home = client.get(reverse("workspace:home") + f"?hang={slug}")
        assert all(count == 0 for count in (q["count"] for q in home.context["queues"]))
        assert dossier.code not in home.content.decode()
    for query in (dossier.code, "dang thi mai", "0987654321", "001090012345"):
        found = client.get(reverse("workspace:search"), {"q": query})
        assert found.context["rows"] == [], query
    hidden = client.get(reverse("workspace:dossier", args=[dossier.code]))
    assert hidden.status_code == 404  # a Vietnamese page, whatever DEBUG says; the code is not confirmed
    assert "Không tìm thấy hồ sơ hoặc bạn không có quyền xem" in hidden.content.decode()
    assert "Page not found" not in hidden.content.decode()
    action = reverse("workspace:act", args=[dossier.code, "withdraw"])
    assert client.post(action, {"version": dossier.version, "reason": "x"}).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).status == "received"
    assert client.get(reverse("workspace:supervisor")).status_code == 403  # not a supervisor (ADR 0051)
    person_lookup = client.get(reverse("workspace:person"), {"so": "001090012345"}).json()
    assert person_lookup == {"found": False}


@pytest.mark.parametrize(
    "query",
    ["nguyen van", "Nguyễn Văn", "NGUYEN VAN AN", "0912 345 678", "+84912345678", "001090012345"],
)
def test_search_by_name_with_or_without_diacritics_phone_or_id(client, world, query):
    mine = receive(world)
    other = receive(
        world,
        applicant=person(
            full_name="Đặng Thị Mai", id_number="001190012345", sex="female", phone="0987654321"
        ),
    )
    rows = signed_in(client, world.officer).get(reverse("workspace:search"), {"q": query}).context["rows"]
    codes = [r["dossier"].code for r in rows]
    assert mine.code in codes and other.code not in codes


def test_search_by_dossier_code_and_đ_folds_to_d(client, world):
    dossier = receive(
        world, applicant=person(full_name="Đặng Thị Mai", id_number="001190012345", sex="female")
    )
    signed_in(client, world.officer)
    assert [
        r["dossier"] for r in client.get(reverse("workspace:search"), {"q": dossier.code}).context["rows"]
    ] == [dossier]
    assert [
        r["dossier"] for r in client.get(reverse("workspace:search"), {"q": "dang thi"}).context["rows"]
    ] == [dossier]


def test_search_asks_for_more_than_one_letter_and_keeps_what_was_typed(client, world):
    html = signed_in(client, world.officer).get(reverse("workspace:search"), {"q": "n"}).content.decode()
    assert "Hãy nhập ít nhất 2 chữ cái của họ tên." in html and 'value="n"' in html


def test_the_dossier_page_shows_applicant_version_steps_timeline_and_only_allowed_actions(client, world, now):
    dossier = receive(world, when="2026-03-02 09:00")
    html = (
        signed_in(client, world.officer)
        .get(reverse("workspace:dossier", args=[dossier.code]))
        .content.decode()
    )
    assert "Nguyễn Văn An" in html and "Thủ tục thử nghiệm 9.100001" in html and "phiên bản 1" in html
    assert "Thẩm định, xử lý hồ sơ" in html and "Tiếp nhận hồ sơ" in html  # steps and timeline
    assert "Đã nộp" in html and "Giấy chứng sinh" in html
    officer_actions = [
        a["action"] for a in client.get(reverse("workspace:dossier", args=[dossier.code])).context["actions"]
    ]
    assert officer_actions == ["transfer", "record_payment", "withdraw"]
    signed_in(client, world.leader)
    leader_actions = [
        a["action"] for a in client.get(reverse("workspace:dossier", args=[dossier.code])).context["actions"]
    ]
    assert leader_actions == ["transfer", "assign", "extend", "stop"]


def test_a_specialist_requests_a_supplement_and_a_missing_list_is_refused_keeping_the_reason(
    client, world, now
):
    dossier = _in_progress(world, receive(world, when="2026-03-02 09:00"))
    signed_in(client, world.specialist)
    url = reverse("workspace:act", args=[dossier.code, "request-supplement"])
    bad = client.post(url, {"version": dossier.version, "items": "  ", "reason": "Thiếu giấy tờ kết hôn"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "Cần liệt kê đầy đủ các nội dung phải bổ sung, hoàn thiện." in html
    assert "Thiếu giấy tờ kết hôn" in html and Dossier.objects.get(pk=dossier.pk).status == "in_progress"
    good = client.post(
        url, {"version": dossier.version, "items": "Bản sao giấy đăng ký kết hôn", "reason": "Thiếu"}
    )
    assert good.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == "supplement_requested"


def test_a_stale_version_is_a_conflict_shown_in_vietnamese(client, world):
    dossier = _in_progress(world, receive(world, when="2026-03-02 09:00"))
    signed_in(client, world.leader)
    response = client.post(
        reverse("workspace:act", args=[dossier.code, "approve"]), {"version": 1, "note": "Đồng ý"}
    )
    assert response.status_code == 409 and "Đồng ý" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == "in_progress"


def test_supervisor_sees_each_branch_and_agency_with_links_down_to_the_dossiers(client, world, now):
    late, today = _late(world), _today(world)
    receive(world, when="2026-03-04 08:10")  # received today
    publish_pending()  # the page reads the aggregates the events keep (ADR 0049)
    page = signed_in(client, world.supervisor).get(reverse("workspace:supervisor"))
    overview = page.context["overview"]
    [branch] = overview["branches"]
    assert branch.name == "Chi nhánh số 1" and (branch.received_today, branch.in_progress, branch.late) == (
        1,
        3,
        1,
    )
    assert branch.due_today == 1 and branch.at_risk == 1  # due today at 09:00
    [agency] = overview["agencies"]
    assert agency.name == "Ủy ban nhân dân xã Sóc Sơn" and agency.late == 1
    assert f'href="?o={branch.key}&amp;cot=late"' in page.content.decode()
    drill = client.get(reverse("workspace:supervisor"), {"o": branch.key, "cot": "late"})
    assert [r["dossier"].code for r in drill.context["drill"]["rows"]] == [late.code]
    assert today.code not in [r["dossier"].code for r in drill.context["drill"]["rows"]]


def test_the_workspace_speaks_english_as_its_second_language(client, world, now):
    receive(world, when="2026-02-24 09:00")
    signed_in(client, world.specialist)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("workspace:home"), headers={"accept-language": "en"}).content.decode()
    assert "My work" in html and "Late" in html and "overdue by 2 days 7 hours" in html


def test_signing_out_returns_to_the_workspace_sign_in_page(client, world):
    signed_in(client, world.officer)
    response = client.post(reverse("workspace:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("workspace:login")
    assert client.get(reverse("workspace:home")).status_code == 302


def _result_ready(world, dossier):
    dossier = services.assign(dossier, actor=world.leader, version=dossier.version, assignee=world.specialist)
    dossier = services.approve(dossier, actor=world.leader, version=dossier.version)
    return services.issue_result(
        dossier, actor=world.leader, version=dossier.version, title="Giấy khai sinh", e_copy_ref="kho:1"
    )


def test_the_return_form_offers_the_applicant_s_choice_and_sends_an_electronic_result(client, world):
    online = services.submit_online(
        user=world.citizen, procedure=world.birth, province=world.province, case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0), applicant=person(), at=at("2026-03-02 09:00"),
    )  # fmt: skip
    online = services.accept_online(
        online, officer=world.officer_soc_son, version=1, at=at("2026-03-02 10:00")
    )
    online = _result_ready(world, online)
    signed_in(client, world.officer_soc_son)
    html = client.get(reverse("workspace:dossier", args=[online.code])).content.decode()
    assert '<option value="online" selected>Gửi bản điện tử vào tài khoản người nộp</option>' in html
    url = reverse("workspace:act", args=[online.code, "return-result"])
    assert client.post(url, {"version": online.version, "method": "online", "note": ""}).status_code == 302
    returned = Dossier.objects.get(pk=online.pk)
    assert (returned.status, returned.return_method) == ("returned", "online")


def test_an_electronic_return_the_applicant_did_not_choose_is_refused_in_vietnamese(client, world):
    counter = _result_ready(world, receive(world, when="2026-03-02 09:00"))
    signed_in(client, world.officer)
    html = client.get(reverse("workspace:dossier", args=[counter.code])).content.decode()
    assert '<option value="online" >' in html and '<option value="postal" >' in html
    url = reverse("workspace:act", args=[counter.code, "return-result"])
    bad = client.post(url, {"version": counter.version, "method": "online", "note": ""})
    assert bad.status_code == 400
    assert "Người nộp không đăng ký nhận kết quả bản điện tử." in bad.content.decode()
    assert Dossier.objects.get(pk=counter.pk).status == "result_ready"
