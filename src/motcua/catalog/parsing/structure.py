"""How the documents list of a procedure page is organised (ADR 0022, DOMAIN.md). Pure Python.

- A heading "* Giấy tờ phải nộp", "* Giấy tờ phải xuất trình", "Thành phần hồ sơ", "Bao gồm" is a section,
  not a case: its papers are common to every case. "* Lưu ý" opens notes. Any other heading is a case.
  Papers under "…phải xuất trình" are shown to the officer and handed back (Nghị định 123/2015, Điều 2):
  they are marked `presented` and never counted among the papers kept in the dossier.
- A row with 0 originals and 0 copies is an explanation (a note); under "Lưu ý" only a row that counts
  papers and names one (a form, a certificate) is a paper.
- "Trường hợp…", "Nếu…", "Đối với…", "(nếu có)", "…trong trường hợp…" → conditional: not required, the
  condition kept.
- Alternatives: the papers after "…một trong (các|những) giấy tờ sau" (a heading or a note) until the next
  heading or note, and rows joined by a trailing "hoặc", share a one-of key. A "(i)…(v)" list without such an
  announcement is kept as separate papers and flagged: the text does not say whether all are needed.
"""

import re
from dataclasses import dataclass

_COMMON = re.compile(
    r"^(các )?(giấy tờ|tài liệu) phải (nộp|xuất trình)|^thành phần hồ sơ|^bao gồm|^hồ sơ (gồm|bao gồm)",
    re.IGNORECASE,
)
# "Các giấy tờ phải nộp đối với phương tiện thủy nội địa": a section heading that names a case is a case.
_NAMES_A_CASE = re.compile(r"\b(đối với|trường hợp|nếu)\b", re.IGNORECASE)
_PRESENTED = re.compile(r"^(các )?(giấy tờ|tài liệu) phải xuất trình", re.IGNORECASE)
_NOTES = re.compile(r"^(lưu ý|ghi chú|chú ý)\b", re.IGNORECASE)
_ONE_OF = re.compile(r"một trong (các|những|số)?\s*(giấy tờ|tài liệu|văn bản|loại)", re.IGNORECASE)
_CONDITION_START = re.compile(
    r"^\W*((?:trong )?trường hợp|nếu|đối với|khi)\b(.*?)(?=\s+thì\b|[,:;]|\.\s|$)", re.IGNORECASE
)
# "Tờ khai … (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)"
_CONDITION_BRACKET = re.compile(r"\([^()]*?\b(nếu (?!có\s*\))[^()]{3,200})\)", re.IGNORECASE)
_CHANNEL = re.compile(r"hình thức (trực tiếp|trực tuyến)|qua (dịch vụ )?bưu chính", re.IGNORECASE)
_CONDITION_INSIDE = re.compile(r"\b((?:trong|đối với) (?:các )?trường hợp\b[^.;]*)", re.IGNORECASE)
_OPTIONAL = re.compile(r"\(\s*nếu có\s*\)|không bắt buộc", re.IGNORECASE)
_ROMAN = re.compile(r"^\(?(i{1,3}|iv|v|vi{0,3})\)\s", re.IGNORECASE)
_PAPER = re.compile(
    r"^\W*(tờ khai|đơn\b|bản khai|phiếu|giấy|bản sao|bản chính|văn bản|mẫu|hộ chiếu|thẻ|sổ|quyết định|biên bản)",
    re.IGNORECASE,
)
# A form named in a 0/0 row is still a paper: the count was lost, not the paper.
_FORM = re.compile(r"^\W*(tờ khai|đơn\b(?! vị)|bản khai|phiếu (đề nghị|yêu cầu|đăng ký))", re.IGNORECASE)
# A 0/0 row that names a paper rather than stating a rule ("…phải được hợp pháp hóa", "…có trách nhiệm…").
_RULE = re.compile(r"\b(phải|có trách nhiệm|không được|được miễn|có thể|có quyền|không cần)\b", re.IGNORECASE)
# "(iv) ", "i) ", "a) ", "1. ", "2.1. ", "+ ", "- ": list markers before the text itself.
_MARKER = re.compile(r"^\s*(?:\(?[ivx]{1,4}\)|\(?[a-zđ]\)|\(?\d+(?:\.\d+)*[.)]|[-+•*])\s*", re.IGNORECASE)
_MAX_CONDITION = 300


