"""The supervisor's table: branches in natural order (1, 2, … 10, 11), agencies filtered by kind, name and
branch, paged, in Vietnamese alphabetical order."""

import re

from django.urls import reverse

from motcua.core.collation import sort_key as vietnamese
from motcua.dossiers.outbox import publish_pending
from motcua.workspace import supervision
from tests.workspace.conftest import receive, signed_in


def _three_dossiers(world, stranger):
    receive(world, when="2026-03-04 08:10")  # at Ba Đình's point (branch 1) → Sóc Sơn's committee
    receive(world, officer=stranger, place=world.point_hoan_kiem, when="2026-03-03 09:00")  # branch 2
    receive(  # at Sóc Sơn's point (branch 12) → the Justice department
        world,
        world.licence,
        officer=world.officer_soc_son,
        place=world.point_soc_son,
        when="2026-03-03 10:00",
    )
    publish_pending()  # the page reads the aggregates the events keep (ADR 0049)


def _names(tallies):
    return [t.name for t in tallies]


def test_branches_read_in_natural_order_and_agencies_in_vietnamese_order(client, world, now, stranger):
    _three_dossiers(world, stranger)
    page = signed_in(client, world.supervisor).get(reverse("workspace:supervisor"))
    overview = page.context["overview"]
    assert _names(overview["branches"]) == ["Chi nhánh số 1", "Chi nhánh số 2", "Chi nhánh số 12"]
    assert _names(overview["agencies"]) == ["Sở Tư pháp thành phố Hà Nội", "Ủy ban nhân dân xã Sóc Sơn"]
    assert overview.matching == 2 and overview.pages == 1


def test_agencies_filter_by_kind_name_and_branch(client, world, now, stranger):
    _three_dossiers(world, stranger)
    signed_in(client, world.supervisor)
    url = reverse("workspace:supervisor")

    def agencies(**query):
        return _names(client.get(url, query).context["overview"]["agencies"])

    assert agencies(loai="department") == ["Sở Tư pháp thành phố Hà Nội"]
    assert agencies(ten="soc son") == ["Ủy ban nhân dân xã Sóc Sơn"]  # any part, without diacritics
    assert agencies(ten="SÓC") == ["Ủy ban nhân dân xã Sóc Sơn"]
    assert agencies(**{"chi-nhanh": str(world.branch_soc_son.pk)}) == ["Sở Tư pháp thành phố Hà Nội"]
    assert agencies(**{"chi-nhanh": str(world.branch2.pk)}) == ["Ủy ban nhân dân xã Sóc Sơn"]
    assert agencies(ten="không có cơ quan này") == []
    assert agencies(loai="not-a-kind", trang="x") == [
        "Sở Tư pháp thành phố Hà Nội",
        "Ủy ban nhân dân xã Sóc Sơn",
    ]  # ignored
    html = client.get(url, {"loai": "department"}).content.decode()
    assert '<option value="department" selected>' in html and "Bỏ lọc" in html


def test_agencies_are_paged_and_the_links_keep_the_filter(client, world, now, stranger, monkeypatch):
    monkeypatch.setattr(supervision, "PAGE_SIZE", 1)
    _three_dossiers(world, stranger)
    signed_in(client, world.supervisor)
    url = reverse("workspace:supervisor")
    first = client.get(url, {"ten": "s"})
    assert _names(first.context["overview"]["agencies"]) == ["Sở Tư pháp thành phố Hà Nội"]
    assert "trang 1/2" in first.content.decode()
    [following] = re.findall(r'href="([^"]+)" rel="next"', first.content.decode())
    assert following == "?ten=s&amp;trang=2#co-quan"
    second = client.get(url, {"ten": "s", "trang": "2"})
    assert _names(second.context["overview"]["agencies"]) == ["Ủy ban nhân dân xã Sóc Sơn"]
    assert 'rel="prev"' in second.content.decode() and 'rel="next"' not in second.content.decode()
    beyond = client.get(url, {"ten": "s", "trang": "9"})  # past the end: the last page
    assert _names(beyond.context["overview"]["agencies"]) == ["Ủy ban nhân dân xã Sóc Sơn"]


def test_vietnamese_order_puts_each_letter_where_the_alphabet_does():
    names = [
        "Yên Hòa",
        "Đống Đa",
        "Ô Chợ Dừa",
        "Dương Nội",
        "Ơn",
        "Ba Đình",
        "Ứng Hòa",
        "Uông Bí",
        "Ân Thi",
        "Ăn",
    ]
    assert sorted(names, key=vietnamese) == [
        "Ăn", "Ân Thi", "Ba Đình", "Dương Nội", "Đống Đa", "Ô Chợ Dừa", "Ơn", "Uông Bí", "Ứng Hòa", "Yên Hòa",
    ]  # fmt: skip
    # The shared collation's dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng.
    assert sorted(["a", "ạ", "à", "á", "ả", "ã"], key=vietnamese) == ["a", "à", "ả", "ã", "á", "ạ"]
    branches = ["Chi nhánh số 10", "Chi nhánh số 2", "Chi nhánh số 11", "Chi nhánh số 1"]
    assert sorted(branches, key=vietnamese) == [
        "Chi nhánh số 1",
        "Chi nhánh số 2",
        "Chi nhánh số 10",
        "Chi nhánh số 11",
    ]
