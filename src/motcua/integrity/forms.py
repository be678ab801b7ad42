from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MIN_REASON


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[
            ("watch", _("Xác nhận có dấu hiệu cò hồ sơ, đưa vào theo dõi")),
            ("dismiss", _("Loại trừ: không phải cò hồ sơ")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn một quyết định.")},
    )
    reason = forms.CharField(
        label=_("Lý do"),
        min_length=MIN_REASON,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ví dụ: văn phòng luật được ủy quyền hợp pháp; hoặc: đã xác minh, thu tiền của người dân."
        ),
        error_messages={
            "required": _("Ghi rõ lý do."),
            "min_length": _("Ghi rõ lý do (ít nhất 10 ký tự)."),
            "max_length": _("Lý do dài quá 1.000 ký tự."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
