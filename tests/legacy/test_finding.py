"""The old code finds a migrated dossier: the workspace search, the public page and API (ADR 0043)."""

import pytest
from django.core.cache import cache

from motcua.dossiers.models import Dossier
from motcua.org.roles import RoleCode
from tests.dossiers.factories import staff
from tests.twofactor import verified_login

from .conftest import row, write_jsonl
from .test_import import migrate

CODE = "000.00.20.H35-240612-0007"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def migrated(province, tmp_path):
    migrate(write_jsonl(tmp_path / "old.jsonl", [row()]))
    return province


def test_the_public_page_finds_it_with_the_last_six_digits_of_the_id_number(client, migrated):
    page = client.get("/tra-cuu/", {"ma": CODE, "k": "001234"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đã nhận kết quả" in text and "Thủ tục thử nghiệm 1.001193" in text
    assert "Nguyễn Văn Hùng" not in text and "035090001234" not in text
    assert client.get("/tra-cuu/", {"ma": CODE, "k": "001235"}).status_code == 404
    assert client.get("/tra-cuu/", {"ma": CODE, "k": "35090001234"}).status_code == 404


def test_the_api_finds_it_and_a_wrong_tail_is_the_same_404_as_an_unknown_code(client, migrated):
    ok = client.get(f"/api/v1/tracking/{CODE}", {"k": "001234"})
    assert ok.status_code == 200
    body = ok.json()
    assert body["code"] == CODE and [t["text"] for t in body["timeline"]][-1] == "Trả kết quả"
    wrong = client.get(f"/api/v1/tracking/{CODE}", {"k": "999999"})
    unknown = client.get("/api/v1/tracking/000.00.20.H35-240612-9999", {"k": "001234"})
    assert wrong.status_code == unknown.status_code == 404


def test_the_workspace_search_finds_it_by_the_old_code(client, migrated):
    supervisor = staff(RoleCode.SUPERVISOR, migrated.province, "Giám sát Ninh Bình")
    verified_login(client, supervisor)
    page = client.get("/can-bo/tim-kiem/", {"q": CODE.lower()})
    assert page.status_code == 200 and CODE in page.content.decode()
    dossier_page = client.get(f"/can-bo/ho-so/{CODE}/")
    assert dossier_page.status_code == 200 and "Nguyễn Văn Hùng" in dossier_page.content.decode()


STATUS_ROWS = {
    1: ("pending_acceptance", {"channel": 2, "finished_at": None, "returned_at": None, "history": []}),
    2: ("received", {"finished_at": None, "returned_at": None, "history": []}),
    3: ("not_accepted", {"returned_at": None, "history": []}),
    4: ("in_progress", {"finished_at": None, "returned_at": None}),
    5: ("supplement_requested", {"finished_at": None, "returned_at": None}),
    6: ("in_progress", {"finished_at": None, "returned_at": None}),
    7: ("in_progress", {"finished_at": None, "returned_at": None}),
    8: ("stopped", {"returned_at": None}),
    9: ("result_ready", {"returned_at": None}),
    10: ("returned", {}),
}


def test_every_portal_status_gives_a_dossier_the_workspace_shows(client, province, tmp_path):
    rows = [
        row(**{"code": f"000.00.20.H35-240612-{9000 + s}", "status": s, **extra})
        for s, (_state, extra) in STATUS_ROWS.items()
    ]
    assert migrate(write_jsonl(tmp_path / "all.jsonl", rows))[-1] == "imported 10, skipped 0, rejected 0"
    verified_login(client, staff(RoleCode.SUPERVISOR, province.province, "Giám sát"))
    for status, (state, _extra) in STATUS_ROWS.items():
        code = f"000.00.20.H35-240612-{9000 + status}"
        d = Dossier.objects.get(code=code)
        assert d.status == state, status
        assert d.tracking.order_by("dossier_version").last().to_status == state
        assert d.version == d.tracking.count()
        page = client.get(f"/can-bo/ho-so/{code}/")
        assert page.status_code == 200, (status, page.content[:300])
    pending = Dossier.objects.get(code="000.00.20.H35-240612-9001")
    assert pending.acceptance_due_at is not None and pending.received_at is None
