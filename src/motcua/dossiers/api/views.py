"""Dossier API for officers: reception at a counter, online submission, one endpoint per lifecycle
action, the officer's list, detail with the actions this user may take, tracking sheet, PDF forms.

Access rule (one for every endpoint): staff with an org assignment today; a dossier outside what the
user may see (access.visible_dossiers) is `dossier.not_found` (404), so codes of other units' dossiers
are not disclosed; a visible dossier the user may not act on is `dossier.forbidden` (403). Online
submission only needs a signed-in user (the applicant). Every write goes through dossiers.services.
"""

import threading

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog.models import DocumentCase
from motcua.core.errors import InvalidInput
from motcua.core.fast.representation import compiled
from motcua.core.parsers import JSONParser
from motcua.org.models import Agency, Counter, ReceptionPlace
from motcua.units.models import AdministrativeUnit

from .. import access, reference, selectors, services
from ..actions import ACTIONS
from ..actions import DossierAction as ApiAction
from ..errors import ActionForbidden, DossierInputError, ProcedureNotAvailable
from ..lifecycle import TRANSITIONS
from ..models import Dossier
from . import presenters, reveal
from . import serializers as s

TAGS = ["dossiers"]
CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description=gettext_lazy("Mã hồ sơ, ví dụ 000.00.12.H62-201105-0004.")
)
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=gettext_lazy("Khóa chống trùng: gửi lại cùng khóa và cùng nội dung trả về cùng hồ sơ."),
)


def problem(codes: str) -> OpenApiResponse:
    return OpenApiResponse(s.DossierProblemSerializer, description=codes)


AUTH = {401: problem("auth.not_authenticated"), 403: problem("auth.forbidden, dossier.forbidden")}
NOT_FOUND = {404: problem("dossier.not_found")}


_shared = threading.local()


def shared(serializer_class):
    """One instance of a serializer per thread: DRF deep-copies every declared field each time a
    serializer is instantiated, which cost more than the reception's own SQL. Validation and
    to_representation keep no state on the instance, so it can be reused."""
    instances = _shared.__dict__.setdefault("instances", {})
    instance = instances.get(serializer_class)
    if instance is None:
        instance = instances[serializer_class] = serializer_class()
    return instance


def valid(serializer_class, data) -> dict:
    """serializer_class(data=data).is_valid() and its validated_data, on a shared instance."""
    try:
        return shared(serializer_class).run_validation(data)
    except ValidationError as exc:
        raise InvalidInput(_("Dữ liệu không hợp lệ."), details=exc.detail) from None