@dataclass
class NoteData:
    text: str
    case_index: int | None


def _bare(title: str) -> str:
    return title.lstrip("*+-• \t").strip()


def condition_of(name: str) -> str:
    """The condition an item is asked under, "" when it is always asked."""
    name = _MARKER.sub("", name, count=1)
    match = _CONDITION_START.match(name)
    if match:
        return (match.group(1) + match.group(2)).strip()[:_MAX_CONDITION]
    main_clause = re.split(r";|\.\s", name, maxsplit=1)[0]
    inside = _CONDITION_INSIDE.search(main_clause)
    if inside:
        return inside.group(1).strip()[:_MAX_CONDITION]
    bracket = _CONDITION_BRACKET.search(main_clause)
    if bracket:
        return bracket.group(1).strip()[:_MAX_CONDITION]
    if _OPTIONAL.search(name):
        return "nếu có"
    return ""


class Reader:
    """Feed headings and parsed rows in source order; read `cases`, `documents`, `notes` at the end."""

    def __init__(self) -> None:
        self.cases: list[str] = []
        self.documents: list = []
        self.notes: list[NoteData] = []
        self._case: int | None = None
        self._in_notes = False
        self._group = ""  # the one-of key in force, "" when none
        self._groups = 0
        self._joined = False  # the previous row ended with "hoặc"
        self._presented = False  # under a "Giấy tờ phải xuất trình" heading

    def _new_group(self) -> str:
        self._groups += 1
        return str(self._groups)

    def heading(self, title: str) -> None:
        bare = _bare(title)
        self._group, self._joined, self._in_notes = "", False, False
        self._presented = bool(_PRESENTED.match(bare))
        if _NOTES.match(bare):
            self._in_notes, self._case = True, None
        elif _COMMON.match(bare) and not _NAMES_A_CASE.search(bare):
            self._case = None
        else:
            self.cases.append(bare)
            self._case = len(self.cases) - 1
            if _ONE_OF.search(bare):
                self._group = self._new_group()

    def _note(self, text: str) -> None:
        self.notes.append(NoteData(text, self._case))
        self._joined = False
        if _ONE_OF.search(text) and not self._in_notes:
            self._group = self._new_group()  # "…gồm một trong các giấy tờ sau": the rows that follow
        else:
            self._group = ""

    def item(self, document) -> None:
        name = document.name
        counted = bool(document.originals or document.copies)
        if self._in_notes and not (counted and _PAPER.match(name)):
            self._note(name)
            return
        if document.quantity_given and not counted:
            bare = _MARKER.sub("", name, count=1)
            paper = _FORM.match(bare) or (
                _PAPER.match(bare) and not _CONDITION_START.match(bare) and not _RULE.search(bare)
            )
            if not paper:
                self._note(name)
                return
            document.issue = document.issue or "document_no_quantity"
        document.case_index = self._case
        document.presented = self._presented
        condition = condition_of(name)
        if condition:
            document.condition, document.required = condition, False
        if self._group:
            document.one_of = self._group
        elif self._joined and self.documents:
            previous = self.documents[-1]
            previous.one_of = previous.one_of or self._new_group()
            document.one_of = previous.one_of
        elif _ROMAN.match(name) and not document.issue:
            document.issue = "documents_list_unclear"  # all of them, or one of them? the text does not say
        self._joined = bool(re.search(r"\bhoặc\W*$", name, re.IGNORECASE))
        self.documents.append(document)

    def finish(self) -> "Reader":
        """Papers asked "if submitted in person" / "if online" are one paper per channel: a one-of group,
        required. A one-of group of a single paper is no choice: that paper is simply asked for."""
        by_case: dict[int | None, list] = {}
        for document in self.documents:
            if _CHANNEL.search(document.condition) and not document.one_of:
                by_case.setdefault(document.case_index, []).append(document)
        for documents in by_case.values():
            if len(documents) > 1:
                key = self._new_group()
                for document in documents:
                    document.one_of, document.required = key, True
        sizes: dict[str, int] = {}
        for document in self.documents:
            if document.one_of:
                sizes[document.one_of] = sizes.get(document.one_of, 0) + 1
        keys = {}
        for document in self.documents:
            if document.one_of and sizes[document.one_of] < 2:
                document.one_of = ""
            elif document.one_of:
                document.one_of = keys.setdefault(document.one_of, str(len(keys) + 1))
        return self
