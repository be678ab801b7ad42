"""GET /api/v1/tracking/{code}?k=…: the applicant follows a dossier without signing in (see tracking.py).
Only plain words: status, a timeline of what happened, the due moment; no names, numbers or addresses."""

from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import lifecycle
from ..errors import DossierNotFound
from ..models import Dossier
from ..selectors import state_label
from . import serializers as s
from .tracking import TrackingThrottle, factor_matches
from .views import CODE, problem


class TrackingView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TrackingThrottle]
    throttle_scope = "tracking"

    @extend_schema(
        operation_id="tracking_detail",
        summary=gettext_lazy("Tra cứu tình trạng hồ sơ (không cần đăng nhập)"),
        parameters=[CODE, s.TrackingQuerySerializer],
        responses={
            200: s.TrackingSerializer,
            404: problem("dossier.not_found (also for a wrong or missing factor)"),
            429: problem("throttled"),
        },
        auth=[],
        tags=["tracking"],
    )
    def get(self, request, code):
        dossier = Dossier.objects.filter(code=code).select_related("procedure", "procedure_version").first()
        # Same answer for an unknown code and a wrong factor; the HMAC is checked either way.
        matches = factor_matches(code, request.query_params.get("k"))
        if dossier is None or not matches:
            raise DossierNotFound()
        timeline = [
            {"at": at, "text": gettext(lifecycle.TRANSITIONS[lifecycle.Action(action)].label)}
            for at, action in dossier.tracking.order_by("at", "id").values_list("at", "action")
        ]
        body = {
            "code": dossier.code,
            "procedure": dossier.procedure_version.name if dossier.procedure_version_id else "",
            "status": state_label(dossier.status),
            "due_at": dossier.appointment_at or dossier.due_at,
            "timeline": timeline,
        }
        return Response(s.TrackingSerializer(body).data)
