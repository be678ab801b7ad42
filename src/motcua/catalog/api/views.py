"""Catalog API: public reads, writes for catalog administrators.

Writes need a catalog administrator (staff, or the `catalog_admin` role of `org`); every write goes
through `motcua.catalog.services`, so the admin pages and the API apply the same rules.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog import selectors, services
from motcua.core.errors import InvalidInput

from . import serializers as s
from .permissions import IsCatalogAdministrator

CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description=gettext_lazy("Mã thủ tục, ví dụ 1.001193.")
)
NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description=gettext_lazy("Số phiên bản."))


def _problem(codes: str) -> OpenApiResponse:
    return OpenApiResponse(s.CatalogProblemSerializer, description=codes)


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    if not serializer.is_valid():
        raise InvalidInput(_("Dữ liệu không hợp lệ."), details=serializer.errors)
    return serializer.validated_data


class ReadView(APIView):
    permission_classes = [AllowAny]


class WriteView(APIView):
    permission_classes = [IsCatalogAdministrator]


class FieldListView(ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.FieldSerializer
    pagination_class = None

    @extend_schema(
        operation_id="catalog_fields_list", summary=gettext_lazy("Danh sách lĩnh vực"), tags=["catalog"]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.fields_list()


class ProcedureListView(ListAPIView):
    serializer_class = s.ProcedureListItemSerializer

    @extend_schema(
        operation_id="catalog_procedures_list",
        summary=gettext_lazy("Danh sách thủ tục đang có hiệu lực"),
        parameters=[s.ProcedureListQuerySerializer],
        responses={200: s.ProcedureListItemSerializer(many=True), 400: _problem("invalid_input")},
        tags=["catalog"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = _valid(s.ProcedureListQuerySerializer, self.request.query_params)
        return selectors.procedure_list(**params)

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsCatalogAdministrator()]

    @extend_schema(
        operation_id="catalog_procedures_create",
        summary=gettext_lazy("Tạo mã thủ tục mới (chưa có phiên bản)"),
        request=s.ProcedureCreateSerializer,
        responses={
            201: s.ProcedureDetailSerializer,
            400: _problem("invalid_input"),
            403: _problem("auth.forbidden"),
        },
        tags=["catalog"],
    )
    def post(self, request):
        data = _valid(s.ProcedureCreateSerializer, request.data)
        procedure = services.create_procedure(code=data["code"], actor=request.user)
        body = {
            "code": procedure.code,
            "current_version": None,
            "versions": list(selectors.versions_of(procedure)),
        }
        return Response(s.ProcedureDetailSerializer(body).data, status=status.HTTP_201_CREATED)


class ProcedureDetailView(ReadView):
    @extend_schema(
        operation_id="catalog_procedures_retrieve",
        summary=gettext_lazy(
            "Một thủ tục: phiên bản đang có hiệu lực (hồ sơ theo trường hợp, thời hạn, phí, kênh nộp)"
        ),
        parameters=[CODE],
        responses={200: s.ProcedureDetailSerializer, 404: _problem("catalog.procedure_not_found")},
        tags=["catalog"],
    )
    def get(self, request, code):
        procedure = selectors.get_procedure(code)
        body = {
            "code": procedure.code,
            "current_version": selectors.current_version(procedure),
            "versions": list(selectors.versions_of(procedure)),
        }
        return Response(s.ProcedureDetailSerializer(body).data)


class VersionListView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsCatalogAdministrator()]

    @extend_schema(
        operation_id="catalog_versions_list",
        summary=gettext_lazy("Các phiên bản của một thủ tục"),
        parameters=[CODE],
        responses={200: s.VersionSummarySerializer(many=True), 404: _problem("catalog.procedure_not_found")},
        tags=["catalog"],
    )
    def get(self, request, code):
        procedure = selectors.get_procedure(code)
        return Response(s.VersionSummarySerializer(selectors.versions_of(procedure), many=True).data)

    @extend_schema(
        operation_id="catalog_versions_create_draft",
        summary=gettext_lazy("Tạo bản nháp (trống hoặc sao chép từ một phiên bản)"),
        parameters=[CODE],
        request=s.DraftInputSerializer,
        responses={
            201: s.VersionDetailSerializer,
            400: _problem("invalid_input, catalog.name_required"),
            403: _problem("auth.forbidden"),
            404: _problem("catalog.procedure_not_found, catalog.version_not_found"),
            409: _problem("catalog.draft_exists"),
        },
        tags=["catalog"],
    )
    def post(self, request, code):
        procedure = selectors.get_procedure(code)
        data = dict(_valid(s.DraftInputSerializer, request.data))
        source = data.pop("from_version", None)
        from_version = selectors.get_version(code, source) if source else None
        version = services.create_draft(
            procedure=procedure, actor=request.user, from_version=from_version, data=data
        )
        return Response(
            s.VersionDetailSerializer(selectors.get_version(code, version.number)).data,
            status=status.HTTP_201_CREATED,
        )


class VersionDetailView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsCatalogAdministrator()]

    @extend_schema(
        operation_id="catalog_versions_retrieve",
        summary=gettext_lazy("Một phiên bản của thủ tục"),
        parameters=[CODE, NUMBER],
        responses={
            200: s.VersionDetailSerializer,
            404: _problem("catalog.procedure_not_found, catalog.version_not_found"),
        },
        tags=["catalog"],
    )
    def get(self, request, code, number):
        return Response(s.VersionDetailSerializer(selectors.get_version(code, number)).data)

    @extend_schema(
        operation_id="catalog_versions_update_draft",
        summary=gettext_lazy("Sửa bản nháp"),
        parameters=[CODE, NUMBER],
        request=s.DraftInputSerializer,
        responses={
            200: s.VersionDetailSerializer,
            400: _problem("invalid_input"),
            403: _problem("auth.forbidden"),
            404: _problem("catalog.version_not_found"),
            409: _problem("catalog.version_immutable"),
        },
        tags=["catalog"],
    )
    def patch(self, request, code, number):
        version = selectors.get_version(code, number)
        data = dict(_valid(s.DraftInputSerializer, request.data, partial=True))
        data.pop("from_version", None)
        services.update_draft(version=version, actor=request.user, data=data)
        return Response(s.VersionDetailSerializer(selectors.get_version(code, number)).data)

    @extend_schema(
        operation_id="catalog_versions_delete_draft",
        summary=gettext_lazy("Xoá bản nháp"),
        parameters=[CODE, NUMBER],
        responses={204: None, 403: _problem("auth.forbidden"), 409: _problem("catalog.version_immutable")},
        tags=["catalog"],
    )
    def delete(self, request, code, number):
        services.delete_draft(version=selectors.get_version(code, number), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PublishView(WriteView):
    @extend_schema(
        operation_id="catalog_versions_publish",
        summary=gettext_lazy("Công bố bản nháp với thời gian hiệu lực"),
        parameters=[CODE, NUMBER],
        request=s.PublishInputSerializer,
        responses={
            200: s.VersionDetailSerializer,
            400: _problem("invalid_input, catalog.invalid_window"),
            403: _problem("auth.forbidden"),
            404: _problem("catalog.version_not_found"),
            409: _problem("catalog.version_overlap, catalog.version_immutable"),
        },
        tags=["catalog"],
    )
    def post(self, request, code, number):
        version = selectors.get_version(code, number)
        services.publish(
            version=version, actor=request.user, **_valid(s.PublishInputSerializer, request.data)
        )
        return Response(s.VersionDetailSerializer(selectors.get_version(code, number)).data)


class RetireView(WriteView):
    @extend_schema(
        operation_id="catalog_versions_retire",
        summary=gettext_lazy("Bãi bỏ phiên bản đã công bố"),
        parameters=[CODE, NUMBER],
        request=s.RetireInputSerializer,
        responses={
            200: s.VersionDetailSerializer,
            400: _problem("invalid_input, catalog.invalid_window"),
            403: _problem("auth.forbidden"),
            409: _problem("catalog.invalid_transition"),
        },
        tags=["catalog"],
    )
    def post(self, request, code, number):
        version = selectors.get_version(code, number)
        services.retire(version=version, actor=request.user, **_valid(s.RetireInputSerializer, request.data))
        return Response(s.VersionDetailSerializer(selectors.get_version(code, number)).data)
