"""People and procedures of the review desk scenarios: a catalog administrator, officers of other roles,
and 1.001193 (birth registration) as the national portal lists it - its two headings read as cases,
conditional papers marked required, a bare "1" for the time limit - published since 1 July 2025."""

from datetime import date
from html.parser import HTMLParser

from motcua.catalog import services
from motcua.catalog.models import Procedure
from motcua.org import services as org
from motcua.org.roles import RoleCode
from tests.org.factories import province, user

SINCE = date(2025, 7, 1)
SUBMIT = "* Giấy tờ phải nộp"
SHOW = "* Giấy tờ phải xuất trình"
ABANDONED = (
    "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập."
)
BIRTH_CERTIFICATE = (
    "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận "
    "về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh."
)
ELECTRONIC = (
    "Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh hoặc cơ quan đăng ký hộ tịch đã khai "
    "thác được dữ liệu điện tử có ký số của Giấy chứng sinh thì không phải nộp bản giấy."
)
RESIDENCE = "Giấy tờ có giá trị chứng minh thông tin về cư trú"

BIRTH_REGISTRATION = {
    "name": "Thủ tục đăng ký khai sinh",
    "field": "Hộ tịch",
    "at_commune": True,
    "agency_kind": "commune_pc",
    "cases": [SUBMIT, SHOW],
    "documents": [
        {"name": ABANDONED, "originals": 1, "copies": 0, "required": True, "case": 0},
        {"name": ELECTRONIC, "originals": 0, "copies": 0, "required": True, "case": 0},
        {"name": BIRTH_CERTIFICATE, "originals": 1, "copies": 0, "required": True, "case": 0},
        {"name": RESIDENCE, "originals": 1, "copies": 0, "required": True, "case": 1},
    ],
    "channel_terms": [
        {
            "channel": channel,
            "time_value": None,
            "time_unit": "unknown",
            "time_text": "1",
            "fee_kind": "free",
            "fee_amount": 0,
            "fee_text": "Miễn phí",
        }
        for channel in ("online", "postal", "in_person")
    ],
    "needs_review": True,
    "review_reasons": [
        *[{"field": "time_limit", "reason": "time_no_unit", "detail": "1"}] * 3,
        {"field": "cases", "reason": "heading_cases", "detail": SUBMIT},
    ],
}


def birth_registration():
    """1.001193, version 1 published from 1 July 2025 (open-ended). When the package's national import
    is loaded, its 1.001193 makes way (inside the test's transaction) so the scenario starts the same."""
    Procedure.objects.filter(code="1.001193").delete()
    procedure = services.create_procedure(code="1.001193")
    draft = services.create_draft(procedure=procedure, data=BIRTH_REGISTRATION)
    services.publish(version=draft, valid_from=SINCE, decision_no="163/QĐ-BTP")
    return procedure


def catalog_admin(name: str = "Trần Thị Danh Mục"):
    person = user(full_name=name)
    org.assign_staff(user=person, role=RoleCode.CATALOG_ADMIN, target=province(), valid_from=SINCE)
    return person


class _FormReader(HTMLParser):
    """What a browser submits from the form whose class contains `css_class`: text inputs, hidden
    inputs, checked boxes, the selected (else first) option of each select, textarea contents."""

    def __init__(self, css_class: str):
        super().__init__(convert_charrefs=True)
        self.css_class, self.inside = css_class, False
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = self.css_class in (a.get("class") or "").split()
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.values.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            self.values.extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser drops the newline right after <textarea>, as browsers do.
            self.values.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def read_form(html: str, css_class: str = "cat-editor") -> dict[str, str]:
    """The form as a browser would post it (a dict: the editor's names are unique, except `resolved`)."""
    reader = _FormReader(css_class)
    reader.feed(html)
    return dict(reader.values)
