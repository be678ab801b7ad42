"""A citizen rates the service on one short screen, once, after the result."""

import pytest

from motcua.feedback import selectors, services
from motcua.feedback.errors import AlreadyRated, NotAllowed, NotRatable
from motcua.feedback.models import Rating
from tests.org.factories import user
from tests.portal.citizen.steps import in_progress, online, with_result

pytestmark = pytest.mark.django_db

ANSWERS = {"access": "5", "procedure": "4", "officer": "5", "result": "5"}


def test_the_screen_asks_the_five_factors_on_a_five_point_scale(citizen_client, world):
    dossier = with_result(world, online(world))
    page = citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/danh-gia/").content.decode()
    assert page.count('type="radio"') == 25 and page.count('name="improve"') == 5
    assert "Cán bộ hướng dẫn dễ hiểu, lịch sự, không gây khó khăn" in page
    assert "Rất hài lòng" in page and "(bỏ qua nếu bạn chưa từng góp ý, phản ánh)" in page


def test_a_missing_answer_is_shown_next_to_it_and_the_others_stay_chosen(citizen_client, world):
    dossier = with_result(world, online(world))
    url = f"/ho-so-cua-toi/{dossier.code}/danh-gia/"
    response = citizen_client.post(
        url, {"access": "5", "procedure": "2", "improve": ["procedure"], "comment": "Lâu"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="officer-error">Hãy chọn một mức.' in page and 'id="result-error">Hãy chọn một mức.' in page
    assert 'name="procedure" value="2" checked' in page and 'value="procedure" checked' in page
    assert ">Lâu</textarea>" in page and not Rating.objects.exists()


def test_a_rating_is_recorded_once_and_counts_in_the_index(citizen_client, world):
    dossier = with_result(world, online(world))
    url = f"/ho-so-cua-toi/{dossier.code}/danh-gia/"
    response = citizen_client.post(url, {**ANSWERS, "improve": ["procedure"]})
    assert response.status_code == 302 and response["Location"].endswith("/danh-gia/cam-on/")
    rating = Rating.objects.get(dossier=dossier)
    assert rating.scores() == {"access": 5, "procedure": 4, "officer": 5, "result": 5, "handling": None}
    assert rating.improve == ["procedure"] and rating.rater == world.citizen
    again = citizen_client.post(url, {**ANSWERS, "access": "1"})
    assert "Bạn đã đánh giá hồ sơ này rồi." in again.content.decode()
    assert Rating.objects.get().access == 5
    factors, index = selectors.summary()
    assert index == 100.0 and {f.code: f.expectation for f in factors}["procedure"] == 1.0


def test_only_the_owner_rates_and_only_after_the_result(world):
    open_dossier = in_progress(world, online(world))
    with pytest.raises(NotRatable):
        services.rate(dossier=open_dossier, user=world.citizen, scores=ANSWERS)
    done = with_result(world, online(world))
    with pytest.raises(NotAllowed):
        services.rate(dossier=done, user=user(), scores=ANSWERS)
    services.rate(dossier=done, user=world.citizen, scores=ANSWERS)
    with pytest.raises(AlreadyRated):
        services.rate(dossier=done, user=world.citizen, scores=ANSWERS)


def test_a_rating_is_announced_once_with_its_scores_only(world):
    from motcua.dossiers.models import OutboxMessage

    done = with_result(world, online(world))
    rating = services.rate(dossier=done, user=world.citizen, scores=ANSWERS, comment="Cán bộ nhiệt tình")
    with pytest.raises(AlreadyRated):
        services.rate(dossier=done, user=world.citizen, scores=ANSWERS)
    [event] = OutboxMessage.objects.filter(aggregate="rating")
    assert (event.topic, event.aggregate_id) == ("rating.submitted", str(rating.pk))
    assert event.payload["dossier_code"] == done.code and event.payload["scores"] == rating.scores()
    assert "nhiệt tình" not in str(event.payload)
