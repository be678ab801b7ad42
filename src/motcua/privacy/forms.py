from django import forms
from django.utils.translation import gettext_lazy as _


class PersonForm(forms.Form):
    so_dinh_danh = forms.RegexField(
        label=_("Số định danh cá nhân"),
        regex=r"^[0-9]{12}$",
        max_length=12,
        error_messages={
            "invalid": _("Số định danh cá nhân phải gồm đúng 12 chữ số."),
            "required": _("Hãy nhập số định danh cá nhân."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 14}),
    )
