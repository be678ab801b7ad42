"""Feedback and complaints: the citizen sends one about a dossier or a place; officers of the dossier's
agency (or of the place) see it with its answer deadline (10 working days by default) and must answer;
the citizen reads the answer."""

import pytest
from django.test import Client

from motcua.feedback import selectors, services
from motcua.feedback.errors import AlreadyAnswered, NotAllowed
from motcua.feedback.models import Feedback, FeedbackEvent
from tests.dossiers.factories import at
from tests.org.factories import user
from tests.portal.citizen.steps import online

pytestmark = pytest.mark.django_db


def test_a_complaint_about_a_dossier_goes_to_its_agency_with_a_deadline_of_10_working_days(world):
    dossier = online(world)
    item = services.send(
        user=world.citizen,
        kind="complaint",
        text="Cán bộ đòi thêm giấy tờ",
        dossier=dossier,
        at=at("2026-03-02 09:00"),
    )
    assert item.agency == world.committee_soc_son and item.status == "open"
    assert item.due_at == at("2026-03-16 09:00")  # 10 working days: two weekends skipped
    assert FeedbackEvent.objects.get(feedback=item).action == "send"
    assert list(selectors.for_officer(world.specialist)) == [item]
    assert list(selectors.for_officer(world.justice_specialist)) == []  # another agency


def test_the_deadline_is_a_setting(world, settings):
    settings.MOTCUA_FEEDBACK_ANSWER_DAYS = 2
    item = services.send(
        user=world.citizen, kind="feedback", text="Góp ý", dossier=online(world), at=at("2026-03-06 10:00")
    )
    assert item.due_at == at("2026-03-10 10:00")


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(citizen_client, world):
    dossier = online(world)
    response = citizen_client.post(
        "/phan-anh/gui/", {"kind": "complaint", "about": "", "text": "Chờ lâu quá"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="about-error">Hãy chọn hồ sơ hoặc nơi tiếp nhận mà bạn góp ý.' in page
    assert ">Chờ lâu quá</textarea>" in page and 'value="complaint" checked' in page
    prefilled = citizen_client.get(f"/phan-anh/gui/?ho_so={dossier.code}").content.decode()
    assert f'value="d:{dossier.code}" selected' in prefilled


def test_an_officer_answers_on_the_officers_page_and_the_citizen_reads_it(citizen_client, world):
    dossier = online(world)
    response = citizen_client.post(
        "/phan-anh/gui/",
        {"kind": "complaint", "about": f"d:{dossier.code}", "text": "Chưa ai gọi lại cho tôi"},
    )
    item = Feedback.objects.get()
    assert response["Location"] == f"/phan-anh/{item.pk}/"
    assert "Chưa có trả lời." in citizen_client.get(response["Location"]).content.decode()

    client = Client()  # the officer, in another browser
    client.force_login(world.specialist)
    listing = client.get("/can-bo/phan-anh/").content.decode()
    assert "Chưa ai gọi lại cho tôi" in listing and dossier.code in listing
    assert "Quá hạn" not in listing
    url = f"/can-bo/phan-anh/{item.pk}/"
    empty = client.post(url, {"version": item.version, "answer": " "})
    assert 'id="answer-error">Hãy viết câu trả lời cho người dân.' in empty.content.decode()
    done = client.post(url, {"version": item.version, "answer": "Chúng tôi đã gọi lại cho bạn hôm nay."})
    assert done.status_code == 302
    assert "Chưa ai gọi lại" not in client.get("/can-bo/phan-anh/").content.decode()  # no longer open

    page = citizen_client.get(f"/phan-anh/{item.pk}/").content.decode()
    assert "Chúng tôi đã gọi lại cho bạn hôm nay." in page
    assert [e.action for e in FeedbackEvent.objects.filter(feedback=item)] == ["send", "answer"]


def test_only_officers_of_the_agency_answer_and_only_once(world):
    item = services.send(user=world.citizen, kind="feedback", text="Góp ý", dossier=online(world))
    with pytest.raises(NotAllowed):
        services.answer(item, officer=world.justice_leader, text="Không phải của tôi", version=1)
    services.answer(item, officer=world.leader, text="Cảm ơn bạn", version=1)
    with pytest.raises(AlreadyAnswered):
        services.answer(item, officer=world.specialist, text="Trả lời lần hai", version=1)
    assert Feedback.objects.get().answer == "Cảm ơn bạn"


def test_a_complaint_about_a_place_goes_to_that_place_s_officers(world):
    item = services.send(
        user=world.citizen, kind="complaint", text="Phải xếp hàng lâu", place=world.point_soc_son
    )
    assert item.agency is None and item.province == world.province
    assert list(selectors.for_officer(world.officer_soc_son)) == [item]
    assert list(selectors.for_officer(world.officer)) == []  # Ba Đình's point


def test_a_citizen_cannot_complain_in_someone_else_s_dossier_and_non_officers_see_no_list(client, world):
    other = online(world, user=user())
    with pytest.raises(Exception) as caught:
        services.send(user=world.citizen, kind="feedback", text="x", dossier=other)
    assert caught.value.details == {"about": "Bạn chỉ gửi được góp ý về hồ sơ của chính mình."}
    client.force_login(world.citizen)
    assert client.get("/can-bo/phan-anh/").status_code == 403


def test_an_overdue_item_is_marked_on_the_officers_list(client, world):
    services.send(
        user=world.citizen, kind="complaint", text="Cũ", dossier=online(world), at=at("2026-01-05 09:00")
    )
    client.force_login(world.specialist)
    assert "Quá hạn" in client.get("/can-bo/phan-anh/").content.decode()


def test_sending_and_answering_are_audited_and_announced_and_a_stale_answer_refused(world):
    from motcua.core.kernel import StaleWrite
    from motcua.dossiers.models import OutboxMessage

    dossier = online(world)
    item = services.send(user=world.citizen, kind="complaint", text="Chờ lâu quá", dossier=dossier)
    with pytest.raises(StaleWrite) as stale:
        services.answer(item, officer=world.leader, text="Đã xem", version=item.version + 1)
    assert stale.value.code == "stale_write" and Feedback.objects.get().is_open
    services.answer(item, officer=world.leader, text="Cảm ơn bạn", version=item.version)
    audit = list(FeedbackEvent.objects.filter(feedback=item).values_list("action", "to_status"))
    assert audit == [("send", "open"), ("answer", "answered")]
    events = OutboxMessage.objects.filter(aggregate="feedback", aggregate_id=str(item.pk)).order_by("id")
    assert [(e.topic, e.version) for e in events] == [("feedback.sent", 1), ("feedback.answered", 2)]
    assert events[0].payload["dossier_code"] == dossier.code
    assert "Chờ lâu quá" not in str(events[0].payload) and "Cảm ơn" not in str(events[1].payload)
