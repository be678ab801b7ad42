"""Read rendered PDFs back with Poppler (pdftotext, pdfinfo, pdftoppm, pdffonts) and ZBar (zbarimg): real
tools, not our own code, so a test passes only when a reader sees what a citizen would see."""

import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

TOOLS = ("pdftotext", "pdfinfo", "pdftoppm", "pdffonts", "zbarimg")


@contextmanager
def _saved(pdf: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.pdf"
        path.write_bytes(pdf)
        yield path


def _run(args: list) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    """The text a reader copies out, with line breaks and runs of spaces made single spaces (where a
    line wraps is layout, not content)."""
    with _saved(pdf) as path:
        return " ".join(_run(["pdftotext", "-enc", "UTF-8", path, "-"]).split())


def pdf_pages(pdf: bytes) -> int:
    with _saved(pdf) as path:
        info = _run(["pdfinfo", path])
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_page_size_mm(pdf: bytes) -> tuple[int, int]:
    with _saved(pdf) as path:
        info = _run(["pdfinfo", path])
    line = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = float(line.split()[2]), float(line.split()[4])
    return round(width / 72 * 25.4), round(height / 72 * 25.4)


def pdf_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name without the subset tag, embedded?) for every font of the document."""
    with _saved(pdf) as path:
        lines = _run(["pdffonts", path]).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        fonts.append((parts[0].split("+", 1)[-1], parts[-5] == "yes"))
    return fonts


def qr_codes(pdf: bytes, resolution: int = 150) -> list[str]:
    """Every QR code ZBar finds on the first page, rendered as a printer would."""
    with _saved(pdf) as path:
        _run(["pdftoppm", "-png", "-r", resolution, "-f", 1, "-l", 1, path, path.parent / "page"])
        image = next(path.parent.glob("page*.png"))
        done = subprocess.run(
            ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)],
            capture_output=True,
            timeout=60,
        )
    return [line for line in done.stdout.decode("utf-8").splitlines() if line]
