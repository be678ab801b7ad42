"""What a file is, from its bytes: accepted kinds, refused kinds, names that lie (pure, no database)."""

import io
import subprocess

import pytest

from motcua.documents.sniffing import ALLOWED_DEFAULT, Rejected, detect, extension_of, inspect

from . import samples

MB = 1024 * 1024


def check(data: bytes, filename: str, *, max_size: int = 20 * MB, allowed=ALLOWED_DEFAULT):
    return inspect(io.BytesIO(data), filename=filename, size=len(data), max_size=max_size, allowed=allowed)


@pytest.mark.parametrize(
    ("data", "filename", "kind"),
    [
        (samples.pdf(), "to-khai.pdf", "pdf"),
        (samples.image("JPEG"), "chung-sinh.jpg", "jpeg"),
        (samples.image("JPEG"), "CHUNG-SINH.JPEG", "jpeg"),
        (samples.image("PNG"), "anh.png", "png"),
        (samples.image("TIFF"), "ban-quet.tif", "tiff"),
        (samples.docx(), "to-khai.docx", "docx"),
        (samples.xlsx(), "danh-sach.xlsx", "xlsx"),
        (samples.odt(), "to-khai.odt", "odt"),
        (samples.odt(b"application/vnd.oasis.opendocument.spreadsheet"), "bang.ods", "ods"),
        (samples.doc(), "to-khai.doc", "doc"),
        (samples.doc(data_sectors=120), "to-khai.doc", "doc"),  # directory 60 KB in, past the head read
        (samples.xls(), "bang.xls", "xls"),
        (samples.pdf(), "khong-co-duoi", "pdf"),  # no extension: the bytes decide
    ],
)
def test_accepted_kinds(data, filename, kind):
    verdict = check(data, filename)
    assert verdict.kind.kind == kind
    assert verdict.size == len(data)


def test_the_office_samples_are_what_libmagic_says_they_are():
    """The hand-built containers are recognised by an independent reader (file(1)), so the sniffer is
    not only agreeing with the test's own idea of the formats."""
    for data, expected in (
        (samples.doc(), "CDFV2 Microsoft Word"),
        (samples.doc(data_sectors=120), "CDFV2 Microsoft Word"),
        (samples.xls(), "CDFV2 Microsoft Excel"),
        (samples.docx(), "Microsoft Word 2007+"),
        (samples.odt(), "OpenDocument Text"),
    ):
        out = subprocess.run(["file", "-b", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert expected in out, out


@pytest.mark.parametrize(
    ("data", "detected"),
    [
        (samples.windows_exe(), "exe"),
        (samples.elf(), "elf"),
        (samples.shell_script(), "script"),
        (samples.html(), "html"),
        (samples.svg(), "html"),
        (samples.plain_zip(), "zip"),
        (samples.docx(macro=True), "office-macro"),
        (b"PK\x03\x04 not really a zip", "zip-corrupt"),
        (samples.cfb("SummaryInformation"), "ole"),
        (b"Just some text, not a document.", "unknown"),
    ],
)
def test_refused_kinds_say_what_they_are(data, detected):
    with pytest.raises(Rejected) as caught:
        check(data, "ho-so.pdf")
    assert caught.value.code == "documents.type_not_allowed"
    assert caught.value.params["detected"] == detected


@pytest.mark.parametrize(
    ("data", "filename", "detected"),
    [
        (samples.pdf(), "anh-chup.jpg", "pdf"),  # a PDF with a .jpg name
        (samples.image("PNG"), "to-khai.pdf", "png"),
        (samples.docx(), "to-khai.doc", "docx"),
        (samples.image("JPEG"), "virus.exe", "jpeg"),
    ],
)
def test_a_name_that_contradicts_the_bytes_is_refused(data, filename, detected):
    with pytest.raises(Rejected) as caught:
        check(data, filename)
    assert caught.value.code == "documents.extension_mismatch"
    assert caught.value.params["detected"] == detected


def test_empty_and_too_large():
    with pytest.raises(Rejected) as empty:
        check(b"", "a.pdf")
    assert empty.value.code == "documents.empty"
    data = samples.pdf()
    with pytest.raises(Rejected) as large:
        check(data, "a.pdf", max_size=len(data) - 1)
    assert large.value.code == "documents.too_large"
    assert large.value.params == {"size": len(data), "max_size": len(data) - 1}
    assert check(data, "a.pdf", max_size=len(data)).kind.kind == "pdf"  # the limit itself is allowed


def test_a_kind_outside_the_allowed_set_is_refused():
    with pytest.raises(Rejected) as caught:
        check(samples.doc(), "a.doc", allowed=frozenset({"pdf", "jpeg"}))
    assert caught.value.params["detected"] == "doc"


def test_the_stream_is_left_at_the_start_for_the_writer():
    stream = io.BytesIO(samples.docx())
    inspect(stream, filename="a.docx", size=len(stream.getvalue()), max_size=MB)
    assert stream.tell() == 0


def test_extension_of_handles_paths_and_dots():
    assert extension_of("C:\\Scan\\GIAY.KHAI.SINH.PDF") == ".pdf"
    assert extension_of("/tmp/.hidden") == ""
    assert extension_of("noextension") == ""


def test_detect_without_a_stream_cannot_look_inside_a_zip():
    with pytest.raises(Rejected):
        detect(samples.docx()[:100])


@pytest.mark.parametrize(
    ("data", "filename", "detected"),
    [
        (b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n", "don.pdf", "pdf"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "rong.pdf", "pdf"),  # no page at all
        (samples.pdf()[:200], "cut.pdf", "pdf"),  # cut off in transfer
        (b"\xff\xd8\xff\xe0" + b"<html>not a photo</html>" * 10, "anh.jpg", "jpeg"),
        (samples.image("PNG")[:40], "anh.png", "png"),
        (b"II*\x00" + b"\x00" * 100, "quet.tif", "tiff"),
    ],
)
def test_files_that_only_start_like_their_kind_are_refused(data, filename, detected):
    with pytest.raises(Rejected) as refused:
        check(data, filename)
    assert refused.value.code == "documents.unreadable"
    assert refused.value.params == {"detected": detected}


def test_the_refusal_reads_in_vietnamese():
    from motcua.documents.errors import FileRejected

    error = FileRejected(Rejected("documents.unreadable", detected="pdf"))
    assert error.message.startswith("Tệp không đọc được như một tệp PDF")
    assert error.code == "documents.unreadable"
