"""The dossier's documents over HTTP: list, upload (through documents.services), download verified.

An edge of the documents app over the dossier API's views (staff session, the dossier's access rule):
its URLs are mounted in the dossier API's namespace by motcua/urls.py, so the dossier engine below never
imports the documents app (ADR 0047).
"""

from django.http import HttpResponse
from django.urls import re_path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from motcua.catalog.models import RequiredDocument
from motcua.core import readlog
from motcua.core.errors import NotFound
from motcua.dossiers import access, selectors
from motcua.dossiers.api import presenters
from motcua.dossiers.api import serializers as s
from motcua.dossiers.api.urls import CODE as CODE_PATTERN
from motcua.dossiers.api.views import AUTH, CODE, NOT_FOUND, TAGS, StaffView, problem, valid
from motcua.dossiers.errors import ActionForbidden
from motcua.dossiers.lifecycle import LEADER, OFFICER, SPECIALIST

from . import selectors as documents
from . import services as document_services
from .errors import DocumentNotFound

DOCUMENT = OpenApiParameter("document", int, OpenApiParameter.PATH, description=gettext_lazy("Mã giấy tờ."))
STAFF_ROLES = {OFFICER, SPECIALIST, LEADER}


def _may_handle_documents(user, dossier) -> None:
    if not access.roles_for(user, dossier) & STAFF_ROLES:
        raise ActionForbidden("upload_document")


class DocumentListView(StaffView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="dossiers_documents_list",
        summary=gettext_lazy("Giấy tờ của hồ sơ"),
        parameters=[CODE],
        responses={200: s.DossierDocumentSerializer(many=True), **AUTH, **NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request, code):
        dossier = selectors.get_dossier(code, user=request.user)
        links = documents.dossier_documents(dossier)
        return Response(
            s.DossierDocumentSerializer([presenters.document(link) for link in links], many=True).data
        )

    @extend_schema(
        operation_id="dossiers_documents_upload",
        summary=gettext_lazy("Tải lên giấy tờ (bản số hóa hoặc tệp nộp trực tuyến)"),
        parameters=[CODE],
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={
            201: s.DossierDocumentSerializer,
            400: problem(
                "invalid_input, documents.empty, documents.too_large, documents.type_not_allowed, "
                "documents.extension_mismatch, documents.invalid_owner"
            ),
            **AUTH,
            **NOT_FOUND,
        },
        tags=TAGS,
    )
    def post(self, request, code):
        dossier = selectors.get_dossier(code, user=request.user)
        _may_handle_documents(request.user, dossier)
        data = valid(s.DocumentUploadSerializer, request.data)
        required = None
        if data.get("required_document"):
            required = RequiredDocument.objects.filter(
                pk=data["required_document"], version=dossier.procedure_version
            ).first()
            if required is None:
                raise NotFound(
                    _("Không tìm thấy thành phần hồ sơ."), code="dossier.invalid_required_document"
                )
        upload = data["file"]
        document_services.store_document(
            content=upload,
            filename=upload.name,
            name=data["name"],
            actor=request.user,
            dossier=dossier,
            required_document=required,
            digitised=data["digitised"],
        )
        link = documents.dossier_documents(dossier).order_by("-id").first()
        return Response(
            s.DossierDocumentSerializer(presenters.document(link)).data, status=status.HTTP_201_CREATED
        )


class DocumentContentView(StaffView):
    @extend_schema(
        operation_id="dossiers_documents_content",
        summary=gettext_lazy("Nội dung giấy tờ (đã kiểm tra mã SHA-256)"),
        parameters=[CODE, DOCUMENT],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: problem("dossier.not_found, documents.not_found"),
            500: OpenApiResponse(
                s.DossierProblemSerializer, description="documents.checksum_mismatch, documents.file_missing"
            ),
            **AUTH,
        },
        tags=TAGS,
    )
    def get(self, request, code, document):
        dossier = selectors.get_dossier(code, user=request.user)
        link = documents.dossier_documents(dossier).filter(document_id=document).first()
        if link is None:
            raise DocumentNotFound()
        data = documents.read_content(link.document)
        applicant = getattr(dossier, "applicant", None)
        readlog.record(  # a person's document read (ADR 0053)
            request.user,
            id_number=link.document.owner_id_number or getattr(applicant, "id_number", "") or "",
            field=readlog.DOCUMENT,
            dossier=dossier,
            ref=link.document_id,
            request=request,
        )
        response = HttpResponse(data, content_type=link.document.mime_type)
        name = link.document.original_filename or f"document-{document}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


urlpatterns = [  # in the "dossiers-api" namespace (motcua/urls.py)
    re_path(rf"^dossiers/{CODE_PATTERN}/documents$", DocumentListView.as_view(), name="documents"),
    re_path(
        rf"^dossiers/{CODE_PATTERN}/documents/(?P<document>[0-9]+)/content$",
        DocumentContentView.as_view(),
        name="document-content",
    ),
]
