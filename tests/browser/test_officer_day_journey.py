"""One dossier through an officer's day, every step through the pages in a real browser: a citizen submits
online → the reception officer accepts it from the "to accept online" queue → the specialist takes it and
asks for a supplement → the citizen supplements from "my dossiers" → the specialist finishes the step →
the leader approves and issues the result → the result goes back to the citizen electronically → the
citizen takes it and rates the service. A screenshot of each step goes to $MOTCUA_SHOTS (default: the
test's temporary folder).

"""

import os
import re
from pathlib import Path

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.feedback.models import Rating
from motcua.org.services import ensure_roles
from motcua.search import services as search_services
from tests.documents import samples
from tests.dossiers.factories import World

pytestmark = pytest.mark.browser
PASSWORD = "motcua-demo"


@pytest.fixture
def hanoi(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_roles()
    world = World()
    for officer in (world.officer_soc_son, world.specialist, world.leader):
        officer.set_password(PASSWORD)
        officer.save()
    search_services.reindex()
    return world


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("MOTCUA_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Day:
    """The people of the journey, each in a browser of their own, and the screenshots taken on the way."""

    def __init__(self, browser, live_server, world, shots):
        self.browser, self.url, self.world, self.shots = browser, live_server.url, world, shots
        self.taken = 0
        self.code = ""

    def shot(self, page, name):
        self.taken += 1
        page.screenshot(path=self.shots / f"{self.taken:02d}-{name}.png", full_page=True)

    def citizen(self):
        client = Client()
        client.force_login(self.world.citizen)  # the VNeID sign-in has journeys of its own
        context = self.browser.new_context(
            locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True
        )
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": self.url}]
        )
        return context.new_page()

    def officer(self, user):
        page = self.browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        page.goto(self.url + "/can-bo/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        assert "/dang-nhap/" not in page.url, page.inner_text("main")
        return page


def act(page, summary: str, fields: dict | None = None):
    block = page.locator("details.action", has=page.locator("summary", has_text=summary))
    block.locator("summary").click()
    for label, value in (fields or {}).items():
        block.get_by_label(label).fill(value)
    with page.expect_navigation():
        block.locator("button").click()


def status(page) -> str:
    return page.locator(".status").first.inner_text()


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": samples.pdf()}


def submit_online(day: Day):
    page = day.citizen()
    page.goto(day.url + "/thu-tuc/9.100001/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url(re.compile(r"/nop-truc-tuyen/"))
    page.get_by_label("Đăng ký đúng hạn").check()
    page.get_by_label("Số định danh cá nhân").fill("001090012345")
    page.get_by_label("Ngày sinh").fill("1990-05-17")
    page.get_by_label("Giới tính").select_option("male")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Xã, phường, đặc khu nơi bạn ở").select_option("00376")
    page.get_by_label("Tờ khai", exact=False).first.set_input_files(_pdf("to-khai.pdf"))
    page.locator("li.upload", has_text="Giấy chứng sinh").locator("input[type=file]").set_input_files(
        _pdf("chung-sinh.pdf")
    )
    page.get_by_label(re.compile("Nhận bản điện tử trên tài khoản")).check()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    page.wait_for_url(re.compile(r"/ho-so-cua-toi/.+\?moi=1"))
    assert "Bạn đã gửi hồ sơ thành công." in page.inner_text("main")
    day.code = Dossier.objects.get().code
    day.shot(page, "citizen-sent")
    return page


def accept_at_reception(day: Day):
    officer = day.officer(day.world.officer_soc_son)
    officer.goto(day.url + "/can-bo/?hang=cho-tiep-nhan")
    assert day.code in officer.locator("table.dossiers").inner_text()
    day.shot(officer, "reception-queue")
    with officer.expect_navigation():
        officer.get_by_role("link", name=day.code).click()
    act(officer, "Tiếp nhận hồ sơ trực tuyến")
    assert status(officer) == "Đã tiếp nhận"
    day.shot(officer, "reception-accepted")


def ask_supplement(day: Day):
    specialist = day.officer(day.world.specialist)
    specialist.goto(f"{day.url}/can-bo/ho-so/{day.code}/")
    act(specialist, "Phân công")
    assert status(specialist) == "Đang giải quyết"
    act(
        specialist,
        "Yêu cầu bổ sung hồ sơ",
        {
            "Các nội dung phải bổ sung": "Bản sao giấy chứng sinh có chứng thực",
            "Lý do (bắt buộc)": "Bản sao chưa chứng thực",
        },
    )
    assert status(specialist) == "Yêu cầu bổ sung"
    day.shot(specialist, "specialist-asked-supplement")
    return specialist


def supplement(day: Day, citizen):
    citizen.goto(f"{day.url}/ho-so-cua-toi/{day.code}/")
    todo = citizen.locator("#bo-sung")
    assert "Bản sao giấy chứng sinh có chứng thực" in todo.inner_text()
    day.shot(citizen, "citizen-supplement-asked")
    todo.get_by_label(re.compile("Bản sao giấy chứng sinh có chứng thực")).set_input_files(
        _pdf("chung-thuc.pdf")
    )
    todo.get_by_role("button", name="Gửi bổ sung").click()
    citizen.wait_for_selector(".status.tone-progress")
    assert "Đang giải quyết" in status(citizen)
    day.shot(citizen, "citizen-supplemented")


def propose(day: Day, specialist):
    specialist.goto(f"{day.url}/can-bo/ho-so/{day.code}/")
    act(specialist, "Hoàn thành bước, chuyển tiếp")
    day.shot(specialist, "specialist-proposed")


def approve(day: Day):
    leader = day.officer(day.world.leader)
    leader.goto(f"{day.url}/can-bo/ho-so/{day.code}/")
    act(leader, "Phê duyệt", {"Ghi chú": "Đồng ý"})
    assert status(leader) == "Đã phê duyệt"
    day.shot(leader, "leader-approved")
    return leader


def up_to_approval(day: Day):
    """Submitted online, accepted, supplemented once, proposed and approved: the citizen's and leader's pages."""
    citizen = submit_online(day)
    accept_at_reception(day)
    specialist = ask_supplement(day)
    supplement(day, citizen)
    propose(day, specialist)
    return citizen, approve(day)


def test_an_online_dossier_goes_from_the_citizen_through_reception_specialist_and_leader(
    browser, live_server, hanoi, shots
):
    day = Day(browser, live_server, hanoi, shots)
    citizen, leader = up_to_approval(day)
    act(leader, "Ban hành kết quả", {"Tên kết quả": "Giấy khai sinh", "Tham chiếu bản điện tử": "kho:KS-1"})
    assert status(leader) == "Có kết quả, chờ trả"
    day.shot(leader, "leader-issued")
    citizen.goto(f"{day.url}/ho-so-cua-toi/{day.code}/")
    assert status(citizen) == "Đã có kết quả"
    day.shot(citizen, "citizen-result-ready")
    timeline = leader.locator(".timeline").inner_text()
    for step in ("Tiếp nhận hồ sơ trực tuyến", "Yêu cầu bổ sung hồ sơ", "Phê duyệt", "Ban hành kết quả"):
        assert step in timeline
    assert day.taken == 10


def test_the_result_goes_back_electronically_and_the_citizen_takes_it_and_rates(
    browser, live_server, hanoi, shots
):
    day = Day(browser, live_server, hanoi, shots)
    citizen, leader = up_to_approval(day)
    block = leader.locator("details.action", has=leader.locator("summary", has_text="Ban hành kết quả"))
    block.locator("summary").click()
    block.get_by_label("Tên kết quả").fill("Giấy khai sinh")
    block.get_by_label(re.compile("Tệp kết quả")).set_input_files(_pdf("giay-khai-sinh.pdf"))
    with leader.expect_navigation():
        block.locator("button").click()
    assert status(leader) == "Có kết quả, chờ trả"
    day.shot(leader, "leader-issued-with-file")
    citizen.goto(f"{day.url}/ho-so-cua-toi/{day.code}/")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Nhận kết quả điện tử").click()
    assert "Bạn đã nhận kết quả điện tử" in citizen.inner_text("main")
    day.shot(citizen, "citizen-took-result")
    link = citizen.get_by_role("link", name=re.compile("Tải bản điện tử"))
    assert citizen.request.get(day.url + link.get_attribute("href")).body()[:4] == b"%PDF"
    assert Dossier.objects.get(code=day.code).status == "returned"
    citizen.get_by_role("link", name="Đánh giá (1 phút)").click()
    for code in ("access", "procedure", "officer", "result"):
        citizen.locator(f"input[name={code}][value='5']").check()
    day.shot(citizen, "citizen-rating")
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    citizen.wait_for_selector("text=Cảm ơn bạn đã đánh giá")
    assert Rating.objects.get().dossier.code == day.code
    day.shot(citizen, "citizen-rated")
