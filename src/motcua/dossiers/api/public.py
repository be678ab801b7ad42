"""GET /api/v1/tracking/{code}?k=…: the applicant follows a dossier without signing in (see tracking.py).
Only plain words: status, a timeline of what happened, the due moment; no names, numbers or addresses."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from ..errors import DossierNotFound
from . import serializers as s
from .tracking import TrackingThrottle, factor_matches
from .views import CODE, problem, shared


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
        # The factor first: a wrong or missing one is the same 404 without reading the database, for a
        # code that exists and one that does not alike, so neither the answer nor its time tells which
        # codes exist. Only the holder of the receipt (or of SECRET_KEY) gets to the query.
        if not factor_matches(code, request.query_params.get("k")):
            raise DossierNotFound()
        body = selectors.public_tracking(code)
        if body is None:
            raise DossierNotFound()
        return Response(shared(s.TrackingSerializer).to_representation(body))
