"""GET /api/v1/tracking/{code}?k=…: the applicant follows a dossier without signing in (see tracking.py).
Only plain words: status, a timeline of what happened, the due moment; no names, numbers or addresses."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from ..errors import DossierNotFound
from ..tracking import factor_matches
from . import serializers as s
from .tracking import TrackingThrottle
from .views import CODE, problem, shared


class JSONOnly(BaseContentNegotiation):
    """JSON whatever the client's Accept header says: nothing to negotiate on the busiest public path."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class TrackingView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
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
        given = request.query_params.get("k")
        if not factor_matches(code, given):  # the old codes' factor too (ADR 0043)
            raise DossierNotFound()
        body = selectors.public_tracking(code)
        if body is None:
            raise DossierNotFound()
        return Response(shared(s.TrackingSerializer).to_representation(body))
