"""The results report as an Excel workbook laid out like the official template (openpyxl, ADR 0040).

Two sheets (per agency, per field), each: the unit and the national motto, the title and period, a
three-row merged header, the column numbers (1)…(14) the template prints, one row per line, the total
row. Every figure is a number (not a formula), so the sums are there for a reader whose spreadsheet
does not recalculate.
"""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .results import Line, Report

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(name="Times New Roman", bold=True, size=11)
PLAIN = Font(name="Times New Roman", size=11)
LAST = 14  # columns: STT, name, 12 figures

# (first column, last column, first row, last row, text) of the header, rows 6–8 (the template's).
HEADER = [
    (1, 1, 6, 8, "STT"),
    (3, 7, 6, 6, "Số hồ sơ nhận giải quyết"),
    (3, 3, 7, 8, "Tổng số"),
    (4, 4, 7, 8, "Số kỳ trước chuyển qua"),
    (5, 7, 7, 7, "Số mới tiếp nhận"),
    (5, 5, 8, 8, "Trực tuyến"),
    (6, 6, 8, 8, "Trực tiếp"),
    (7, 7, 8, 8, "Dịch vụ bưu chính"),
    (8, 11, 6, 6, "Số hồ sơ đã giải quyết"),
    (8, 8, 7, 8, "Tổng số"),
    (9, 9, 7, 8, "Trả trước hạn"),
    (10, 10, 7, 8, "Trả đúng hạn"),
    (11, 11, 7, 8, "Trả quá hạn"),
    (12, 14, 6, 6, "Số hồ sơ đang giải quyết"),
    (12, 12, 7, 8, "Tổng số"),
    (13, 13, 7, 8, "Trong hạn"),
    (14, 14, 7, 8, "Quá hạn"),
]
FIRST_DATA_ROW = 10


def _merge(ws, c1: int, c2: int, r1: int, r2: int, text: str, font=BOLD) -> None:
    if (c1, r1) != (c2, r2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    cell = ws.cell(row=r1, column=c1, value=text)
    cell.font, cell.alignment = font, CENTER
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            ws.cell(row=r, column=c).border = BOX


def _sheet(ws, report: Report, lines: list[Line], first: str) -> None:
    _merge(ws, 1, 4, 1, 1, report.unit.upper())
    _merge(ws, 8, LAST, 1, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    _merge(ws, 8, LAST, 2, 2, "Độc lập - Tự do - Hạnh phúc")
    _merge(ws, 1, LAST, 3, 3, "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    _merge(ws, 1, LAST, 4, 4, period_text(report), PLAIN)
    for c in range(1, LAST + 1):
        for r in (1, 2, 3, 4):
            ws.cell(row=r, column=c).border = Border()
    _merge(ws, 2, 2, 6, 8, first)
    for spec in HEADER:
        _merge(ws, *spec)
    for c in range(1, LAST + 1):
        _merge(ws, c, c, 9, 9, f"({c})", PLAIN)
    row = FIRST_DATA_ROW
    for n, line in enumerate(lines, start=1):
        _row(ws, row, n, line, PLAIN)
        row += 1
    _row(ws, row, "", Line("Tổng cộng", **_sum(lines)), BOLD)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 44
    for c in range(3, LAST + 1):
        ws.column_dimensions[get_column_letter(c)].width = 11
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1


def period_text(report: Report) -> str:
    period, last = report.period, report.period.end - timedelta(days=1)
    return f"Kỳ báo cáo: {period.label} (từ ngày {period.start:%d/%m/%Y} đến hết ngày {last:%d/%m/%Y})"


def _sum(lines: list[Line]) -> dict:
    total = Line("")
    for line in lines:
        total.add(line)
    return {k: v for k, v in total.__dict__.items() if k != "name"}


def _row(ws, row: int, n, line: Line, font) -> None:
    values = [n, line.name, *line.numbers()]
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=c, value=value)
        cell.font, cell.border = font, BOX
        cell.alignment = Alignment(
            horizontal="left" if c == 2 else "center", vertical="center", wrap_text=c == 2
        )


def results_xlsx(report: Report) -> bytes:
    book = Workbook()
    _sheet(book.active, report, report.by_agency, "Cơ quan giải quyết")
    book.active.title = "Theo cơ quan"
    _sheet(book.create_sheet("Theo lĩnh vực"), report, report.by_field, "Lĩnh vực")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
