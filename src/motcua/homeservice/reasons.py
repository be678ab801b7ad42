"""Why a person may ask for an officer to come (pure Python, no Django).

Decree 118/2025/NĐ-CP asks the centers to serve people where they are when they cannot travel; the
categories below are the ones provinces use in their home-service programmes. `other` needs a few words
of explanation; the supervisor decides whether the request can be served.
"""

from dataclasses import dataclass
from enum import StrEnum


def _(text: str) -> str:  # marked for translation; translated by the Django layer when shown
    return text


class Reason(StrEnum):
    ELDERLY = "elderly"
    DISABILITY = "disability"
    SERIOUS_ILLNESS = "serious_illness"
    PREGNANCY = "pregnancy"
    MERITORIOUS = "meritorious"
    OTHER = "other"


@dataclass(frozen=True)
class ReasonInfo:
    reason: Reason
    label: str
    description: str
    needs_detail: bool = False


REASONS: tuple[ReasonInfo, ...] = (
    ReasonInfo(
        Reason.ELDERLY, _("Người cao tuổi"), _("Từ 75 tuổi trở lên, hoặc đi lại khó khăn do tuổi cao.")
    ),
    ReasonInfo(
        Reason.DISABILITY, _("Người khuyết tật"), _("Khuyết tật vận động, thị giác hoặc khuyết tật khác.")
    ),
    ReasonInfo(
        Reason.SERIOUS_ILLNESS, _("Người ốm nặng"), _("Đang điều trị, nằm liệt giường, không thể đi lại.")
    ),
    ReasonInfo(
        Reason.PREGNANCY,
        _("Phụ nữ mang thai, nuôi con nhỏ"),
        _("Mang thai hoặc đang nuôi con dưới 36 tháng tuổi."),
    ),
    ReasonInfo(
        Reason.MERITORIOUS,
        _("Người có công với cách mạng"),
        _("Thương binh, bệnh binh, người có công và thân nhân."),
    ),
    ReasonInfo(Reason.OTHER, _("Lý do khác"), _("Hãy ghi rõ hoàn cảnh."), needs_detail=True),
)
BY_CODE = {info.reason.value: info for info in REASONS}
