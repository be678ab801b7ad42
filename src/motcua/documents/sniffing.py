"""What a file really is, from its bytes (pure Python, no Django).

The name and the Content-Type a browser sends are claims; the magic numbers at the start of the bytes
(and, for zip-based office files, the part names inside) are evidence. `inspect` accepts a file only
when the evidence names an allowed kind AND the file name's extension agrees with it, so a PDF renamed
"scan.jpg", an HTML page renamed "don.pdf" or a Windows program renamed "to-khai.docx" are refused.

The magic numbers are only the first bytes: a PDF and the images are then parsed (pypdf, Pillow) and
refused ("documents.unreadable") when they do not parse as what they claim — "%PDF-1.4" followed by an
HTML page is not a PDF.

Refusals carry a stable code ("documents.type_not_allowed", ...); the Django layer turns the code into
a Vietnamese message.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

HEAD_BYTES = 8192
IMAGE_FORMATS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF"}  # our kind -> Pillow's format name


@dataclass(frozen=True)
class FileKind:
    kind: str
    mime: str
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


KINDS: dict[str, FileKind] = {
    k.kind: k
    for k in (
        FileKind("pdf", "application/pdf", (".pdf",)),
        FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif")),
        FileKind("png", "image/png", (".png",)),
        FileKind("tiff", "image/tiff", (".tif", ".tiff")),
        FileKind(
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
        ),
        FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        FileKind("doc", "application/msword", (".doc",)),
        FileKind("xls", "application/vnd.ms-excel", (".xls",)),
        FileKind("odt", "application/vnd.oasis.opendocument.text", (".odt",)),
        FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    )
}
ALLOWED_DEFAULT = frozenset(KINDS)

# Recognised but never accepted: what they are is said in the refusal's details.
EXECUTABLE_MAGIC = (
    (b"MZ", "exe"),  # Windows PE / DOS
    (b"\x7fELF", "elf"),
    (b"\xfe\xed\xfa\xce", "mach-o"),
    (b"\xfe\xed\xfa\xcf", "mach-o"),
    (b"\xce\xfa\xed\xfe", "mach-o"),
    (b"\xcf\xfa\xed\xfe", "mach-o"),
    (b"\xca\xfe\xba\xbe", "mach-o/java"),
    (b"#!", "script"),
    (b"dex\n", "android"),
)
MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")


class Rejected(Exception):
    """A file the system will not store; `code` is stable, `params` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Verdict:
    kind: FileKind
    size: int
    extension_given: str
    notes: tuple[str, ...] = field(default=())


def extension_of(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in name.strip("."):
        return ""
    return "." + name.rsplit(".", 1)[-1].lower()


def _ole_kind(stream: BinaryIO) -> str | None:
    """Word or Excel 97-2003: a stream named WordDocument / Workbook in the OLE container's directory.

    Directory sectors can sit anywhere (Word often writes them last), so every 128-byte-aligned
    directory entry of the file is looked at, not only the first sector: the entry's UTF-16 name, its
    name-length field and its object type (2 = stream) must all agree."""
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    for name, kind in (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls")):
        needle = (name + "\0").encode("utf-16-le")
        position = data.find(needle)
        while position != -1:
            if position % 128 == 0 and len(data) >= position + 67:
                name_len, obj_type = struct.unpack_from("<HB", data, position + 64)
                if name_len == len(needle) and obj_type == 2:
                    return kind
            position = data.find(needle, position + 1)
    return None


OOXML_MAIN = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _zip_kind(stream: BinaryIO) -> str:
    """docx/xlsx/odt/ods by their part names; macros and anything else in a zip are refused."""
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                mimetype = archive.read(info).strip() if info.file_size < 100 else b""
                if mimetype in ODF_MIMETYPES and not any(n.lower().startswith("basic/") for n in names):
                    return ODF_MIMETYPES[mimetype]
            if "[Content_Types].xml" in names:
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    raise Rejected("documents.type_not_allowed", detected="office-macro")
                for part, kind in OOXML_MAIN.items():
                    if part in names:
                        return kind
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise Rejected("documents.type_not_allowed", detected="zip-corrupt") from exc
    finally:
        stream.seek(0)
    raise Rejected("documents.type_not_allowed", detected="zip")


def detect(head: bytes, stream: BinaryIO | None = None) -> str:
    """The kind named by the bytes, or Rejected with what was detected instead."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = _ole_kind(stream) if stream is not None else None
        if kind:
            return kind
        raise Rejected("documents.type_not_allowed", detected="ole")
    if head.startswith(b"PK\x03\x04"):
        if stream is None:
            raise Rejected("documents.type_not_allowed", detected="zip")
        return _zip_kind(stream)
    for magic, name in EXECUTABLE_MAGIC:
        if head.startswith(magic):
            raise Rejected("documents.type_not_allowed", detected=name)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(MARKUP_STARTS) or b"<script" in text[:1024]:
        raise Rejected("documents.type_not_allowed", detected="html")
    raise Rejected("documents.type_not_allowed", detected="unknown")


def inspect(
    stream: BinaryIO,
    *,
    filename: str,
    size: int,
    max_size: int,
    allowed: frozenset[str] = ALLOWED_DEFAULT,
) -> Verdict:
    """Check one file before it is stored. `stream` must be seekable; it is left at position 0."""
    if size <= 0:
        raise Rejected("documents.empty")
    if size > max_size:
        raise Rejected("documents.too_large", size=size, max_size=max_size)
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if not head:
        raise Rejected("documents.empty")
    kind = KINDS[detect(head, stream)]
    if kind.kind not in allowed:
        raise Rejected("documents.type_not_allowed", detected=kind.kind)
    given = extension_of(filename)
    if given and given not in kind.extensions:
        raise Rejected("documents.extension_mismatch", extension=given, detected=kind.kind)
    parse(kind.kind, stream)
    return Verdict(kind=kind, size=size, extension_given=given)


def parse(kind: str, stream: BinaryIO) -> None:
    """A PDF must have a readable page tree with at least one page; an image must decode its header and
    pass Pillow's verify (and not be a decompression bomb). Office files are checked by their structure
    above. Any parser error is a refusal, never a server error; the stream is left at position 0."""
    if kind != "pdf" and kind not in IMAGE_FORMATS:
        return
    stream.seek(0)
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(stream, strict=False)
            if len(reader.pages) < 1:
                raise ValueError("no page")
            reader.pages[0].mediabox  # noqa: B018 - reads the first page's object: the tree holds
        else:
            from PIL import Image

            with Image.open(stream) as image:
                if image.format != IMAGE_FORMATS[kind]:
                    raise ValueError(f"{image.format} is not {kind}")
                image.verify()
    except Exception as exc:  # noqa: BLE001 - whatever the parser trips on, the file is refused
        raise Rejected("documents.unreadable", detected=kind) from exc
    finally:
        stream.seek(0)
