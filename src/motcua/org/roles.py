"""Staff roles and the kinds of scope each may be given (pure Python, no Django).

Roles are rows in the database (`org.Role`), created from this list by a data migration and by the demo;
an operator may rename or describe them, but the codes are the contract the dossier engine relies on.
"""

from dataclasses import dataclass
from enum import StrEnum


class RoleCode(StrEnum):
    RECEPTION_OFFICER = "reception_officer"
    SPECIALIST = "specialist"
    LEADER = "leader"
    SUPERVISOR = "supervisor"
    CATALOG_ADMIN = "catalog_admin"
    SYSTEM_ADMIN = "system_admin"
    POSTAL_AGENT = "postal_agent"


# The roles whose work reads applicants' dossiers (names, ID numbers, phones, addresses): the counter, the
# agency's specialists and leaders, and those who watch a province's deadlines. A catalog administrator
# and a postal agent are not among them: the first publishes procedures, the second sees only the
# shipments handed to it (postal.selectors). ADR 0051 is the whole table.
DOSSIER_READERS = frozenset(
    {
        RoleCode.RECEPTION_OFFICER,
        RoleCode.SPECIALIST,
        RoleCode.LEADER,
        RoleCode.SUPERVISOR,
        RoleCode.SYSTEM_ADMIN,
    }
)


class ScopeKind(StrEnum):
    """Where an assignment lets its holder act."""

    PLACE = "place"  # a reception place and the places under it, within the same center
    AGENCY = "agency"  # one competent agency
    COMMUNE = "commune"  # every place and agency of one commune
    PROVINCE = "province"  # everything of one province
    SYSTEM = "system"  # everything (system administrators)


@dataclass(frozen=True)
class RoleDefinition:
    code: RoleCode
    name: str
    description: str
    allowed_scopes: tuple[ScopeKind, ...]


ROLE_DEFINITIONS: tuple[RoleDefinition, ...] = (
    RoleDefinition(
        RoleCode.RECEPTION_OFFICER,
        "Cán bộ tiếp nhận",
        "Kiểm tra, tiếp nhận hoặc từ chối hồ sơ tại quầy, số hoá, trả kết quả, thu phí.",
        (ScopeKind.PLACE, ScopeKind.COMMUNE),
    ),
    RoleDefinition(
        RoleCode.SPECIALIST,
        "Chuyên viên",
        "Thẩm định hồ sơ của cơ quan có thẩm quyền, yêu cầu bổ sung, đề xuất kết quả.",
        (ScopeKind.AGENCY,),
    ),
    RoleDefinition(
        RoleCode.LEADER,
        "Lãnh đạo",
        "Phê duyệt hoặc từ chối, ký kết quả giải quyết.",
        (ScopeKind.AGENCY, ScopeKind.PLACE),
    ),
    RoleDefinition(
        RoleCode.SUPERVISOR,
        "Giám sát",
        "Theo dõi bảng điều hành, chỉ số, hồ sơ quá hạn, cảnh báo cò hồ sơ, khối lượng công việc.",
        (ScopeKind.PROVINCE, ScopeKind.PLACE),
    ),
    RoleDefinition(
        RoleCode.CATALOG_ADMIN,
        "Quản trị danh mục",
        "Công bố thủ tục và phiên bản, cấu hình quy trình, phí, lệ phí, ngày nghỉ.",
        (ScopeKind.PROVINCE,),
    ),
    RoleDefinition(
        RoleCode.SYSTEM_ADMIN,
        "Quản trị hệ thống",
        "Quản lý đơn vị, cơ quan, chi nhánh, quầy, người dùng, vai trò và kết nối.",
        (ScopeKind.PROVINCE, ScopeKind.SYSTEM),
    ),
    RoleDefinition(
        RoleCode.POSTAL_AGENT,
        "Nhân viên bưu chính",
        "Thu gom hồ sơ tại nhà người dân, nhận và phát kết quả qua bưu chính, ký biên bản bàn giao.",
        (ScopeKind.PLACE, ScopeKind.COMMUNE, ScopeKind.PROVINCE),
    ),
)
