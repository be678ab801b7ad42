"""Web forms of the postal pages: what was typed; the rules and their messages are in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .tracking import LABELS, REPORTABLE, Kind


class ResultsBatchForm(forms.Form):
    place = forms.IntegerField(label=_("Nơi tiếp nhận bàn giao"), widget=forms.Select)
    dossiers = forms.MultipleChoiceField(
        label=_("Hồ sơ"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, places=(), dossiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].widget.choices = [(p.pk, p.name) for p in places]
        self.fields["dossiers"].choices = [(str(d.pk), d.code) for d in dossiers]


class PickupBatchForm(forms.Form):
    place = forms.IntegerField(label=_("Nơi tiếp nhận nhận hồ sơ"), widget=forms.Select)
    shipments = forms.MultipleChoiceField(
        label=_("Bưu gửi"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, places=(), shipments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].widget.choices = [(p.pk, p.name) for p in places]
        self.fields["shipments"].choices = [(str(s.pk), s.code) for s in shipments]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái mới"), required=False)
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi phát không thành công hoặc chuyển hoàn)"),
        required=False,
        max_length=300,
        widget=forms.TextInput,
    )

    def __init__(self, *args, kind=Kind.RESULT, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("— Chọn —"))] + [
            (s.value, _(LABELS[s])) for s in sorted(REPORTABLE[Kind(kind)], key=list(LABELS).index)
        ]
