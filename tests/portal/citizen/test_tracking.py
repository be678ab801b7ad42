"""/tra-cuu/: anyone with the slip's two codes follows the dossier in plain words; a wrong factor and an
unknown code look the same; too many tries are slowed down."""

import pytest
from django.core.cache import cache

from motcua.dossiers.api.tracking import second_factor

from .steps import in_progress, online

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def test_the_two_codes_show_the_status_timeline_and_due_moment_in_plain_words(client, world):
    dossier = in_progress(world, online(world))
    response = client.get("/tra-cuu/", {"ma": dossier.code, "k": second_factor(dossier.code).lower()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đang giải quyết" in page and "Hẹn trả kết quả" in page
    assert "Bạn đã gửi hồ sơ trực tuyến." in page and "Cán bộ đã nhận hồ sơ trực tuyến của bạn." in page
    assert "Nguyễn Văn An" not in page and "001090012345" not in page  # no personal data without sign-in


def test_a_wrong_factor_and_an_unknown_code_give_the_same_answer(client, world):
    dossier = online(world)
    wrong = client.get("/tra-cuu/", {"ma": dossier.code, "k": "AAAAAAAA"})
    unknown = client.get("/tra-cuu/", {"ma": "000.00.12.H26-260302-9999", "k": "AAAAAAAA"})
    assert wrong.status_code == unknown.status_code == 404
    message = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này."
    assert message in wrong.content.decode() and message in unknown.content.decode()
    assert dossier.procedure_version.name not in wrong.content.decode()


def test_empty_codes_get_a_message_next_to_each_field(client, world):
    response = client.get("/tra-cuu/", {"ma": " 000.00.12 ", "k": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="k-error">Hãy nhập mã tra cứu (8 ký tự) in trên giấy tiếp nhận.' in page
    assert 'value="000.00.12"' in page  # what was typed stays


def test_too_many_tries_are_throttled(client, world, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"tracking": "3/min"}}
    dossier = online(world)
    codes = [client.get("/tra-cuu/", {"ma": dossier.code, "k": "WRONG123"}).status_code for _ in range(3)]
    assert codes == [404, 404, 404]
    right = client.get("/tra-cuu/", {"ma": dossier.code, "k": second_factor(dossier.code)})
    assert right.status_code == 429 and "Hãy đợi một phút" in right.content.decode()
    # One budget with the public API: it is throttled too now.
    assert (
        client.get(f"/api/v1/tracking/{dossier.code}", {"k": second_factor(dossier.code)}).status_code == 429
    )


def test_the_first_visit_shows_the_empty_form(client, world):
    response = client.get("/tra-cuu/")
    page = response.content.decode()
    assert response.status_code == 200 and '<label for="ma">Mã hồ sơ</label>' in page
    assert (
        '<a href="/tra-cuu/" aria-current="page">Tra cứu hồ sơ</a>' in page
    )  # where you are, for screen readers


def test_the_page_costs_the_same_queries_however_long_the_history(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(dossier) -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/tra-cuu/", {"ma": dossier.code, "k": second_factor(dossier.code)})
        return len(captured.captured_queries)

    assert queries(online(world)) == queries(in_progress(world, online(world))) <= 3


def test_a_made_up_forwarded_header_does_not_refill_the_budget(client, world, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"tracking": "3/min"}}
    dossier = online(world)
    codes = [
        client.get("/tra-cuu/", {"ma": dossier.code, "k": "WRONG123"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        for n in range(4)
    ]
    assert [r.status_code for r in codes] == [404, 404, 404, 429]


def test_people_behind_one_address_keep_their_own_budgets(client, world, settings):
    """A commune office's NAT: one neighbour's tries at one code do not stop another's dossier; all the
    codes of one address share a wider budget ("tracking-address")."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"tracking": "2/min", "tracking-address": "4/min"},
    }
    dossier = online(world)
    for _ in range(2):
        client.get("/tra-cuu/", {"ma": "000.00.12.H26-260302-9999", "k": "WRONG123"})
    assert client.get("/tra-cuu/", {"ma": "000.00.12.H26-260302-9999", "k": "WRONG123"}).status_code == 429
    right = {"ma": dossier.code, "k": second_factor(dossier.code)}
    assert client.get("/tra-cuu/", right).status_code == 200  # its own code's budget, untouched
    assert client.get("/tra-cuu/", right).status_code == 429  # the address's fifth request this minute
