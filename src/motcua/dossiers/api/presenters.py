"""Dossiers as plain dicts for the output serializers (labels translated, the lifecycle the source)."""

from django.utils.translation import gettext

from motcua.core.masking import mask_id, mask_phone

from .. import access, lifecycle
from ..selectors import state_label
from . import reveal, tracking


def slug(action: str) -> str:
    return str(action).replace("_", "-")


def _named(obj) -> dict | None:
    return {"code": obj.code, "name": obj.name} if obj is not None else None


def _procedure(dossier) -> dict:
    version = dossier.procedure_version
    return {"code": dossier.procedure.code, "name": version.name if version else dossier.procedure.code}


def list_item(dossier) -> dict:
    applicant = getattr(dossier, "applicant", None)
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": state_label(dossier.status),
        "version": dossier.version,
        "channel": dossier.channel,
        "procedure": _procedure(dossier),
        "agency": _named(dossier.agency),
        "applicant_name": applicant.full_name if applicant else "",
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "appointment_at": dossier.appointment_at,
    }


def detail(dossier, user, request=None) -> dict:
    applicant = getattr(dossier, "applicant", None)
    actions = access.available_actions(dossier, user)
    whole = access.sees_identity(user, dossier)  # a supervisor's view: numbers masked (ADR 0051)
    return {
        **list_item(dossier),
        "portal_status": lifecycle.portal_code(dossier.status),
        "received_place": _named(dossier.received_place),
        "submitted_at": dossier.submitted_at,
        "acceptance_due_at": dossier.acceptance_due_at,
        "paused_at": dossier.paused_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "time_limit_text": dossier.time_limit_text,
        "current_step": dossier.current_step.name if dossier.current_step_id else None,
        "assignee": str(dossier.assignee) if dossier.assignee_id else None,
        "supplement_count": dossier.supplement_count,
        "decision": dossier.decision,
        "applicant": {
            "kind": applicant.kind,
            "full_name": applicant.full_name,
            # Masked unless asked and logged (ADR 0053); never whole for a role that only watches (ADR 0051)
            "id_number": (
                reveal.id_number(applicant.id_number, dossier, request)
                if whole
                else mask_id(applicant.id_number)
            ),
            "tax_code": applicant.tax_code,
            "phone": applicant.phone if whole else mask_phone(applicant.phone),
            "email": applicant.email,
            "address": applicant.address,
        }
        if applicant
        else None,
        "tracking_url": tracking.tracking_url(dossier.code, request) if request is not None else None,
        "available_actions": [
            {"action": slug(t.action), "label": gettext(t.label), "needs_note": t.needs_note} for t in actions
        ],
    }


def history_entry(entry) -> dict:
    return {
        "at": entry.at,
        "action": entry.action,
        "action_label": gettext(lifecycle.TRANSITIONS[lifecycle.Action(entry.action)].label),
        "actor_name": entry.actor_name,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "from_agency": entry.from_agency.name if entry.from_agency_id else None,
        "to_agency": entry.to_agency.name if entry.to_agency_id else None,
        "step_name": entry.step_name,
        "step_due_at": entry.step_due_at,
        "note": entry.note,
        "dossier_version": entry.dossier_version,
    }


def slip(slip) -> dict:
    return {"id": slip.pk, "kind": slip.kind, "items": list(slip.items), "issued_at": slip.issued_at}


def document(link) -> dict:
    doc = link.document
    return {
        "id": doc.pk,
        "name": doc.name,
        "original_filename": doc.original_filename,
        "mime_type": doc.mime_type,
        "size": doc.size,
        "sha256": doc.sha256,
        "digitised": doc.digitised,
        "reused": link.reused,
        "required_document": link.required_document_id,
    }
