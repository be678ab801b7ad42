"""What a draft changes against the version in force, in sentences an administrator checks before
publishing. Works on the plain content shape of `catalog.content` (no database access)."""

from __future__ import annotations

from django.utils.translation import gettext as _

DOCUMENT_FACTS = ("case", "condition", "one_of", "required", "presented", "originals", "copies")
TERM_FACTS = ("time_value", "time_unit", "fee_kind", "fee_amount", "valid_from", "valid_until")


def _short(text: str, size: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _case_title(content: dict, index) -> str:
    cases = content.get("cases", [])
    return cases[index] if index is not None and 0 <= index < len(cases) else ""


def _document_facts(content: dict, doc: dict) -> dict:
    facts = {k: doc.get(k) for k in DOCUMENT_FACTS}
    facts["case"] = _case_title(content, doc.get("case"))  # compare by title: indexes move
    facts["condition"] = (facts["condition"] or "").strip()
    facts["one_of"] = (facts["one_of"] or "").strip()
    facts["presented"] = bool(facts["presented"])
    return facts


def _documents(before: dict, after: dict) -> list[str]:
    old = {d["name"]: _document_facts(before, d) for d in before.get("documents", [])}
    new = {d["name"]: _document_facts(after, d) for d in after.get("documents", [])}
    lines = [_("Thêm giấy tờ: %(name)s") % {"name": _short(n)} for n in new if n not in old]
    lines += [_("Bỏ giấy tờ: %(name)s") % {"name": _short(n)} for n in old if n not in new]
    labels = {
        "case": _("trường hợp"),
        "condition": _("điều kiện"),
        "one_of": _("nhóm thay thế"),
        "required": _("bắt buộc"),
        "presented": _("chỉ xuất trình"),
        "originals": _("số bản chính"),
        "copies": _("số bản sao"),
    }
    for name, facts in new.items():
        if name in old and old[name] != facts:
            changed = ", ".join(str(labels[k]) for k in DOCUMENT_FACTS if old[name][k] != facts[k])
            lines.append(_("Sửa giấy tờ %(name)s: %(what)s") % {"name": _short(name, 60), "what": changed})
    return lines


def _term_key(term: dict) -> tuple:
    return tuple(str(term.get(k) or "") for k in TERM_FACTS)


def _terms(before: dict, after: dict) -> list[str]:
    lines = []
    channels = dict.fromkeys(
        t.get("channel") for t in [*before.get("channel_terms", []), *after.get("channel_terms", [])]
    )
    for channel in channels:
        old = [_term_key(t) for t in before.get("channel_terms", []) if t.get("channel") == channel]
        new = [_term_key(t) for t in after.get("channel_terms", []) if t.get("channel") == channel]
        if old != new:
            lines.append(
                _("Sửa thời hạn, phí của hình thức nộp %(channel)s") % {"channel": channel_label(channel)}
            )
    return lines


def channel_label(code) -> str:
    from .models import Channel  # labels only; the comparison itself needs no model

    return str(dict(Channel.choices).get(code, code or ""))


def differences(before: dict | None, after: dict) -> list[str]:
    """Sentences saying what `after` changes against `before` (None: there is nothing in force)."""
    if before is None:
        return [_("Chưa có phiên bản nào đang có hiệu lực: đây sẽ là phiên bản đầu tiên được áp dụng.")]
    lines = []
    if (before.get("name") or "") != (after.get("name") or ""):
        lines.append(_("Đổi tên thủ tục: %(name)s") % {"name": _short(after.get("name", ""))})
    if (before.get("conditions") or "").strip() != (after.get("conditions") or "").strip():
        lines.append(_("Sửa yêu cầu, điều kiện thực hiện"))
    old_cases, new_cases = before.get("cases", []), after.get("cases", [])
    lines += [_("Bỏ trường hợp: %(title)s") % {"title": _short(t)} for t in old_cases if t not in new_cases]
    lines += [_("Thêm trường hợp: %(title)s") % {"title": _short(t)} for t in new_cases if t not in old_cases]
    lines += _documents(before, after)
    old_notes = [n.get("text") for n in before.get("notes", [])]
    new_notes = [n.get("text") for n in after.get("notes", [])]
    lines += [_("Thêm lưu ý: %(text)s") % {"text": _short(t)} for t in new_notes if t not in old_notes]
    lines += [_("Bỏ lưu ý: %(text)s") % {"text": _short(t)} for t in old_notes if t not in new_notes]
    lines += _terms(before, after)
    return lines
