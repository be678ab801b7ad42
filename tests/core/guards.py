"""What the guards look for in a page or a PDF: Python leaking into what people read, English words left
in the Vietnamese interface, Vietnamese interface strings left in the English one."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import motcua

# Python's own representations: never something a person should read.
PYTHON = re.compile(
    r"dict_items\(|dict_keys\(|dict_values\(|<QuerySet|<bound method|object at 0x|<function |"
    r"\bNone\b|\bTrue\b|\bFalse\b|\[\]|\{\}"
)
# Telltale English words of an interface left untranslated (whole words, as written in code).
ENGLISH = re.compile(
    r"\b(Submit|Save|Cancel|Delete|Not [Ff]ound|Page not found|Server Error|Forbidden|Bad Request|"
    r"Loading|Previous|Next|Search|Back|Edit|Yes|No|Error|required|This field)\b"
)
VIETNAMESE_LETTERS = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Text(HTMLParser):
    """The text a person sees or hears (screen readers read aria-label, placeholder, alt, title)."""

    SILENT = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self.english_nodes: list[str] = []  # inside an element with its own lang (the language switch)
        self._stack: list[tuple[str, bool, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        silent = tag in self.SILENT or bool(self._stack and self._stack[-1][1])
        # An island marked with its own language (the switch's "English", "Tiếng Việt"): written the same in
        # every interface language on purpose. The page's own <html lang> is not an island.
        marked = tag != "html" and bool(attrs.get("lang"))
        english = marked or bool(self._stack and self._stack[-1][2])
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self._stack.append((tag, silent, english))
        if not silent:
            for name in SHOWN_ATTRIBUTES:
                if attrs.get(name):
                    (self.english_nodes if english else self.nodes).append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.nodes.append(attrs["value"])

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if bool(self._stack) and self._stack[-1][1]:
            return
        text = " ".join(data.split())
        if text:
            (self.english_nodes if self._stack and self._stack[-1][2] else self.nodes).append(text)


def visible_text(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return parser.nodes


def python_leaks(page: str) -> list[str]:
    """Python representations in the raw HTML (escaped or not) and in the visible text."""
    raw = html.unescape(page)
    found = [
        m.group(0) for m in re.finditer(r"dict_items\(|dict_keys\(|<QuerySet|<bound method|object at 0x", raw)
    ]
    found += [node for node in visible_text(page) if PYTHON.search(node)]
    return found


def english_leftovers(page: str) -> list[str]:
    return [node for node in visible_text(page) if ENGLISH.search(node)]


def pdf_leaks(text: str) -> list[str]:
    return [line for line in text.splitlines() if PYTHON.search(line) or ENGLISH.search(line)]


# --- catalogs and templates --------------------------------------------------------------------------

ROOT = Path(motcua.__file__).parent


def po_files() -> list[Path]:
    return sorted(ROOT.glob("**/locale/en/LC_MESSAGES/django.po"))


def msgids() -> set[str]:
    from tests.i18n.test_english import read_po

    return {e["msgid"] for path in po_files() for e in read_po(path)}


_TAG = re.compile(r"<[^>]*>")
_TRANSLATED_OPEN = re.compile(r"^\s*(blocktranslate|blocktrans)\b")
_TRANSLATED_CLOSE = re.compile(r"^\s*(endblocktranslate|endblocktrans)\b")


def template_literals(path: Path) -> list[str]:
    """Vietnamese text written straight into a template, outside {% translate %}/{% blocktranslate %}:
    it stays Vietnamese in English. Tag attributes are read too (placeholder="…")."""
    from django.template.base import Lexer, TokenType

    found, inside, comment = [], 0, False
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.BLOCK:
            if _TRANSLATED_OPEN.match(token.contents):
                inside += 1
            elif _TRANSLATED_CLOSE.match(token.contents):
                inside -= 1
            elif token.contents.strip() == "comment":
                comment = True
            elif token.contents.strip() == "endcomment":
                comment = False
        elif token.token_type == TokenType.TEXT and not inside and not comment:
            for attr in re.findall(r'(?:placeholder|title|aria-label|alt)="([^"{]*)"', token.contents):
                if VIETNAMESE_LETTERS.search(attr):
                    found.append(attr)
            text = " ".join(_TAG.sub(" ", token.contents).split())
            if VIETNAMESE_LETTERS.search(text):
                found.append(text)
    return found
