"""The coverage rule on plain values: what each kind of scope reaches."""

from hypothesis import given
from hypothesis import strategies as st

from motcua.org import scopes
from motcua.org.roles import ROLE_DEFINITIONS, RoleCode, ScopeKind
from motcua.org.scopes import AgencyTarget, CommuneTarget, PlaceTarget, Scope, any_covers, covers

HANOI, HAIPHONG = 1, 2
BA_DINH, NGOC_HA = 10, 11
CENTER, BRANCH, POINT, OTHER_POINT = 100, 101, 102, 103

point_ba_dinh = PlaceTarget(POINT, HANOI, BA_DINH, frozenset({POINT, BRANCH, CENTER}))
point_ngoc_ha = PlaceTarget(OTHER_POINT, HANOI, NGOC_HA, frozenset({OTHER_POINT, CENTER}))
committee_ba_dinh = AgencyTarget(500, HANOI, BA_DINH)
justice_department = AgencyTarget(501, HANOI, None)


def scope(kind, **ids):
    return Scope(role=RoleCode.RECEPTION_OFFICER, kind=kind, **ids)


def test_a_place_scope_reaches_the_place_and_what_is_under_it():
    at_point = scope(ScopeKind.PLACE, province_id=HANOI, place_id=POINT)
    at_branch = scope(ScopeKind.PLACE, province_id=HANOI, place_id=BRANCH)
    assert covers(at_point, point_ba_dinh)
    assert not covers(at_point, point_ngoc_ha)
    assert covers(at_branch, point_ba_dinh)
    assert not covers(at_branch, point_ngoc_ha)  # under the center, not under this branch
    assert not covers(at_point, committee_ba_dinh)  # a place scope is not an agency scope


def test_a_commune_scope_reaches_the_commune_its_places_and_its_agencies():
    ba_dinh = scope(ScopeKind.COMMUNE, province_id=HANOI, commune_id=BA_DINH)
    assert covers(ba_dinh, point_ba_dinh)
    assert covers(ba_dinh, committee_ba_dinh)
    assert covers(ba_dinh, CommuneTarget(BA_DINH, HANOI))
    assert not covers(ba_dinh, CommuneTarget(NGOC_HA, HANOI))
    assert not covers(ba_dinh, point_ngoc_ha)
    assert not covers(ba_dinh, justice_department)  # a provincial agency has no commune


def test_an_agency_scope_reaches_only_that_agency():
    justice = scope(ScopeKind.AGENCY, province_id=HANOI, agency_id=501)
    assert covers(justice, justice_department)
    assert not covers(justice, committee_ba_dinh)
    assert not covers(justice, point_ba_dinh)


def test_a_province_scope_reaches_everything_of_the_province_and_nothing_else():
    hanoi = scope(ScopeKind.PROVINCE, province_id=HANOI)
    for target in (point_ba_dinh, point_ngoc_ha, committee_ba_dinh, justice_department):
        assert covers(hanoi, target)
    assert not covers(hanoi, AgencyTarget(900, HAIPHONG, None))


@given(st.integers(), st.integers(), st.one_of(st.none(), st.integers()))
def test_the_system_scope_reaches_everything(target_id, province_id, commune_id):
    everything = scope(ScopeKind.SYSTEM)
    assert covers(everything, AgencyTarget(target_id, province_id, commune_id))
    assert covers(everything, PlaceTarget(target_id, province_id, commune_id, frozenset({target_id})))


def test_the_role_must_match():
    officer = scope(ScopeKind.PROVINCE, province_id=HANOI)
    assert any_covers([officer], RoleCode.RECEPTION_OFFICER, point_ba_dinh)
    assert not any_covers([officer], RoleCode.SUPERVISOR, point_ba_dinh)
    assert not any_covers([], RoleCode.RECEPTION_OFFICER, point_ba_dinh)


def test_every_role_is_defined_once_with_scopes():
    codes = [d.code for d in ROLE_DEFINITIONS]
    assert sorted(codes) == sorted(RoleCode)
    assert all(d.allowed_scopes for d in ROLE_DEFINITIONS)
    system = [d.code for d in ROLE_DEFINITIONS if ScopeKind.SYSTEM in d.allowed_scopes]
    assert system == [RoleCode.SYSTEM_ADMIN]


def test_module_is_pure():
    source = open(scopes.__file__, encoding="utf-8").read()
    assert "django" not in source
