"""Read-only API of the administrative map (public reference data)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.units import selectors
from motcua.units.errors import InvalidUnitQuery

from . import serializers as s

CODE = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description=gettext_lazy("Mã đơn vị: tỉnh 2 chữ số, huyện 3, xã 5 (mã GSO)."),
)
PROBLEM = "application/problem+json"
NOT_FOUND = OpenApiResponse(s.UnitsProblemSerializer, description="units.not_found")
INVALID = OpenApiResponse(s.UnitsProblemSerializer, description="units.invalid_query")


def _params(serializer_class, request: Request) -> dict:
    params = serializer_class(data=request.query_params)
    if not params.is_valid():
        # The search term alone wrong: its own sentence (serializers.SearchQuerySerializer) says what to
        # fix; anything else: the generic title, each field's message in `details`
        only_q = list(params.errors) == ["q"]
        title = str(params.errors["q"][0]) if only_q else _("Tham số tra cứu không hợp lệ.")
        raise InvalidUnitQuery(title, details=params.errors)
    return params.validated_data


class UnitsView(APIView):
    permission_classes = [AllowAny]


class ProvinceListView(UnitsView):
    @extend_schema(
        operation_id="units_provinces_list",
        summary=gettext_lazy("Danh sách tỉnh, thành phố"),
        parameters=[s.AtQuerySerializer],
        responses={200: s.UnitSerializer(many=True), (400, PROBLEM): INVALID},
        tags=["units"],
    )
    def get(self, request):
        params = _params(s.AtQuerySerializer, request)
        return Response(s.UnitSerializer(selectors.list_provinces(at=params.get("at")), many=True).data)


class CommuneListView(UnitsView):
    @extend_schema(
        operation_id="units_province_communes",
        summary=gettext_lazy("Các xã, phường, đặc khu của một tỉnh, thành phố"),
        parameters=[CODE, s.CommunesQuerySerializer],
        responses={200: s.CommunesSerializer, (400, PROBLEM): INVALID, (404, PROBLEM): NOT_FOUND},
        tags=["units"],
    )
    def get(self, request, code):
        params = _params(s.CommunesQuerySerializer, request)
        province, communes = selectors.list_communes(code, at=params.get("at"), kind=params.get("kind"))
        communes = list(communes)
        return Response(
            s.CommunesSerializer({"province": province, "count": len(communes), "communes": communes}).data
        )


class UnitDetailView(UnitsView):
    @extend_schema(
        operation_id="units_retrieve",
        summary=gettext_lazy("Một đơn vị hành chính theo mã, với đơn vị tiền thân và kế thừa"),
        parameters=[CODE, s.AtQuerySerializer],
        responses={200: s.UnitDetailSerializer, (400, PROBLEM): INVALID, (404, PROBLEM): NOT_FOUND},
        tags=["units"],
    )
    def get(self, request, code):
        params = _params(s.AtQuerySerializer, request)
        unit = selectors.get_unit(code, at=params.get("at"))
        before, after = selectors.links(unit)
        data = s.UnitSerializer(unit).data
        data["predecessors"] = s.PredecessionSerializer(before, many=True).data
        data["successors"] = s.SuccessionSerializer(after, many=True).data
        return Response(data)


class SuccessorsView(UnitsView):
    @extend_schema(
        operation_id="units_successors",
        summary=gettext_lazy("Đơn vị đang có hiệu lực kế thừa một mã cũ"),
        description=gettext_lazy(
            "Chuyển mã cũ (ví dụ mã xã trước 1/7/2025 trong dữ liệu cũ) sang các đơn vị có hiệu lực vào ngày `on`. "
            "Không có `at`: dùng bản ghi gần nhất đã hết hiệu lực của mã này."
        ),
        parameters=[CODE, s.SuccessorsQuerySerializer],
        responses={200: s.SuccessorsSerializer, (400, PROBLEM): INVALID, (404, PROBLEM): NOT_FOUND},
        tags=["units"],
    )
    def get(self, request, code):
        params = _params(s.SuccessorsQuerySerializer, request)
        on = params.get("on") or timezone.localdate()
        unit, found = selectors.successors_in_force(code, at=params.get("at"), on=on)
        return Response(s.SuccessorsSerializer({"unit": unit, "on": on, "successors": found}).data)


class SearchView(UnitsView):
    @extend_schema(
        operation_id="units_search",
        summary=gettext_lazy("Tìm đơn vị hành chính theo tên (có dấu hoặc không dấu)"),
        parameters=[s.SearchQuerySerializer],
        responses={200: s.UnitSerializer(many=True), (400, PROBLEM): INVALID},
        tags=["units"],
    )
    def get(self, request):
        params = _params(s.SearchQuerySerializer, request)
        found = selectors.search_units(
            params["q"],
            province=params.get("province"),
            level=params.get("level"),
            at=params.get("at"),
            limit=params["limit"],
        )
        return Response(s.UnitSerializer(found, many=True).data)
