"""The e-form of an online dossier: the applicant, the case, where it is handled, how the result comes.

Fields are never required at the form level: every value is kept in the draft as typed, and the rules
(identity numbers, phone, commune...) are the dossier engine's own (parties.clean_applicant), so the
portal and the API can never disagree. The form only draws the fields and shows the errors next to them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.choices import Delivery, Sex

APPLICANT_FIELDS = ("full_name", "id_number", "birth_date", "sex", "phone", "email", "address", "commune")
DRAFT_FIELDS = (*APPLICANT_FIELDS, "case", "handling_commune", "delivery", "delivery_address")
MAX_LENGTH = 300

DELIVERY_CHOICES = [
    (
        Delivery.ONLINE.value,
        _("Nhận bản điện tử trên tài khoản (tải về tại mục Hồ sơ của tôi, có giá trị như bản giấy)"),
    ),
    (Delivery.COUNTER.value, _("Nhận tại nơi giải quyết hồ sơ (mang giấy tiếp nhận hoặc căn cước)")),
    (Delivery.POSTAL.value, _("Gửi qua bưu điện đến địa chỉ của tôi (có thể mất phí gửi)")),
]


class SubmissionForm(forms.Form):
    case = forms.ChoiceField(label=_("Trường hợp của bạn"), required=False, widget=forms.RadioSelect)
    full_name = forms.CharField(
        label=_("Họ và tên"), required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (số căn cước, 12 chữ số)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 12}),
    )
    birth_date = forms.CharField(
        label=_("Ngày sinh"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    sex = forms.ChoiceField(label=_("Giới tính"), required=False, choices=[("", _("— Chọn —")), *Sex.choices])
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ nơi ở (số nhà, thôn, tổ)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    commune = forms.ChoiceField(label=_("Xã, phường, đặc khu nơi bạn ở"), required=False)
    handling_commune = forms.ChoiceField(label=_("Xã, phường, đặc khu giải quyết hồ sơ"), required=False)
    delivery = forms.ChoiceField(
        label=_("Bạn muốn nhận kết quả thế nào?"),
        required=False,
        choices=DELIVERY_CHOICES,
        widget=forms.RadioSelect,
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu điện"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "shipping street-address"}),
    )

    def __init__(self, *args, cases=(), communes=(), commune_level=False, deliveries=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the ways this procedure offers (dossiers.services.result_deliveries says which).
        self.fields["delivery"].choices = [c for c in DELIVERY_CHOICES if c[0] in deliveries]
        choices = [("", _("— Chọn xã, phường, đặc khu —")), *communes]
        self.fields["commune"].choices = choices
        self.fields["handling_commune"].choices = choices
        self.fields["case"].choices = list(cases)
        if not cases:
            del self.fields["case"]
        if not commune_level:
            del self.fields["handling_commune"]

    def mark_errors(self, errors: dict[str, str]) -> None:
        """Show each message next to its field, and tell assistive technology which field is wrong."""
        for name, message in errors.items():
            if name in self.fields:
                self.errors.pop(name, None)  # the engine's message, not Django's "select a valid choice"
                self.add_error(name, message)
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{name}-error"


def typed(post) -> dict[str, str]:
    """What the citizen typed, as strings (trimmed, bounded): kept in the draft as it is."""
    return {name: str(post.get(name, "")).strip()[:MAX_LENGTH] for name in DRAFT_FIELDS if name in post}
