"""The catalog editor's forms: one formset per kind of row (cases, documents, channel terms), plus the
version's own texts and the publish form. They turn the POST into the plain content shape of
`catalog.content` (rows merged onto the rows they came from, so fields the editor does not show, like
the verbatim source texts, are kept); the rules across rows are `catalog.revision.check_content`'s."""

from __future__ import annotations

import re

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Channel, FeeKind, TimeUnit

NUMBER = {"invalid": _("Hãy nhập một số nguyên, ví dụ 1."), "min_value": _("Không được là số âm.")}
AMOUNT = {
    "invalid": _("Mức thu phải là một số nguyên (đồng), ví dụ 50000."),
    "min_value": _("Mức thu không được âm."),
}
DECIMAL = {"invalid": _("Thời hạn phải là một số, ví dụ 5 hoặc 0,5."), "min_value": _("Không được là số âm.")}
DAY = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")}
REQUIRED = {"required": _("Không được để trống.")}


_THOUSANDS = re.compile(r"^\d{1,3}(?:[.\s]\d{3})+$")


class AmountField(forms.IntegerField):
    """Whole dong, as people write them: "50000", "50.000" or "50 000" (never a decimal fraction)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        text = str(value or "").strip().removesuffix("đồng").removesuffix("đ").strip()
        if _THOUSANDS.match(text):
            text = re.sub(r"[.\s]", "", text)
        return super().to_python(text)


class DurationField(forms.DecimalField):
    """A time limit: "5", "0,5" (the Vietnamese decimal comma) or "0.5"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        return super().to_python(str(value or "").strip().replace(",", "."))


def _blank(choices):
    return [("", "—"), *choices]


class RowForm(forms.Form):
    # Index of the row in the draft this form row edits; empty for a new row.
    origin = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)


