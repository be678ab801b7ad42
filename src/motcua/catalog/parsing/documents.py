"""Required documents per case ("Thành phần hồ sơ") from scraped list items. Pure Python.

- An item starting with "## " opens a case (trường hợp); the documents after it belong to it.
- The quantity in brackets at the end: "[1 bản chính]", "[0 bản chính,1 bản sao]", "[1 bản sao]",
  "[Bản chính: 1, Bản sao: 0]".
- A form template file name glued to the end of the name ("…(NA20).Mau NA20-BCA.docx") is cut off at the
  first glue point (no space between the name's last character and the file name's first) and kept as
  the template name; several glued files are split at their extensions.
- "(nếu có)" / "không bắt buộc" in the name → not required.

Structure (ADR 0022) is read by `parse_documents` with the help of `structure.py`: section headings are
not cases, "Lưu ý" rows and 0/0 rows are notes, conditional items keep their condition and are not
required, alternatives share a one-of key, a quantity glued to the name is split off.
"""

import re
from dataclasses import dataclass

from . import structure
from .structure import NoteData
from .terms import clean

_QUANTITY = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
# "1 bản chính" or "Bản chính: 1"; [ \t] not \s: in "Bản chính: 1\nBản sao: 0" the 1 is not a copy count.
_ORIGINALS = re.compile(r"(\d+)[ \t]*bản chính|bản chính[ \t]*:[ \t]*(\d+)", re.IGNORECASE)
_COPIES = re.compile(r"(\d+)[ \t]*bản sao|bản sao[ \t]*:[ \t]*(\d+)", re.IGNORECASE)
_EXT = r"(?i:docx|doc|pdf|xlsx|xls|rar|zip|odt)"
_ENDS_WITH_FILE = re.compile(rf"\.{_EXT}$")
# Files glued one after another: an extension followed by anything but a small letter ends a name.
_FILE_CHAIN = re.compile(rf".+?\.{_EXT}(?:\.{_EXT})*(?=[^a-z]|$)")
_TEMPLATE_WORDS = re.compile(r"^(Mẫu|Mau|MẪU|MAU|Mus|Phụ lục|Phu luc|PL\b)")
# A Vietnamese syllable never runs into the next one without a space: "quy địnhvăn bản…" is a glue point.
_GLUED_WORDS = re.compile(r"^(mẫu|mau|văn bản|báo cáo|tờ khai|đơn|phụ lục|thuyết minh)", re.IGNORECASE)
_OPTIONAL = re.compile(r"\(\s*nếu có\s*\)|không bắt buộc", re.IGNORECASE)
# "…: 01 bản chính", "nộp 01 bản sao": the count written into the name instead of the brackets.
_GLUED_QUANTITY = re.compile(r"[\s:,;.\-–]*(?:nộp\s*)?(\d+)\s*(bản chính|bản sao)\W*$", re.IGNORECASE)
_MAX_TEMPLATE = 600
_MAX_FILE_NAME = 130


@dataclass
class DocumentData:
    name: str
    originals: int
    copies: int
    required: bool
    template_name: str
    case_index: int | None
    issue: str = ""
    condition: str = ""
    one_of: str = ""
    quantity_given: bool = True
    presented: bool = False  # under "Giấy tờ phải xuất trình": shown and handed back, not kept


def _is_glue_point(text: str, index: int) -> bool:
    before, char = text[index - 1], text[index]
    if before.isspace() or char.isspace():
        return False
    if before.isalpha() and _GLUED_WORDS.match(text[index:]):
        return True
    if before in '.);:]”"' and char.isalpha():
        return True
    if before in ".;)," and char.isdigit() and not text[index - 2 : index - 1].isdigit():
        return True
    return (char.isupper() or char.isdigit()) and (before.islower() or (before.isdigit() and char.isalpha()))


def _template_tail(text: str, index: int) -> list[str]:
    tail = text[index:]
    files = [f.strip() for f in _FILE_CHAIN.findall(tail)]
    if any(len(f) > _MAX_FILE_NAME for f in files):
        return []
    return files if files and "".join(files).replace(" ", "") == tail.replace(" ", "") else []