class IsAssignedStaff(BasePermission):
    """Signed in and holding an org assignment today (any role, any scope)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and reference.scopes(user, timezone.localdate()))


class StaffView(APIView):
    permission_classes = [IsAssignedStaff]

    def dispatch(self, request, *args, **kwargs):
        with reference.pinned():  # one stamp read for the permission, the lookups and the service
            return super().dispatch(request, *args, **kwargs)

    def dossier(self, code) -> Dossier:
        return selectors.dossier_detail(code, user=self.request.user)

    def detail(self, dossier, http_status=status.HTTP_200_OK) -> Response:
        dossier = selectors.dossier_detail(dossier.pk)
        data = presenters.detail(dossier, self.request.user, self.request)
        return Response(s.DossierDetailSerializer(data).data, status=http_status)


# ---- creation -----------------------------------------------------------------------------------------


def _procedure(code):
    found = reference.procedure_by_code(code)
    if found is None:
        raise ProcedureNotAvailable(
            _("Không tìm thấy thủ tục %(code)s.") % {"code": code}, code="dossier.unknown_procedure"
        )
    return found


# Reference rows the creation endpoints look up, from the per-process cache (reference.py).
CACHED_LOOKUPS = {
    (DocumentCase, "pk"): reference.case_by_pk,
    (Agency, "code"): reference.agency_by_code,
    (ReceptionPlace, "code"): reference.place_by_code,
    (Counter, "pk"): reference.counter_by_pk,
}


def _optional(model, field, value, error_code):
    if value in (None, ""):
        return None
    found = CACHED_LOOKUPS[(model, field)](value)
    if found is None:
        raise DossierInputError(
            _("Không tìm thấy %(what)s “%(value)s”.") % {"what": model._meta.verbose_name, "value": value},
            code=error_code,
        )
    return found


def _creation_args(data) -> dict:
    return {
        "procedure": _procedure(data["procedure"]),
        "case": _optional(DocumentCase, "pk", data.get("case"), "dossier.invalid_case"),
        "provided": data["provided"],
        "submitter": data.get("submitter") or None,
        "commune": data.get("commune") or None,
        "agency": _optional(Agency, "code", data.get("agency"), "dossier.invalid_agency"),
        "result_delivery": data["result_delivery"],
    }


class CounterReceptionView(StaffView):
    # The body nests objects (applicant, submitter), which only JSON carries: a form-encoded applicant
    # arrived as text and was refused as missing.
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="dossiers_counter",
        summary=gettext_lazy("Tiếp nhận tại quầy: tiếp nhận, hướng dẫn bổ sung hoặc từ chối"),
        parameters=[IDEMPOTENCY],
        request=s.CounterInputSerializer,
        responses={
            201: s.CounterOutcomeSerializer,
            400: problem(
                "invalid_input, dossier.checklist_incomplete (details.missing), dossier.invalid_applicant, "
                "dossier.checklist_complete, dossier.note_required, dossier.outside_boundary, "
                "dossier.unknown_procedure, dossier.procedure_not_in_force, dossier.invalid_case, "
                "dossier.place_required (neither place nor counter)"
            ),
            409: problem("dossier.idempotency_mismatch"),
            **AUTH,
        },
        tags=TAGS,
    )
    def post(self, request):
        data = valid(s.CounterInputSerializer, request.data)
        args = _creation_args(data)
        where = {
            "officer": request.user,
            "place": _optional(ReceptionPlace, "code", data.get("place"), "dossier.invalid_place"),
            "counter": _optional(Counter, "pk", data.get("counter"), "dossier.invalid_counter"),
        }
        applicant = data["applicant"]
        outcome = data["outcome"]
        if outcome == "receive":
            dossier = services.receive_at_counter(
                **where,
                **args,
                applicant=applicant,
                channel=data["channel"],
                note=data["note"],
                idempotency_key=request.headers.get("Idempotency-Key") or None,
            )
            body = {"outcome": outcome, "slip": None, "dossier": self._detail_data(dossier)}
            return Response(
                compiled(shared(s.CounterOutcomeSerializer))(body), status=status.HTTP_201_CREATED
            )
        person = {
            "applicant_name": applicant.get("full_name", ""),
            "applicant_id_number": applicant.get("id_number", ""),
            "applicant_phone": applicant.get("phone", ""),
        }
        common = {**where, **person, "procedure": args["procedure"], "case": args["case"]}
        if outcome == "guidance":
            slip = services.issue_completion_guidance(
                **common, provided=args["provided"], extra_items=data["extra_items"], note=data["note"]
            )
        else:
            slip = services.refuse_at_counter(**common, reasons=data["reasons"])
        body = {"outcome": outcome, "slip": presenters.slip(slip), "dossier": None}
        return Response(s.CounterOutcomeSerializer(body).data, status=status.HTTP_201_CREATED)

    def _detail_data(self, dossier):
        # The service's own objects: what it wrote, with its related rows, without reading them back.
        return presenters.detail(dossier, self.request.user, self.request)


class OnlineSubmissionView(StaffView):
    permission_classes = [IsAuthenticated]
    # The body nests objects (applicant, submitter), which only JSON carries: a form-encoded applicant
    # arrived as text and was refused as missing.
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="dossiers_online",
        summary=gettext_lazy("Nộp hồ sơ trực tuyến"),
        parameters=[IDEMPOTENCY],
        request=s.OnlineInputSerializer,
        responses={
            201: s.DossierDetailSerializer,
            400: problem(
                "invalid_input, dossier.checklist_incomplete, dossier.invalid_applicant, "
                "dossier.channel_not_offered, dossier.unknown_procedure, dossier.invalid_province"
            ),
            401: problem("auth.not_authenticated"),
            409: problem("dossier.idempotency_mismatch"),
        },
        tags=TAGS,
    )
    def post(self, request):
        data = valid(s.OnlineInputSerializer, request.data)
        args = _creation_args(data)
        province = AdministrativeUnit.objects.filter(code=data["province"], parent__isnull=True).first()
        if province is None:
            raise DossierInputError(_("Không tìm thấy tỉnh, thành phố."), code="dossier.invalid_province")
        dossier = services.submit_online(
            user=request.user,
            province=province,
            applicant=data["applicant"],
            idempotency_key=request.headers.get("Idempotency-Key") or None,
            **args,
        )
        return self.detail(dossier, status.HTTP_201_CREATED)


# ---- reads --------------------------------------------------------------------------------------------


class DossierListView(ListAPIView):
    permission_classes = [IsAssignedStaff]
    serializer_class = s.DossierListItemSerializer

    @extend_schema(
        operation_id="dossiers_list",
        summary=gettext_lazy("Hồ sơ cán bộ được xem"),
        parameters=[s.ListQuerySerializer],
        responses={200: s.DossierListItemSerializer(many=True), 400: problem("invalid_input"), **AUTH},
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = valid(s.ListQuerySerializer, self.request.query_params)
        found = access.visible_dossiers(self.request.user).select_related(*selectors.LIST_RELATED)
        if params.get("status"):
            found = found.filter(status=params["status"])
        if params.get("due_before"):
            found = found.filter(due_at__lt=params["due_before"])
        if params.get("overdue") is not None:
            late = Q(finished_at__isnull=True, due_at__lt=timezone.now())
            found = found.filter(late) if params["overdue"] else found.exclude(late)
        return found.order_by("due_at", "pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        items = [presenters.list_item(d) for d in page]
        return self.get_paginated_response(s.DossierListItemSerializer(items, many=True).data)


class DossierDetailView(StaffView):
    @extend_schema(
        operation_id="dossiers_detail",
        summary=gettext_lazy("Chi tiết hồ sơ và các thao tác người dùng được thực hiện"),
        parameters=[CODE, reveal.REVEAL],
        responses={200: s.DossierDetailSerializer, **AUTH, **NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request, code):
        return self.detail(self.dossier(code))


class DossierHistoryView(StaffView):
    @extend_schema(
        operation_id="dossiers_history",
        summary=gettext_lazy("Phiếu theo dõi quá trình xử lý hồ sơ"),
        parameters=[CODE],
        responses={200: s.HistoryEntrySerializer(many=True), **AUTH, **NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request, code):
        entries = selectors.tracking_sheet(selectors.get_dossier(code, user=request.user))
        return Response(
            s.HistoryEntrySerializer([presenters.history_entry(e) for e in entries], many=True).data
        )


# ---- actions ------------------------------------------------------------------------------------------


class ActionView(StaffView):
    api_action: ApiAction

    def post(self, request, code):
        dossier = selectors.get_dossier(code, user=request.user)
        data = valid(self.api_action.serializer, request.data)
        action = self.api_action.action
        if not access.can_act_on(request.user, dossier, action):
            # Without a role for the action: 403 here. With one, the state or the version is wrong: the
            # service (which locks the row) raises the precise 409 code.
            if not access.can_fire(request.user, dossier, action):
                raise ActionForbidden(action)
        return self.detail(self.api_action.perform(dossier, request.user, data))


def _action_view(slug: str, api_action: ApiAction) -> type[ActionView]:
    @extend_schema(
        operation_id=f"dossiers_action_{slug.replace('-', '_')}",
        summary=gettext_lazy(TRANSITIONS[api_action.action].label),  # noqa: INT001 (labels extracted in choices)
        parameters=[CODE],
        request=api_action.serializer,
        responses={
            200: s.DossierDetailSerializer,
            400: problem("invalid_input, dossier.note_required, dossier.invalid_input and field codes"),
            409: problem(
                "stale_write (stale version), dossier.invalid_transition, "
                "dossier.supplement_already_requested, dossier.extension_already_given, "
                "dossier.fees_already_paid, dossier.fee_due"
            ),
            **AUTH,
            **NOT_FOUND,
        },
        tags=TAGS,
    )
    def post(self, request, code):
        return ActionView.post(self, request, code)

    name = "".join(part.title() for part in slug.split("-")) + "ActionView"
    return type(name, (ActionView,), {"api_action": api_action, "post": post})


ACTION_VIEWS = {slug: _action_view(slug, api_action) for slug, api_action in ACTIONS.items()}
