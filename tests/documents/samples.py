"""Real files of every kind the counter meets, built in memory: images and a PDF by Pillow, office files as
their formats define them (OOXML and ODF zips, a Compound File Binary container), and things to refuse."""

import io
import struct
import zipfile

from PIL import Image


def image(fmt: str, size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def pdf() -> bytes:
    return image("PDF")


def _zip(entries: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=kind)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def docx(macro: bool = False) -> bytes:
    entries = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", "<w:document>Tờ khai đăng ký khai sinh</w:document>".encode()),
    ]
    if macro:
        entries.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro"))
    return _zip(entries)


def xlsx() -> bytes:
    return _zip([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<workbook/>")])


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    return _zip([("mimetype", mimetype), ("content.xml", b"<office:document-content/>")], stored_first=True)


def plain_zip() -> bytes:
    return _zip([("ho-so/to-khai.pdf", pdf())])


def cfb(stream_name: str, data_sectors: int = 1) -> bytes:
    """A Compound File Binary (MS-CFB v3) container with one stream entry named `stream_name`: the
    shape of a Word 97-2003 (.doc, "WordDocument") or Excel (.xls, "Workbook") file. Sector 0 is the
    FAT, then the stream's data sectors, then the directory last (as Word often writes it)."""
    sector = 512
    assert data_sectors <= 126, "one FAT sector maps 128 sectors"
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)  # minor, major, byte order, shifts
    struct.pack_into("<I", header, 0x2C, 1)  # number of FAT sectors
    directory_sector = 1 + data_sectors
    struct.pack_into("<I", header, 0x30, directory_sector)  # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    header[0x4C : 0x4C + 436] = b"\xff" * 436
    struct.pack_into("<I", header, 0x4C, 0)  # DIFAT[0] = sector 0
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<I", fat, 0, 0xFFFFFFFD)  # sector 0 is the FAT
    for i in range(1, data_sectors + 1):  # the stream's chain: 1 -> 2 -> ... -> end
        struct.pack_into("<I", fat, 4 * i, i + 1 if i < data_sectors else 0xFFFFFFFE)
    struct.pack_into("<I", fat, 4 * directory_sector, 0xFFFFFFFE)

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(
        stream_name, 2, 1, sector * data_sectors
    )
    directory += b"\0" * (sector - len(directory))
    data = b"\x00" * (sector * data_sectors)
    return bytes(header) + bytes(fat) + data + directory


def doc(data_sectors: int = 1) -> bytes:
    return cfb("WordDocument", data_sectors)


def xls() -> bytes:
    return cfb("Workbook")


def windows_exe() -> bytes:
    return b"MZ\x90\x00\x03" + b"\x00" * 59 + b"PE\x00\x00" + b"\x00" * 200


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 100


def html() -> bytes:
    return b"\xef\xbb\xbf  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def svg() -> bytes:
    return b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'


def shell_script() -> bytes:
    return b"#!/bin/sh\nrm -rf /\n"
