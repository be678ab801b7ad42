"""Web forms of home service: they only carry what was typed; the rules live in services.py, whose
messages are shown next to the fields (the form keeps everything typed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import REASON_CHOICES

DAY_CHOICES = [
    ("0", _("Thứ Hai")),
    ("1", _("Thứ Ba")),
    ("2", _("Thứ Tư")),
    ("3", _("Thứ Năm")),
    ("4", _("Thứ Sáu")),
    ("5", _("Thứ Bảy")),
]
WINDOW_CHOICES = [("morning", _("Buổi sáng (8:00–12:00)")), ("afternoon", _("Buổi chiều (13:00–17:00)"))]


def _text(label, *, max_length=200, help_text="", widget=None, autocomplete=""):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=widget or forms.TextInput(attrs=attrs),
    )


class RequestForm(forms.Form):
    person_name = _text(_("Họ và tên người cần được phục vụ"), autocomplete="name")
    person_id_number = _text(
        _("Số căn cước (nếu có)"),
        max_length=20,
        help_text=_("12 chữ số; có thể bỏ trống."),
        autocomplete="off",
    )
    person_phone = _text(
        _("Số điện thoại liên hệ"),
        max_length=20,
        help_text=_("Trung tâm sẽ gọi số này để hẹn giờ."),
        autocomplete="tel",
    )
    requester_name = _text(_("Họ và tên người yêu cầu thay"))
    requester_relation = _text(
        _("Quan hệ với người cần phục vụ"), max_length=100, help_text=_("Ví dụ: con, cháu, hàng xóm.")
    )
    requester_phone = _text(_("Số điện thoại người yêu cầu thay"), max_length=20)
    reason = forms.ChoiceField(
        label=_("Lý do cần cán bộ đến tận nơi"),
        choices=REASON_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    reason_detail = _text(_("Hoàn cảnh cụ thể"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    province = forms.CharField(label=_("Tỉnh, thành phố"), required=False, widget=forms.Select)
    commune = forms.CharField(label=_("Xã, phường, đặc khu"), required=False, widget=forms.Select)
    address = _text(
        _("Địa chỉ"),
        max_length=300,
        help_text=_("Số nhà, ngõ, đường, thôn, tổ dân phố."),
        autocomplete="street-address",
    )
    procedure = _text(
        _("Mã thủ tục cần làm (nếu biết)"),
        max_length=32,
        help_text=_("Có thể bỏ trống: cán bộ sẽ hướng dẫn."),
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("Ngày mong muốn"), choices=DAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    preferred_windows = forms.MultipleChoiceField(
        label=_("Buổi mong muốn"), choices=WINDOW_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = _text(_("Ghi chú thêm"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, provinces=(), communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].widget.choices = [(p.code, p.full_name) for p in provinces]
        self.fields["commune"].widget.choices = [("", _("— Chọn xã, phường, đặc khu —"))] + [
            (c.code, c.full_name) for c in communes
        ]


class LookupForm(forms.Form):
    code = _text(_("Mã yêu cầu"), max_length=20, autocomplete="off")
    phone = _text(_("Số điện thoại đã đăng ký"), max_length=20, autocomplete="tel")


class ScheduleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    officer = forms.IntegerField(label=_("Cán bộ đến"), required=False, widget=forms.Select)
    day = forms.DateField(label=_("Ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Từ"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Đến"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    note = _text(_("Ghi chú cho cán bộ"), max_length=500)

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].widget.choices = [("", _("— Chọn cán bộ —"))] + [
            (o.pk, o.full_name or o.username) for o in officers
        ]


class ReasonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = _text(_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