def split_template(text: str) -> tuple[str, list[str]]:
    """'Tờ khai…(NA20).Mau NA20-BCA.docx' → ('Tờ khai…(NA20).', ['Mau NA20-BCA.docx']).

    Of the glue points whose tail is a chain of file names, the first one whose tail starts like a
    template name ("Mẫu…", "Phụ lục…") wins, else the first one."""
    if not _ENDS_WITH_FILE.search(text):
        return text, []
    candidates = [
        index
        for index in range(max(1, len(text) - _MAX_TEMPLATE), len(text))
        if _is_glue_point(text, index) and _template_tail(text, index)
    ]
    if not candidates:
        return text, []
    named = [i for i in candidates if _TEMPLATE_WORDS.match(text[i:]) or _GLUED_WORDS.match(text[i:])]
    index = (named or candidates)[0]
    while _ENDS_WITH_FILE.search(text[:index].rstrip()):  # several files glued: walk back one by one
        earlier = [i for i in candidates if i < index]
        earlier_named = [i for i in earlier if i in named]
        if not earlier:
            break
        index = max(earlier_named or earlier)
    return text[:index].rstrip(), _template_tail(text, index)


def parse_quantity(text: str) -> tuple[int, int] | None:
    originals = _ORIGINALS.search(text)
    copies = _COPIES.search(text)
    if not originals and not copies:
        return None

    def value(match) -> int:
        return int(next(g for g in match.groups() if g is not None)) if match else 0

    return value(originals), value(copies)


def split_glued_quantity(name: str) -> tuple[str, tuple[int, int] | None]:
    """'Tờ khai…: 01 bản chính' → ('Tờ khai…', (1, 0)); 'Mẫu số 181 bản chính' → ('Mẫu số 18', (1, 0))."""
    match = _GLUED_QUANTITY.search(name)
    if not match:
        return name, None
    digits, kind = match.group(1), match.group(2).lower()
    rest = name[: match.start()]
    if len(digits) > 2 or (len(digits) == 2 and not digits.startswith("0") and rest.endswith(digits[0])):
        rest, digits = rest + match.group(0)[: match.group(0).index(digits)] + digits[:-1], digits[-1]
    rest = rest.rstrip(" :,;.-–")
    if len(rest) < 3:
        return name, None
    count = int(digits)
    return rest, ((count, 0) if kind == "bản chính" else (0, count))


def parse_document(item: str, case_index: int | None) -> DocumentData:
    text = item.replace("\xa0", " ").strip()
    quantity = None
    match = _QUANTITY.search(text)
    if match:
        quantity = parse_quantity(match.group(1))
        text = text[: match.start()]
    text = text.strip()
    name, files = split_template(text)
    name, glued = split_glued_quantity(name)
    quantity = quantity if quantity and any(quantity) else glued or quantity
    issue = ""
    if quantity is None:
        issue = "document_no_quantity"
        quantity = (0, 0)
    if _ENDS_WITH_FILE.search(text) and not files:
        issue = issue or "document_template_unsplit"
    name = clean(name).lstrip("-•*+ \t").strip() or clean(name)
    return DocumentData(
        name=name,
        originals=quantity[0],
        copies=quantity[1],
        required=not _OPTIONAL.search(name),
        template_name="; ".join(files)[:500],
        case_index=case_index,
        issue=issue,
        quantity_given=issue != "document_no_quantity",
    )


def parse_documents(items: list[str]) -> tuple[list[str], list[DocumentData], list[NoteData]]:
    """List items → (case titles, documents and notes with the index of their case or None)."""
    reader = structure.Reader()
    for item in items:
        if item.startswith("## "):
            reader.heading(clean(item[3:]).rstrip(":"))
        elif item.strip():
            reader.item(parse_document(item, None))
    reader.finish()
    return reader.cases, reader.documents, reader.notes


def table_documents(rows: list[dict]) -> tuple[list[str], list[DocumentData], list[NoteData]]:
    """The .doc export's structured 'thanh_phan_ho_so' table: name, template file(s), counts."""
    reader = structure.Reader()
    for row in rows:
        name = clean(row.get("ten_giay_to"))
        if not name:
            continue
        quantity = parse_quantity(row.get("ghi_chu") or "")
        name, glued = split_glued_quantity(name)
        quantity = quantity if quantity and any(quantity) else glued or quantity
        files = [clean(f) for f in re.split(r"[\n;]", row.get("so_luong") or "") if clean(f)]
        reader.item(
            DocumentData(
                name=name,
                originals=quantity[0] if quantity else 0,
                copies=quantity[1] if quantity else 0,
                required=not _OPTIONAL.search(name),
                template_name="; ".join(files)[:500],
                case_index=None,
                issue="" if quantity else "document_no_quantity",
                quantity_given=quantity is not None,
            )
        )
    reader.finish()
    return reader.cases, reader.documents, reader.notes
