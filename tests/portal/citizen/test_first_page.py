"""A citizen's first minutes: one question, the procedures people use most, the five doors, the province
second; the same bar on every public page, the officers' own bar on their pages; the favicon."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from motcua.portal import selectors
from tests.dossiers.conftest import receive
from tests.twofactor import verified_login

pytestmark = pytest.mark.django_db

PUBLIC = ["Thủ tục hành chính", "Tra cứu hồ sơ", "Lấy số thứ tự", "Phục vụ tại nhà", "Phản ánh, kiến nghị"]
PUBLIC = [*PUBLIC, "Hồ sơ của tôi", "Công khai kết quả"]


def bar(html: str) -> list[str]:
    """The labels of the header's navigation links, in order."""
    nav = re.search(r'<nav class="site-nav.*?</nav>', html, re.S)
    if nav is None:
        return []
    nav = nav.group(0)
    return [re.sub(r"\s+", " ", label).strip() for label in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


def links(html: str, css_class: str) -> dict[str, str]:
    block = re.search(rf'<ul class="{css_class}".*?</ul>', html, re.S).group(0)
    found = re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', block, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", label).split()): href for href, label in found}


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()  # the most-used list is cached for ten minutes
    yield
    cache.clear()


def recently(days_ago: int) -> str:
    moment = timezone.localtime() - timedelta(days=days_ago)
    return moment.replace(hour=9, minute=30).strftime("%Y-%m-%d %H:%M")


def test_the_first_page_asks_what_you_need_and_searches_the_procedures(client, world):
    html = client.get("/").content.decode()
    form = re.search(r'<form method="get" action="([^"]+)" role="search">(.*?)</form>', html, re.S)
    assert form.group(1) == reverse("portal:catalog")  # the procedure search's own address…
    assert 'name="q"' in form.group(2)  # …and parameter
    assert "Bạn cần làm thủ tục gì?" in form.group(2)
    assert 'name="tinh" value="01"' in form.group(2)  # the search stays in the chosen province
    found = client.get(reverse("portal:catalog"), {"q": "thủ tục thử nghiệm", "tinh": "01"})
    assert found.status_code == 200


def test_the_five_doors_lead_to_submit_track_book_home_service_and_feedback(client, world):
    doors = links(client.get("/").content.decode(), "doors")
    assert list(doors) == [
        "Nộp hồ sơ trực tuyến Tìm thủ tục, điền tờ khai, gửi giấy tờ qua mạng — không phải đến quầy.",
        "Tra cứu hồ sơ Xem hồ sơ đã nộp đang đến đâu, bằng mã in trên giấy tiếp nhận.",
        "Lấy số thứ tự Đặt trước lượt đến quầy để không phải chờ lâu.",
        "Phục vụ tại nhà Người cao tuổi, người khuyết tật, người ốm: cán bộ đến tận nhà.",
        "Phản ánh, kiến nghị Góp ý về hồ sơ hoặc cán bộ. Cơ quan phải trả lời bạn.",
    ]
    paths = [href.split("?")[0] for href in doors.values()]
    assert paths == ["/thu-tuc/", "/tra-cuu/", "/lay-so/", "/phuc-vu-tai-nha/", "/phan-anh/"]
    for path in paths[:4]:
        assert client.get(path).status_code == 200, path
    feedback = client.get("/phan-anh/")  # feedback needs the citizen's sign-in first
    assert feedback.status_code == 302 and feedback["Location"].startswith(reverse("accounts:sign-in"))


def test_the_most_used_procedures_are_those_people_used_this_month(client, world):
    for days in (1, 2, 3):
        receive(world, world.birth, when=recently(days))
    receive(world, world.licence, when=recently(4))
    old = dict(place=world.point_soc_son, officer=world.officer_soc_son, when=recently(45))
    receive(world, world.residence, **old)  # last month's: not counted

    html = client.get("/").content.decode()
    used = links(html, "most-used")
    names = list(used)
    birth = world.birth.versions.get().name
    licence = world.licence.versions.get().name
    assert names == [birth, licence]
    assert used[birth] == reverse("portal:procedure", args=[world.birth.code]) + "?tinh=01"
    assert client.get(used[birth]).status_code == 200


def test_with_no_dossier_yet_the_first_page_still_asks_and_opens_its_doors(client, world):
    response = client.get("/")
    assert response.context["most_used"] == []
    html = response.content.decode()
    assert "Thủ tục nhiều người làm" not in html
    assert "Bạn cần làm thủ tục gì?" in html and 'id="door-submit"' in html


def test_the_province_comes_second_and_the_directory_stays_reachable(client, world):
    html = client.get("/").content.decode()
    assert (
        html.index("Bạn cần làm thủ tục gì?")
        < html.index('id="door-track"')
        < html.index("Tỉnh, thành phố của bạn")
    )
    assert '<option value="01" selected>Thành phố Hà Nội</option>' in html
    assert f'href="{reverse("portal:directory")}"' in html
    assert client.get(reverse("portal:directory")).status_code == 200


def test_every_public_page_has_the_same_bar(client, world):
    pages = [
        "/",
        reverse("portal:catalog"),
        reverse("portal:procedure", args=[world.birth.code]),
        reverse("portal:tracking"),
        reverse("queueing:home"),
        reverse("homeservice:request"),
        reverse("portal:directory"),
        reverse("accounts:sign-in"),
    ]
    for path in pages:
        html = client.get(path).content.decode()
        assert bar(html) == PUBLIC, path
        assert f'href="{reverse("accounts:sign-in")}"' in html, path  # the citizen's sign-in beside it
        assert "/static/portal/favicon.svg" in html, path


def test_the_current_page_is_marked_in_the_bar(client, world):
    html = client.get(reverse("portal:procedure", args=[world.birth.code])).content.decode()
    assert re.search(r'<a href="/thu-tuc/" aria-current="page">Thủ tục hành chính</a>', html)
    assert html.count('aria-current="page"') == 1


def test_the_officers_bar_has_only_officer_links_and_those_of_their_roles(client, world):
    client.force_login(world.officer)  # reception officer at the Ba Đình point
    reception = bar(client.get(reverse("workspace:home")).content.decode())
    assert reception == [
        "Việc của tôi",
        "Tiếp nhận",
        "Tìm hồ sơ",
        "Gọi số",
        "Lịch phục vụ tại nhà",
        "Bưu chính",
        "Phản ánh, kiến nghị",
    ]
    assert not set(reception) & {"Tra cứu hồ sơ", "Hồ sơ của tôi", "Lấy số thứ tự", "Thủ tục hành chính"}
    # the officer pages of other apps draw the same bar
    assert bar(client.get(reverse("feedback:officer-list")).content.decode()) == reception
    assert bar(client.get(reverse("homeservice:visits")).content.decode()) == reception

    client.force_login(world.specialist)
    assert bar(client.get(reverse("workspace:home")).content.decode()) == [
        "Việc của tôi",
        "Tìm hồ sơ",
        "Phản ánh, kiến nghị",
    ]
    verified_login(client, world.supervisor)
    supervisor = bar(client.get(reverse("workspace:home")).content.decode())
    assert (
        "Giám sát" in supervisor and "Yêu cầu phục vụ tại nhà" in supervisor and "Tiếp nhận" not in supervisor
    )
    # The pages a supervisor opens now and then are folded under "Thêm", so the bar fits one line
    html = client.get(reverse("workspace:home")).content.decode()
    nav = re.search(r'<nav class="site-nav.*?</nav>', html, re.S).group(0)
    direct, more = nav.split('<details class="nav-more">')
    folded = re.findall(r"<a [^>]*>(.*?)</a>", more)
    assert folded == [
        "Cổng quốc gia",
        "Yêu cầu phục vụ tại nhà",
        "Nghi vấn cò hồ sơ",
        "Hồ sơ chuyển đổi",
        "Dữ liệu cá nhân",
    ]
    assert len(re.findall(r"<a ", direct)) <= 6 and set(folded) <= set(supervisor)


def test_the_officers_sign_in_page_has_the_officers_bar(client, world):
    html = client.get(reverse("workspace:login")).content.decode()
    assert bar(html) == []  # nobody signed in: no links yet, and no citizen links
    assert reverse("accounts:sign-in") not in html
    assert "Dành cho cán bộ" in html


def test_favicon_answers_on_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/portal/favicon.ico")
    assert finders.find("portal/favicon.ico") and finders.find("portal/favicon.svg")
    with open(finders.find("portal/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file's header


def test_most_used_is_empty_without_a_province():
    assert selectors.most_used_procedures(None) == []


def test_a_procedure_page_sends_people_to_this_sites_own_online_submission(client, world):
    page = reverse("portal:procedure", args=[world.birth.code])
    html = client.get(page).content.decode()
    assert reverse("portal:submit-start", args=[world.birth.code]) in html
    assert "Cổng Dịch vụ công quốc gia" not in html


def test_a_procedure_not_offered_online_here_mentions_the_national_portal_only(client, world):
    world.birth.versions.update(online_level="none")  # the catalog lists an online channel, not offered here
    html = client.get(reverse("portal:procedure", args=[world.birth.code])).content.decode()
    assert reverse("portal:submit-start", args=[world.birth.code]) not in html
    assert "có thể nộp trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)" in html