class GeneralForm(forms.Form):
    name = forms.CharField(
        label=_("Tên thủ tục"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    conditions = forms.CharField(
        label=_("Yêu cầu, điều kiện thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CaseForm(RowForm):
    title = forms.CharField(
        label=_("Tên trường hợp"), widget=forms.Textarea(attrs={"rows": 1}), error_messages=REQUIRED
    )


def _case_choices(cases) -> list:
    return [("", _("Mọi trường hợp (chung)")), *[(str(i), title[:90]) for i, title in enumerate(cases)]]


class DocumentForm(RowForm):
    name = forms.CharField(
        label=_("Tên giấy tờ"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    case = forms.ChoiceField(label=_("Áp dụng cho"), required=False)
    condition = forms.CharField(
        label=_("Chỉ khi (điều kiện)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "placeholder": _("ví dụ: Trường hợp trẻ em bị bỏ rơi")}),
    )
    one_of = forms.CharField(label=_("Nhóm thay thế"), required=False, max_length=32)
    required = forms.BooleanField(label=_("Bắt buộc"), required=False, initial=True)
    presented = forms.BooleanField(label=_("Chỉ xuất trình (kiểm tra rồi trả lại)"), required=False)
    originals = forms.IntegerField(
        label=_("Bản chính"), min_value=0, initial=1, error_messages={**NUMBER, **REQUIRED}
    )
    copies = forms.IntegerField(
        label=_("Bản sao"), min_value=0, initial=0, error_messages={**NUMBER, **REQUIRED}
    )
    template_name = forms.CharField(label=_("Tệp mẫu"), required=False, max_length=500)
    as_note = forms.BooleanField(label=_("Là lưu ý, không phải giấy tờ"), required=False)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = _case_choices(cases)


class NoteForm(RowForm):
    text = forms.CharField(
        label=_("Nội dung lưu ý"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    case = forms.ChoiceField(label=_("Áp dụng cho"), required=False)
    as_document = forms.BooleanField(label=_("Là giấy tờ phải nộp"), required=False)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = _case_choices(cases)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TermForm(RowForm):
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"), choices=_blank(Channel.choices), error_messages=REQUIRED
    )
    time_value = DurationField(
        label=_("Thời hạn"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        error_messages=DECIMAL,
    )
    time_unit = forms.ChoiceField(label=_("Đơn vị"), choices=TimeUnit.choices, initial=TimeUnit.UNKNOWN)
    fee_kind = forms.ChoiceField(label=_("Phí, lệ phí"), choices=FeeKind.choices, initial=FeeKind.UNKNOWN)
    fee_amount = AmountField(label=_("Mức thu (đồng)"), required=False, min_value=0, error_messages=AMOUNT)
    valid_from = forms.DateField(
        label=_("Áp dụng từ ngày"), required=False, widget=_date_input(), error_messages=DAY
    )
    valid_until = forms.DateField(
        label=_("Đến hết ngày"), required=False, widget=_date_input(), error_messages=DAY
    )
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 1}))


CaseFormSet = formset_factory(CaseForm, extra=1, can_delete=True)
DocumentFormSet = formset_factory(DocumentForm, extra=2, can_delete=True)
NoteFormSet = formset_factory(NoteForm, extra=1, can_delete=True)
TermFormSet = formset_factory(TermForm, extra=1, can_delete=True)


class PublishForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Hiệu lực từ ngày"), widget=_date_input(), error_messages={**DAY, **REQUIRED}
    )
    valid_to = forms.DateField(
        label=_("Hết hiệu lực từ ngày (để trống nếu không thời hạn)"),
        required=False,
        widget=_date_input(),
        error_messages=DAY,
    )
    decision_no = forms.CharField(label=_("Số quyết định công bố"), required=False, max_length=255)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), required=False, widget=_date_input(), error_messages=DAY
    )

    @classmethod
    def initial_for(cls, version):
        return {"valid_from": timezone.localdate(), "decision_no": version.decision_no}


# ---- POST → content ------------------------------------------------------------------------------------

DOCUMENT_KEYS = (
    "name",
    "condition",
    "one_of",
    "required",
    "presented",
    "originals",
    "copies",
    "template_name",
)
TERM_KEYS = (
    "channel",
    "time_value",
    "time_unit",
    "fee_kind",
    "fee_amount",
    "valid_from",
    "valid_until",
    "description",
)


def _case(value) -> str:
    return "" if value is None else str(value)


def editor_forms(content: dict, data=None) -> dict:
    """The editor's forms, bound to `data` (a POST) or filled from the draft's `content`."""
    cases = content.get("cases", [])
    docs = [
        {"origin": i, **{k: d.get(k) for k in DOCUMENT_KEYS}, "case": _case(d.get("case"))}
        for i, d in enumerate(content.get("documents", []))
    ]
    notes = [
        {"origin": i, "text": n.get("text"), "case": _case(n.get("case"))}
        for i, n in enumerate(content.get("notes", []))
    ]
    terms = [
        {"origin": i, **{k: t.get(k) for k in TERM_KEYS}}
        for i, t in enumerate(content.get("channel_terms", []))
    ]
    general = {"name": content.get("name"), "conditions": content.get("conditions")}
    built = {
        "general": GeneralForm(data, initial=general),
        "cases": CaseFormSet(
            data, initial=[{"origin": i, "title": t} for i, t in enumerate(cases)], prefix="case"
        ),
        "documents": DocumentFormSet(data, initial=docs, prefix="doc", form_kwargs={"cases": cases}),
        "notes": NoteFormSet(data, initial=notes, prefix="note", form_kwargs={"cases": cases}),
        "terms": TermFormSet(data, initial=terms, prefix="term"),
    }
    # The verbatim source texts, shown next to the row that reads them.
    rows = content.get("channel_terms", [])
    for form in built["terms"].forms:
        origin = form.initial.get("origin")
        form.source = rows[origin] if origin is not None else {}
    return built


def _kept(formset):
    """(origin, cleaned data) of the rows to keep, in page order; untouched blank rows are skipped."""
    for form in formset.forms:
        if not form.has_changed() and form.cleaned_data.get("origin") is None:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        yield form.cleaned_data.get("origin"), form.cleaned_data


def _plain(value):
    if hasattr(value, "normalize"):  # Decimal
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):  # date
        return value.isoformat()
    return value


def _origin_row(rows: list, origin) -> dict:
    return dict(rows[origin]) if origin is not None and origin < len(rows) else {}


def content_from(forms_: dict, base: dict) -> dict:
    """The edited content (call after every form is valid). Rows start from the draft's row they edit,
    so what the editor does not show (verbatim texts, fee tiers) is kept."""
    general = forms_["general"].cleaned_data
    content = {"name": general["name"].strip(), "conditions": general["conditions"].strip()}
    # Cases: old index → new index; papers and notes of a deleted case become common to every case.
    new_index, cases = {}, []
    for origin, data in _kept(forms_["cases"]):
        if origin is not None:
            new_index[origin] = len(cases)
        cases.append(data["title"].strip())
    content["cases"] = cases

    def case_of(data):
        return new_index.get(int(data["case"])) if data["case"] != "" else None

    documents, notes = [], []
    for origin, data in _kept(forms_["documents"]):
        if data["as_note"]:
            notes.append({"text": data["name"].strip(), "case": case_of(data)})
            continue
        row = _origin_row(base.get("documents", []), origin)
        row.update({k: data[k] for k in DOCUMENT_KEYS})
        row.update(name=data["name"].strip(), condition=data["condition"].strip(), case=case_of(data))
        documents.append(row)
    for _origin, data in _kept(forms_["notes"]):
        if data["as_document"]:  # a paper after all: one original until the administrator says otherwise
            documents.append(
                {
                    "name": data["text"].strip(),
                    "case": case_of(data),
                    "required": True,
                    "originals": 1,
                    "copies": 0,
                }
            )
            continue
        notes.append({"text": data["text"].strip(), "case": case_of(data)})
    content["documents"], content["notes"] = documents, notes
    terms = []
    for origin, data in _kept(forms_["terms"]):
        row = _origin_row(base.get("channel_terms", []), origin)
        row.update({k: _plain(data[k]) for k in TERM_KEYS})
        row.setdefault("fee_currency", "VND")
        terms.append(row)
    content["channel_terms"] = terms
    return content


LABELS = {
    "cases": _("Trường hợp"),
    "documents": _("Thành phần hồ sơ"),
    "notes": _("Lưu ý"),
    "terms": _("Hình thức nộp"),
}


def form_errors(forms_: dict) -> list[tuple[str, str]]:
    """Every field error as (where, message), for the summary at the top of the editor."""
    out = []
    general = forms_["general"]
    for name, errors in general.errors.items():
        out.extend((str(general.fields[name].label), str(e)) for e in errors)
    for key, title in LABELS.items():
        formset = forms_[key]
        for i, form in enumerate(formset.forms):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                where = f"{title}, {_('dòng')} {i + 1}" + (f" — {label}" if label else "")
                out.extend((where, str(e)) for e in errors)
        out.extend((str(title), str(e)) for e in formset.non_form_errors())
    return out
