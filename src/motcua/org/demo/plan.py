"""What the demo creates, as plain values: no database access here (see load.py for the writes).

Hà Nội (01) runs the one-level model: one city center with 12 regional branches, 30 service points and a
commune point in each of its communes. Hải Phòng (31) runs the two-tier model: a city center plus a
center in each commune. Both get their departments, police, tax, social insurance, and a People's
Committee and a police station per commune, and staff with deterministic Vietnamese names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from motcua.core.text import fold
from motcua.org import agency_codes
from motcua.org.models.agencies import COMMUNE_KINDS, AgencyKind
from motcua.org.models.places import CenterModel, PlaceKind
from motcua.org.roles import RoleCode, ScopeKind

from .names import Usernames, person_name

DEMO_PASSWORD = "motcua-demo"  # noqa: S105 - documented demo password, see README and the command output
ASSIGNED_FROM = "2025-07-01"  # the two-level local government starts
# The documented demo accounts' log-ins begin so (the generated staff's begin with a family name): the
# simulated history steers part of its dossiers to them so that each has work in every queue.
ACCOUNT_PREFIXES = ("tiepnhan.", "tructuyen.", "chuyenvien.", "lanhdao.", "giamsat.")

# Level-1 codes (Decision 20/2020/QĐ-TTg). H26 for Hà Nội is attested in published dossier codes; the
# code used for Hải Phòng is a placeholder for the demo, to be replaced by the province's own.
LEVEL1 = {"01": "H26", "31": "H28"}
BRANCHES = 12
SERVICE_POINTS = 30

STREETS = (
    "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt",
    "Lê Duẩn", "Nguyễn Văn Cừ", "Phạm Văn Đồng", "Võ Nguyên Giáp", "Hoàng Quốc Việt", "Trường Chinh",
    "Giải Phóng", "Tôn Đức Thắng", "Nguyễn Huệ", "Điện Biên Phủ", "Lạch Tray", "Lê Thánh Tông",
)  # fmt: skip
COUNTER_NAMES = (
    "Hộ tịch – Chứng thực",
    "Đất đai – Xây dựng",
    "Kinh doanh – Đầu tư",
    "Lao động – Xã hội",
    "Cư trú – Căn cước",
    "Tư pháp – Lý lịch",
    "Y tế – Giáo dục",
    "Giao thông – Vận tải",
    "Tài nguyên – Môi trường",
)
DEPARTMENTS = (
    ("Sở Tư pháp", "STP"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Tài chính", "STC"),
    ("Sở Công Thương", "SCT"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG"),
)
HANOI_ONLY_DEPARTMENTS = (
    ("Sở Văn hóa và Thể thao", "SVHTT"),
    ("Sở Du lịch", "SDL"),
    ("Sở Quy hoạch - Kiến trúc", "SQHKT"),
)
OTHER_DEPARTMENTS = (("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),)


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    full_name: str

    @property
    def slug(self) -> str:
        return fold(self.name).replace(" ", "")

    @property
    def in_text(self) -> str:
        """ "Phường Ba Đình" -> "phường Ba Đình", to follow another noun."""
        return self.full_name[:1].lower() + self.full_name[1:]


@dataclass(frozen=True)
class CounterSpec:
    number: int
    name: str
    is_priority: bool = False


@dataclass(frozen=True)
class PlaceSpec:
    code: str
    kind: str
    name: str
    parent_code: str | None
    province_code: str
    commune_code: str | None
    address: str
    center_model: str = ""
    counters: tuple[CounterSpec, ...] = ()
    online_desk_code: str = ""  # a center: the place whose officers accept its online dossiers


@dataclass(frozen=True)
class AgencySpec:
    code: str
    kind: str
    name: str
    short_name: str
    province_code: str
    commune_code: str | None = None


@dataclass(frozen=True)
class ScopeRef:
    kind: ScopeKind
    key: str | None  # place code, agency code, commune code, province code; None for the whole system


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    email: str
    role: RoleCode
    scope: ScopeRef
    account: str = ""  # non-empty: a documented demo account, what it is for
    is_superuser: bool = False


@dataclass
class Plan:
    places: list[PlaceSpec] = field(default_factory=list)
    agencies: list[AgencySpec] = field(default_factory=list)
    staff: list[StaffSpec] = field(default_factory=list)

    @property
    def accounts(self) -> list[StaffSpec]:
        return [s for s in self.staff if s.account]


class _Builder:
    def __init__(self, plan: Plan, province: Unit, communes: list[Unit], usernames: Usernames):
        self.plan, self.province, self.communes, self.usernames = plan, province, communes, usernames
        self.rng = random.Random(f"motcua-org-demo-{province.code}")
        self.level1 = agency_codes.AgencyCode(LEVEL1.get(province.code, "H99"))
        self.unit_number = 0
        self.domain = f"{province.slug}.motcua.test"

    def address(self, commune: Unit) -> str:
        street = self.rng.choice(STREETS)
        return f"Số {self.rng.randint(1, 300)} đường {street}, {commune.in_text}, {self.province.in_text}"

    def counters(self, count: int, priority: bool = False) -> tuple[CounterSpec, ...]:
        start = self.rng.randrange(len(COUNTER_NAMES))
        specs = [
            CounterSpec(n, f"Quầy {n}: {COUNTER_NAMES[(start + n) % len(COUNTER_NAMES)]}")
            for n in range(1, count + 1)
        ]
        if priority:
            specs[-1] = CounterSpec(count, f"Quầy {count}: ưu tiên", is_priority=True)
        return tuple(specs)

    def place(self, **kwargs) -> PlaceSpec:
        spec = PlaceSpec(province_code=self.province.code, **kwargs)
        self.plan.places.append(spec)
        return spec

    def agency(self, kind: str, name: str, short_name: str, commune: Unit | None = None) -> AgencySpec:
        if kind == AgencyKind.PROVINCIAL_COMMITTEE:
            code = str(self.level1)
        else:
            self.unit_number += 1
            code = str(self.level1.child(agency_codes.segment(self.unit_number)))
        spec = AgencySpec(code, kind, name, short_name, self.province.code, commune.code if commune else None)
        self.plan.agencies.append(spec)
        return spec

    def staff(self, role: RoleCode, scope: ScopeRef, count: int = 1) -> None:
        for _ in range(count):
            name = person_name(self.rng)
            self._add(self.usernames.claim(name.username_base), name.full, role, scope)

    def account(self, username: str, role: RoleCode, scope: ScopeRef, purpose: str, **extra) -> None:
        name = person_name(self.rng)
        self._add(self.usernames.claim(username), name.full, role, scope, account=purpose, **extra)

    def _add(self, username: str, full_name: str, role: RoleCode, scope: ScopeRef, **extra) -> None:
        email = f"{username}@{self.domain}"
        self.plan.staff.append(StaffSpec(username, full_name, email, role, scope, **extra))

    def online_desk(self, center: PlaceSpec) -> PlaceSpec:
        """The center's online desk (a point directly under it, no counters), staffed, with a documented
        account: the provincial online dossiers are accepted and returned there (routing.online_place)."""
        desk = self.place(
            code=f"{center.code}TT",
            kind=PlaceKind.SERVICE_POINT,
            name=f"Bộ phận tiếp nhận hồ sơ trực tuyến – {center.name}",
            parent_code=center.code,
            commune_code=None,
            address=center.address,
        )
        scope = ScopeRef(ScopeKind.PLACE, desk.code)
        self.account(f"tructuyen.{self.province.slug}", RoleCode.RECEPTION_OFFICER, scope,
                     f"Tiếp nhận hồ sơ trực tuyến cấp tỉnh của {self.province.in_text}")  # fmt: skip
        self.staff(RoleCode.RECEPTION_OFFICER, scope, 2)
        return desk

    def agencies(self, departments) -> tuple[AgencySpec, AgencySpec, dict[str, AgencySpec]]:
        province = self.province
        committee = self.agency(
            AgencyKind.PROVINCIAL_COMMITTEE, f"Ủy ban nhân dân {province.in_text}", "UBND"
        )
        first = None
        for name, short in departments:
            spec = self.agency(AgencyKind.DEPARTMENT, f"{name} {province.in_text}", short)
            first = first or spec
        self.agency(AgencyKind.PROVINCIAL_POLICE, f"Công an {province.in_text}", "CA")
        self.agency(AgencyKind.TAX, f"Thuế {province.in_text}", "THUE")
        self.agency(AgencyKind.SOCIAL_INSURANCE, f"Bảo hiểm xã hội {province.in_text}", "BHXH")
        by_commune = {
            c.code: self.agency(AgencyKind.COMMUNE_COMMITTEE, f"Ủy ban nhân dân {c.in_text}", "UBND", c)
            for c in self.communes
        }
        for c in self.communes:  # commune-level police procedures (residence registration) go here
            self.agency(AgencyKind.COMMUNE_POLICE, f"Công an {c.in_text}", "CA", c)
        for spec in self.plan.agencies:
            if spec.province_code != province.code:
                continue
            scope = ScopeRef(ScopeKind.AGENCY, spec.code)
            specialists = 1 if spec.kind in COMMUNE_KINDS else 3
            self.staff(RoleCode.SPECIALIST, scope, specialists)
            self.staff(RoleCode.LEADER, scope)
        return committee, first, by_commune

    def province_staff(self) -> None:
        whole = ScopeRef(ScopeKind.PROVINCE, self.province.code)
        slug = self.province.slug
        self.account(f"giamsat.{slug}", RoleCode.SUPERVISOR, whole, f"Giám sát toàn {self.province.in_text}")
        self.account(
            f"danhmuc.{slug}", RoleCode.CATALOG_ADMIN, whole, f"Quản trị danh mục {self.province.in_text}"
        )
        self.staff(RoleCode.SUPERVISOR, whole)


def _chunks(items: list, parts: int) -> list[list]:
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def plan_one_level(plan: Plan, province: Unit, communes: list[Unit], usernames: Usernames) -> None:
    """Hà Nội's model: center → 12 branches → service points and a commune point per commune."""
    b = _Builder(plan, province, communes, usernames)
    p = province.code
    home = communes[0]
    center = b.place(
        code=f"{p}.TT",
        kind=PlaceKind.CENTER,
        name=f"Trung tâm Phục vụ hành chính công {province.in_text}",
        parent_code=None,
        commune_code=home.code,
        address=b.address(home),
        center_model=CenterModel.ONE_LEVEL,
        counters=b.counters(8, priority=True),
        online_desk_code=f"{p}.TTTT",
    )
    b.staff(RoleCode.RECEPTION_OFFICER, ScopeRef(ScopeKind.PLACE, center.code), 4)
    b.staff(RoleCode.LEADER, ScopeRef(ScopeKind.PLACE, center.code))
    b.staff(RoleCode.SUPERVISOR, ScopeRef(ScopeKind.PLACE, center.code))
    points_per_branch = _chunks(list(range(SERVICE_POINTS)), BRANCHES)
    point_number = 0
    for k, area in enumerate(_chunks(communes, BRANCHES), start=1):
        branch = b.place(
            code=f"{p}.CN{k:02}",
            kind=PlaceKind.BRANCH,
            name=f"Chi nhánh số {k} – khu vực {area[0].name}",
            parent_code=center.code,
            commune_code=area[0].code,
            address=b.address(area[0]),
            counters=b.counters(6, priority=True),
        )
        b.staff(RoleCode.RECEPTION_OFFICER, ScopeRef(ScopeKind.PLACE, branch.code), 3)
        b.staff(RoleCode.LEADER, ScopeRef(ScopeKind.PLACE, branch.code))
        if k == 1:
            b.account("tiepnhan.chinhanh1", RoleCode.RECEPTION_OFFICER, ScopeRef(ScopeKind.PLACE, branch.code),
                      f"Tiếp nhận tại {branch.name} và các điểm thuộc chi nhánh")  # fmt: skip
        for i, _slot in enumerate(points_per_branch[k - 1]):
            point_number += 1
            where = area[(1 + i * 3) % len(area)]
            point = b.place(
                code=f"{p}.DP{point_number:02}",
                kind=PlaceKind.SERVICE_POINT,
                name=f"Điểm phục vụ số {point_number} – {where.name}",
                parent_code=branch.code,
                commune_code=where.code,
                address=b.address(where),
                counters=b.counters(4),
            )
            b.staff(RoleCode.RECEPTION_OFFICER, ScopeRef(ScopeKind.PLACE, point.code), 2)
        for commune in area:
            index = communes.index(commune)
            point = b.place(
                code=f"{p}.X{commune.code}",
                kind=PlaceKind.COMMUNE_POINT,
                name=f"Điểm tiếp nhận {commune.in_text}",
                parent_code=branch.code,
                commune_code=commune.code,
                address=b.address(commune),
                counters=b.counters(2 + index % 2),
            )
            scope = ScopeRef(ScopeKind.PLACE, point.code)
            if commune is home:
                b.account(f"tiepnhan.{commune.slug}", RoleCode.RECEPTION_OFFICER, scope,
                          f"Tiếp nhận tại {point.name}")  # fmt: skip
            b.staff(RoleCode.RECEPTION_OFFICER, scope, 1 + index % 2)
    _, first_department, by_commune = b.agencies(DEPARTMENTS + HANOI_ONLY_DEPARTMENTS)
    for role, prefix in ((RoleCode.SPECIALIST, "chuyenvien"), (RoleCode.LEADER, "lanhdao")):
        scope = ScopeRef(ScopeKind.AGENCY, first_department.code)
        b.account(f"{prefix}.tuphap", role, scope, f"{role_label(role)} {first_department.name}")
        scope = ScopeRef(ScopeKind.AGENCY, by_commune[home.code].code)
        b.account(f"{prefix}.{home.slug}", role, scope, f"{role_label(role)} {by_commune[home.code].name}")
    b.province_staff()
    b.online_desk(center)  # last: the names drawn before it stay those of earlier demos


