"""Forms of the queue pages: only "is it there" checks; every rule is checked by the services, whose
errors come back to the field they belong to (nothing typed is lost: the form stays bound)."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import PriorityCategory


def _required(message):
    return {"required": message, "invalid_choice": message}


class BookingForm(forms.Form):
    service = forms.ChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("Hãy chọn lĩnh vực cần giải quyết.")),
    )
    day = forms.ChoiceField(
        label=gettext_lazy("Ngày đến"), error_messages=_required(gettext_lazy("Hãy chọn ngày đến."))
    )
    slot = forms.ChoiceField(
        label=gettext_lazy("Khung giờ"), error_messages=_required(gettext_lazy("Hãy chọn khung giờ."))
    )
    full_name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        max_length=150,
        error_messages={
            "required": gettext_lazy("Hãy nhập họ và tên."),
            "max_length": gettext_lazy("Họ và tên tối đa 150 ký tự."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label=gettext_lazy("Số CCCD"),
        max_length=20,
        error_messages={
            "required": gettext_lazy("Hãy nhập số căn cước công dân (12 chữ số)."),
            "max_length": gettext_lazy("Số CCCD gồm 12 chữ số."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        max_length=20,
        error_messages={
            "required": gettext_lazy("Hãy nhập số điện thoại."),
            "max_length": gettext_lazy("Số điện thoại chưa đúng, ví dụ 0912345678."),
        },
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    priority = forms.ChoiceField(
        label=gettext_lazy("Diện ưu tiên"),
        required=False,
        choices=PriorityCategory.choices,
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("Diện ưu tiên không hợp lệ.")),
    )

    def __init__(self, *args, services, choices, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(str(s.pk), f"{s.prefix} · {s.name}") for s in services]
        self.fields["day"].choices = [("", _("— Chọn ngày —"))] + [
            (d.isoformat(), day_label(d, today)) for d in choices.days
        ]
        step = choices.policy.slot_minutes
        self.fields["slot"].choices = [("", _("— Chọn khung giờ —"))] + [
            (f"{t:%H:%M}", slot_label(t, step)) for t in choices.slots
        ]
        self.initial.setdefault("priority", "")


def day_label(day, today) -> str:
    text = date_format(day, "l, d/m/Y")
    if day == today:
        return _("%(day)s (hôm nay)") % {"day": text}
    return text


def slot_label(start, minutes: int) -> str:
    end_minutes = start.hour * 60 + start.minute + minutes
    return f"{start:%H:%M}–{end_minutes // 60:02d}:{end_minutes % 60:02d}"


class WalkInForm(forms.Form):
    service = forms.ChoiceField(error_messages=_required(gettext_lazy("Hãy chọn lĩnh vực.")))
    priority = forms.ChoiceField(
        required=False,
        choices=PriorityCategory.choices,
        error_messages=_required(gettext_lazy("Diện ưu tiên không hợp lệ.")),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(str(s.pk), s.name) for s in services]


class CheckInForm(forms.Form):
    id_number = forms.CharField(
        label=gettext_lazy("Số CCCD đã dùng khi đặt lịch"),
        max_length=20,
        error_messages={
            "required": gettext_lazy("Hãy nhập số căn cước công dân (12 chữ số)."),
            "max_length": gettext_lazy("Số CCCD gồm 12 chữ số."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def mark_invalid(form: forms.Form) -> None:
    """aria-invalid and aria-describedby on the inputs whose field has an error."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{name}-error"}
            )
