"""PDF forms of a dossier. (Its documents' endpoints are the documents app's: documents/api.py, in the
same URL namespace.)"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from motcua.core import readlog
from motcua.core.errors import NotFound

from ..forms_pdf import of_dossier, render_pdf
from . import tracking
from .views import AUTH, CODE, TAGS, StaffView, problem

FORM = OpenApiParameter(
    "form",
    str,
    OpenApiParameter.PATH,
    enum=["01", "02", "03", "04", "05", "06"],
    description=gettext_lazy(
        "Số mẫu: 01 phiếu tiếp nhận, 02 bổ sung, 03 từ chối, 04 xin lỗi, 05 dừng, 06 theo dõi."
    ),
)


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
            id_number=applicant_id(dossier),
            field=readlog.DOCUMENT,
            dossier=dossier,
            ref=f"form-{form}",
            request=request,
        )
        response = HttpResponse(render_pdf(built), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, f"{dossier.code}-mau-{form}.pdf")
        return response


def applicant_id(dossier) -> str:
    applicant = getattr(dossier, "applicant", None)
    return getattr(applicant, "id_number", "") or ""