def plan_two_tier(plan: Plan, province: Unit, communes: list[Unit], usernames: Usernames) -> None:
    """The other provinces' model: a provincial center plus a center in every commune."""
    b = _Builder(plan, province, communes, usernames)
    p = province.code
    center = b.place(
        code=f"{p}.TT",
        kind=PlaceKind.CENTER,
        name=f"Trung tâm Phục vụ hành chính công {province.in_text}",
        parent_code=None,
        commune_code=communes[0].code,
        address=b.address(communes[0]),
        center_model=CenterModel.TWO_TIER,
        counters=b.counters(10, priority=True),
        online_desk_code=f"{p}.TTTT",
    )
    b.staff(RoleCode.RECEPTION_OFFICER, ScopeRef(ScopeKind.PLACE, center.code), 4)
    b.staff(RoleCode.LEADER, ScopeRef(ScopeKind.PLACE, center.code))
    b.staff(RoleCode.SUPERVISOR, ScopeRef(ScopeKind.PLACE, center.code))
    for index, commune in enumerate(communes):
        local = b.place(
            code=f"{p}.TTX{commune.code}",
            kind=PlaceKind.CENTER,
            name=f"Trung tâm Phục vụ hành chính công {commune.in_text}",
            parent_code=center.code,
            commune_code=commune.code,
            address=b.address(commune),
            center_model=CenterModel.TWO_TIER,
            counters=b.counters(2 + index % 3),
        )
        scope = ScopeRef(ScopeKind.PLACE, local.code)
        if index == 0:
            b.account(
                f"tiepnhan.{commune.slug}", RoleCode.RECEPTION_OFFICER, scope, f"Tiếp nhận tại {local.name}"
            )
        b.staff(RoleCode.RECEPTION_OFFICER, scope, 2)
    b.agencies(DEPARTMENTS + OTHER_DEPARTMENTS)
    b.province_staff()
    b.online_desk(center)  # last: the names drawn before it stay those of earlier demos


def role_label(role: RoleCode) -> str:
    return {RoleCode.SPECIALIST: "Chuyên viên", RoleCode.LEADER: "Lãnh đạo"}.get(role, str(role))


PLANNERS = {"01": plan_one_level, "31": plan_two_tier}


def build_plan(units: dict[str, tuple[Unit, list[Unit]]]) -> Plan:
    """`units`: province code → (province, its current communes in code order)."""
    plan = Plan()
    usernames = Usernames()
    plan.staff.append(
        StaffSpec(
            usernames.claim("admin"),
            "Quản trị hệ thống",
            "admin@motcua.test",
            RoleCode.SYSTEM_ADMIN,
            ScopeRef(ScopeKind.SYSTEM, None),
            account="Quản trị hệ thống (toàn quyền trang quản trị)",
            is_superuser=True,
        )
    )
    for code, planner in PLANNERS.items():
        province, communes = units[code]
        planner(plan, province, communes, usernames)
    return plan
