from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.schema import NOT_BLANK

from ..errors import InvalidSearchParameter, query_too_long
from ..facts import facts_for
from ..selectors import LEVELS, MAX_LIMIT, Mode, search_procedures
from ..text import MAX_QUERY_LENGTH
from .serializers import ProcedureSearchResponseSerializer, SearchProblemSerializer

DEFAULT_LIMIT = 10


class ProcedureSearchView(APIView):
    """Public: citizens look procedures up before they sign in (no authentication, no CSRF)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="procedures_search",
        summary=gettext_lazy("Tra cứu thủ tục hành chính"),
        description=gettext_lazy(
            'Tìm thủ tục đang có hiệu lực theo câu hỏi thông thường ("làm sổ đỏ") hoặc từ khóa, '
            "không phân biệt dấu. Chế độ hybrid kết hợp tìm theo từ và theo nghĩa."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": NOT_BLANK},  # length as sent
                required=True,
                description=gettext_lazy("Nội dung tra cứu (tối đa %(max)d ký tự).")
                % {"max": MAX_QUERY_LENGTH},
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                description=gettext_lazy("Số kết quả, từ 1 đến %(max)d (mặc định %(default)d).")
                % {"max": MAX_LIMIT, "default": DEFAULT_LIMIT},
            ),
            OpenApiParameter(
                "province",
                OpenApiTypes.STR,
                description=gettext_lazy("Mã tỉnh (GSO), ví dụ 01: chỉ các thủ tục tỉnh đã áp dụng."),
            ),
            OpenApiParameter(
                "level",
                OpenApiTypes.STR,
                enum=list(LEVELS),
                description=gettext_lazy(
                    "Nơi tra cứu: commune (điểm tiếp nhận cấp xã) hoặc province (Trung tâm cấp tỉnh); "
                    "thủ tục của cấp đó được ưu tiên."
                ),
            ),
            OpenApiParameter(
                "mode",
                OpenApiTypes.STR,
                enum=[mode.value for mode in Mode],
                description=gettext_lazy("hybrid (mặc định), lexical hoặc semantic."),
            ),
        ],
        responses={200: ProcedureSearchResponseSerializer, 400: SearchProblemSerializer},
        tags=["search"],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        if len(params.get("q", "")) > MAX_QUERY_LENGTH:  # as declared: the text as sent, not as read
            raise query_too_long(MAX_QUERY_LENGTH)
        mode = params.get("mode") or Mode.HYBRID.value
        province = params.get("province") or None
        hits = search_procedures(
            params.get("q", ""),
            limit=_limit(params.get("limit")),
            province=province,
            mode=mode,
            level=params.get("level") or None,
        )
        facts = facts_for([hit.version_id for hit in hits], province)
        body = {
            "query": " ".join(params.get("q", "").split()),
            "mode": mode,
            "count": len(hits),
            "results": [{**vars(hit), **vars(facts[hit.version_id])} for hit in hits],
        }
        return Response(ProcedureSearchResponseSerializer(body).data)


def _limit(raw: str | None) -> int:
    if raw in (None, ""):
        return DEFAULT_LIMIT
    try:
        return int(raw)
    except ValueError:
        raise InvalidSearchParameter(
            _("Số kết quả phải từ 1 đến %(max)d.") % {"max": MAX_LIMIT}, details={"max_limit": MAX_LIMIT}
        ) from None
