"""ID numbers in the dossier API: masked unless the caller asks `?reveal=id_number`, which is logged as a
read of that person's ID number (core/readlog.py, ADR 0053)."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter

from motcua.core import readlog
from motcua.core.masking import mask_id

REVEAL = OpenApiParameter(
    "reveal",
    str,
    OpenApiParameter.QUERY,
    required=False,
    enum=["id_number"],
    description=gettext_lazy(
        "id_number: trả số định danh đầy đủ (mỗi lần xem được ghi vào nhật ký xem dữ liệu cá nhân); "
        "mặc định số định danh được che."
    ),
)


def id_number(number: str, dossier, request) -> str:
    """The applicant's ID number as the API shows it: masked, or in full and logged when asked."""
    if not number:
        return number
    if request is not None and request.GET.get("reveal") == "id_number":
        readlog.record(
            request.user, id_number=number, field=readlog.ID_NUMBER, dossier=dossier, request=request
        )
        return number
    return mask_id(number)
