"""PDF forms of a dossier and its documents (upload through documents.services, download verified)."""

from django.http import HttpResponse
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
from motcua.documents import selectors as documents
from motcua.documents import services as document_services
from motcua.documents.errors import DocumentNotFound

from .. import access, selectors
from ..errors import ActionForbidden
from ..forms_pdf import of_dossier, render_pdf
from ..lifecycle import LEADER, OFFICER, SPECIALIST
from . import presenters, tracking
from . import serializers as s
from .views import AUTH, CODE, NOT_FOUND, TAGS, StaffView, problem, valid

FORM = OpenApiParameter(
    "form",
    str,
    OpenApiParameter.PATH,
    enum=["01", "02", "03", "04", "05", "06"],
    description=gettext_lazy(
        "Số mẫu: 01 phiếu tiếp nhận, 02 bổ sung, 03 từ chối, 04 xin lỗi, 05 dừng, 06 theo dõi."
    ),
)
DOCUMENT = OpenApiParameter("document", int, OpenApiParameter.PATH, description=gettext_lazy("Mã giấy tờ."))
STAFF_ROLES = {OFFICER, SPECIALIST, LEADER}


class FormNotAvailable(NotFound):
    code = "dossier.form_not_available"

    def __init__(self, form: str):
        super().__init__(_("Hồ sơ chưa có mẫu số %(form)s.") % {"form": form}, details={"form": form})


class FormView(StaffView):
    @extend_schema(
        operation_id="dossiers_form_pdf",
        summary=gettext_lazy("Biểu mẫu của hồ sơ (PDF)"),
        parameters=[CODE, FORM],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: problem("dossier.not_found, dossier.form_not_available"),
            **AUTH,
        },
        tags=TAGS,
    )
    def get(self, request, code, form):
        dossier = self.dossier(code)
        built = of_dossier.build(form, dossier, lambda: tracking.tracking_url(dossier.code, request))
        if built is None:
            raise FormNotAvailable(form)
        # The forms print the people's full ID numbers (Circular 01/2018): a read (ADR 0053).
        readlog.record(
            request.user,
            id_number=_applicant_id(dossier),
            field=readlog.DOCUMENT,
            dossier=dossier,
            ref=f"form-{form}",
            request=request,
        )
        response = HttpResponse(render_pdf(built), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, f"{dossier.code}-mau-{form}.pdf")
        return response


def _applicant_id(dossier) -> str:
    applicant = getattr(dossier, "applicant", None)
    return getattr(applicant, "id_number", "") or ""


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
        readlog.record(
            request.user,
            id_number=link.document.owner_id_number or _applicant_id(dossier),
            field=readlog.DOCUMENT,
            dossier=dossier,
            ref=link.document_id,
            request=request,
        )
        response = HttpResponse(data, content_type=link.document.mime_type)
        name = link.document.original_filename or f"document-{document}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
