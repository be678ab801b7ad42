"""Role-true desks through the Django test client: each role sees its own queues, with counts, filters
and pages; search finds any part of a name; an officer with two roles has two desks (ADR 0026)."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.org import services as org
from motcua.org.roles import RoleCode
from motcua.workspace import desks
from tests.dossiers.factories import at, person

from .conftest import receive, signed_in

pytestmark = pytest.mark.django_db
HOME = reverse("workspace:home")


def _desk(client, **params):
    page = client.get(HOME, params)
    assert page.status_code == 200
    return page, {q["slug"]: q["count"] for q in page.context["queues"]}


def _codes(page):
    return [r["dossier"].code for r in page.context["rows"]]


def _online(world, proc=None, when="2026-03-03 14:00", **applicant):
    proc = proc or world.birth
    return services.submit_online(
        user=world.citizen,
        procedure=proc,
        province=world.province,
        case=world.case(proc, 0),
        provided=world.documents(proc, 0),
        applicant=person(**applicant),
        at=at(when),
    )


def _assign(world, dossier, who, when="2026-03-03 09:00"):
    return services.assign(dossier, actor=world.leader, version=dossier.version, assignee=who, at=at(when))


def test_the_reception_officer_s_desk_is_online_dossiers_to_accept_today_s_receptions_and_results_to_return(
    client, world, now
):
    online = _online(world, commune="00004")  # a Ba Đình resident: Ba Đình's point accepts it
    today = receive(world, when="2026-03-04 08:10")
    yesterday = receive(world, when="2026-03-03 10:00")
    page, counts = _desk(signed_in(client, world.officer))
    assert page.context["desk"].slug == "tiep-nhan" and len(page.context["desks"]) == 1
    assert counts == {"cho-tiep-nhan": 1, "tiep-nhan-hom-nay": 1, "cho-tra-ket-qua": 0}
    assert _codes(page) == [online.code]
    received, _ = _desk(client, hang="tiep-nhan-hom-nay")
    assert _codes(received) == [today.code] and yesterday.code not in received.content.decode()
    html = received.content.decode()
    assert "Quá hạn" not in html and "Chờ tôi phê duyệt" not in html  # not a reception officer's work


def test_a_specialist_sees_the_agency_s_new_dossiers_and_only_their_own_once_taken(client, world, now):
    first, second = receive(world, when="2026-03-03 09:00"), receive(world, when="2026-03-03 10:00")
    _assign(world, first, world.specialist)
    mine, counts = _desk(signed_in(client, world.specialist), hang="dang-xu-ly")
    assert _codes(mine) == [first.code] and counts["moi-den"] == 1
    colleague, counts = _desk(signed_in(client, world.specialist2), hang="moi-den")
    assert _codes(colleague) == [second.code] and counts["dang-xu-ly"] == 0
    assert "Chờ tiếp nhận trực tuyến" not in colleague.content.decode()


def test_the_leader_sees_what_waits_for_approval_what_nobody_took_and_what_is_late_in_the_agency(
    client, world, now
):
    done = _assign(world, receive(world, when="2026-03-02 09:00"), world.specialist)
    done = services.finish_step(
        done,
        actor=world.specialist,
        version=done.version,
        next_assignee=world.leader,
        at=at("2026-03-03 15:00"),
    )
    late = receive(world, when="2026-02-24 09:00")  # due 2026-02-27, nobody took it
    page, counts = _desk(signed_in(client, world.leader))
    assert page.context["desk"].slug == "lanh-dao"
    assert counts == {"cho-phe-duyet": 1, "chua-phan-cong": 1, "qua-han-co-quan": 1}
    assert _codes(page) == [done.code]
    late_page, _ = _desk(client, hang="qua-han-co-quan")
    assert _codes(late_page) == [late.code] and "quá hạn" in late_page.content.decode()
    # The Justice department's leader sees nothing of Sóc Sơn's committee.
    _, others = _desk(signed_in(client, world.justice_leader))
    assert set(others.values()) == {0}


def test_an_officer_with_two_roles_has_two_desks(client, world, now):
    org.assign_staff(user=world.specialist, role=RoleCode.RECEPTION_OFFICER, target=world.point_soc_son)
    online = _online(world)  # lives in Sóc Sơn: Sóc Sơn's point accepts it
    page, _ = _desk(signed_in(client, world.specialist))
    assert [d["slug"] for d in page.context["desks"]] == ["tiep-nhan", "chuyen-vien"]
    assert page.context["desk"].slug == "tiep-nhan" and _codes(page) == [online.code]
    assert 'href="?ban=chuyen-vien"' in page.content.decode()
    specialist_page, counts = _desk(client, ban="chuyen-vien")
    assert set(counts) == {"moi-den", "dang-xu-ly", "cho-bo-sung", "sap-den-han", "qua-han"}


def test_filters_by_procedure_field_agency_and_due_day_narrow_counts_and_lists(client, world, now):
    birth = receive(world, when="2026-03-03 09:00")  # Sóc Sơn's committee
    licence = receive(world, world.licence, when="2026-03-03 09:30")  # Justice department, due 03-10 09:30
    signed_in(client, world.justice_specialist)
    page, counts = _desk(client, hang="moi-den")
    assert _codes(page) == [licence.code] and birth.code not in page.content.decode()
    page, counts = _desk(client, hang="moi-den", **{"thu-tuc": world.birth.code})
    assert counts["moi-den"] == 0 and _codes(page) == []
    page, counts = _desk(client, hang="moi-den", **{"thu-tuc": world.licence.code})
    assert _codes(page) == [licence.code]
    field = world.version(world.licence).field_id
    _, counts = _desk(client, hang="moi-den", **{"linh-vuc": str(field)})
    assert counts["moi-den"] == 1
    _, counts = _desk(client, hang="moi-den", **{"linh-vuc": str(field + 1000)})
    assert counts["moi-den"] == 0
    _, counts = _desk(client, hang="moi-den", han="2026-03-09")
    assert counts["moi-den"] == 0
    page, counts = _desk(client, hang="moi-den", han="2026-03-10")
    assert counts["moi-den"] == 1
    assert 'value="2026-03-10"' in page.content.decode() and "Bỏ lọc" in page.content.decode()
    # The supervisor's province-wide queues take the same filters.
    signed_in(client, world.supervisor)
    _, counts = _desk(client, hang="sap-den-han", han="2026-03-31")
    assert counts["sap-den-han"] == 0  # nothing due within 2 working days of 03-04 08:30
    by_agency, counts = _desk(client, hang="den-han-hom-nay", **{"co-quan": str(world.justice.pk)})
    assert by_agency.context["filters"].agency == world.justice.pk and set(counts.values()) == {0}


def test_a_long_queue_is_paged_and_the_pages_keep_the_filters(client, world, now, monkeypatch):
    monkeypatch.setattr(desks, "PAGE_SIZE", 2)
    made = [receive(world, when=f"2026-03-03 0{h}:00") for h in (8, 9)] + [
        receive(world, when="2026-03-03 10:00")
    ]
    signed_in(client, world.specialist)
    first, counts = _desk(client, hang="moi-den", **{"thu-tuc": world.birth.code})
    assert counts["moi-den"] == 3 and _codes(first) == [d.code for d in made[:2]]
    pager = first.context["pager"]
    assert (pager["number"], pager["last"]) == (1, 2) and "thu-tuc=9.100001" in pager["next"]
    second, _ = _desk(client, hang="moi-den", trang="2", **{"thu-tuc": world.birth.code})
    assert _codes(second) == [made[2].code] and "Trang 2/2" in second.content.decode()
    beyond, _ = _desk(client, hang="moi-den", trang="9")  # past the end: the last page
    assert beyond.context["pager"]["number"] == 2


@pytest.mark.parametrize("query", ["Minh Anh", "minh anh", "MINH ANH", "minh", "nguyễn minh"])
def test_search_finds_any_part_of_a_name_with_or_without_diacritics(client, world, query):
    found = receive(world, applicant=person(full_name="Nguyễn Minh Anh"))
    other = receive(world, applicant=person(full_name="Trần Văn Bình", id_number="001090099999"))
    rows = signed_in(client, world.officer).get(reverse("workspace:search"), {"q": query}).context["rows"]
    codes = [r["dossier"].code for r in rows]
    assert found.code in codes and other.code not in codes


def test_a_catalog_administrator_s_work_is_the_catalog_review_queue(client, world):
    from tests.dossiers.factories import staff

    admin = staff(RoleCode.CATALOG_ADMIN, world.province, "Lý Thị Danh")
    page = signed_in(client, admin).get(HOME)
    assert page.status_code == 302 and page["Location"] == "/can-bo/danh-muc/"
    assert signed_in(client, admin).get(HOME, follow=True).status_code == 200


def test_a_postal_agent_s_work_is_the_postal_hub(client, world):
    from tests.dossiers.factories import staff

    agent = staff(RoleCode.POSTAL_AGENT, world.province, "Lý Văn Bưu")
    page = signed_in(client, agent).get(HOME)
    assert page.status_code == 302 and page["Location"] == "/buu-chinh/"


def test_the_supervisor_s_province_wide_queues_are_paged_too(client, world, now, monkeypatch):
    monkeypatch.setattr(desks, "PAGE_SIZE", 2)
    late = [receive(world, when=f"2026-02-2{d} 09:00") for d in (3, 4, 5)]  # each due 3 working days on
    signed_in(client, world.supervisor)
    first, counts = _desk(client, hang="qua-han")
    assert first.context["desk"].slug == "giam-sat" and counts["qua-han"] == 3
    assert _codes(first) == [d.code for d in late[:2]]
    second, _ = _desk(client, hang="qua-han", trang="2")
    assert _codes(second) == [late[2].code]
