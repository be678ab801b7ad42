"""The periodic results report for March 2026 in Hà Nội: six dossiers, each placed in the books by hand.

Dossiers are received through the services; where they stand afterwards (finished when, withdrawn,
which channel) is written on the rows, as the report only reads those stored facts.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from openpyxl import load_workbook

from motcua.dossiers.models import Dossier
from motcua.supervision import periods, results
from motcua.supervision.pdf import results_pdf
from motcua.supervision.xlsx import results_xlsx
from tests.dossiers.factories import at

from .conftest import receive

APRIL = at("2026-04-10 09:00")


def _set(dossier, **values):
    Dossier.objects.filter(pk=dossier.pk).update(**values)


@pytest.fixture
def march(world):
    january = receive(world, when="2026-01-12 09:00")  # finished in February: not in March's books
    _set(january, status="returned", finished_at=at("2026-02-02 10:00"))
    carried = receive(world, when="2026-02-20 09:00")  # due in February, finished in March: late
    _set(carried, status="returned", finished_at=at("2026-03-02 10:00"))
    early = receive(world, when="2026-03-02 09:00")  # due 05/03 at the earliest; finished 03/03
    _set(early, status="result_ready", finished_at=at("2026-03-03 09:00"))
    online = receive(world, when="2026-03-03 09:00")  # still open at the end of March: late
    _set(online, channel="online")
    postal = receive(world, world.licence, when="2026-03-04 09:00")  # an hour before due: on time
    _set(postal, channel="postal", status="returned", finished_at=F("due_at") - timedelta(hours=1))
    withdrawn = receive(world, when="2026-03-05 09:00")  # received, then withdrawn: neither
    _set(withdrawn, status="withdrawn", finished_at=at("2026-03-06 09:00"))
    return world


def test_march_in_the_books_per_agency_and_in_total(march):
    report = results.results(march.province.code, periods.month("2026-03"), now=APRIL)
    names = [line.name for line in report.by_agency]
    assert names == ["Sở Tư pháp thành phố Hà Nội", "Ủy ban nhân dân xã Sóc Sơn"]
    justice, soc_son = report.by_agency
    #                            recv carried online person post done early on-time late open ok late
    assert justice.numbers() == [1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0]
    assert soc_son.numbers() == [4, 1, 1, 2, 0, 2, 1, 0, 1, 1, 0, 1]
    assert report.total.numbers() == [5, 1, 1, 2, 1, 3, 1, 1, 1, 1, 0, 1]
    assert sum(line.received for line in report.by_field) == report.total.received


def test_a_period_not_yet_over_judges_the_open_ones_now(march):
    report = results.results(march.province.code, periods.month("2026-03"), now=at("2026-03-04 08:00"))
    assert report.total.in_progress_late == 0 and report.total.in_progress_on_time == 1


def test_periods_quarter_year_and_bad_input():
    assert periods.quarter("2026-Q1").end.isoformat() == "2026-04-01"
    assert periods.quarter("2026-q4").end.isoformat() == "2027-01-01"
    assert periods.month("2026-12").end.isoformat() == "2027-01-01"
    assert periods.year("2026").label == "năm 2026"
    for bad in ("2026-13", "03/2026", ""):
        with pytest.raises(periods.BadPeriod):
            periods.month(bad)


def test_excel_has_the_templates_merged_header_and_numeric_totals(march, tmp_path):
    report = results.results(march.province.code, periods.month("2026-03"), now=APRIL)
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(results_xlsx(report))
    book = load_workbook(path)
    assert book.sheetnames == ["Theo cơ quan", "Theo lĩnh vực"]
    sheet = book["Theo cơ quan"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C6:G6", "H6:K6", "L6:N6", "E7:G7", "A6:A8", "C7:C8"} <= merged
    assert sheet["C6"].value == "Số hồ sơ nhận giải quyết" and sheet["E8"].value == "Trực tuyến"
    assert "tháng 03/2026" in sheet["A4"].value
    assert [c.value for c in sheet[12]] == [None, "Tổng cộng", 5, 1, 1, 2, 1, 3, 1, 1, 1, 1, 0, 1]
    assert all(isinstance(c.value, int) for c in sheet[12][2:])


def test_pdf_is_a_pdf_with_the_title(march):
    report = results.results(march.province.code, periods.month("2026-03"), now=APRIL)
    data = results_pdf(report)
    assert data.startswith(b"%PDF") and len(data) > 5000


def test_command_writes_excel_and_csv_and_refuses_bad_input(march, tmp_path, capsys):
    xlsx, csv_file = tmp_path / "r.xlsx", tmp_path / "r.csv"
    call_command(
        "report",
        "results",
        "--unit",
        march.province.code,
        "--month",
        "2026-03",
        "--xlsx",
        str(xlsx),
        "--csv",
        str(csv_file),
    )
    assert "5 hồ sơ nhận giải quyết" in capsys.readouterr().out
    assert load_workbook(xlsx)["Theo cơ quan"]["B10"].value == "Sở Tư pháp thành phố Hà Nội"
    assert csv_file.read_text(encoding="utf-8-sig").splitlines()[-1] == "Tổng cộng,5,1,1,2,1,3,1,1,1,1,0,1"
    with pytest.raises(CommandError, match="đơn vị hành chính"):
        call_command("report", "results", "--unit", "99999", "--month", "2026-03")
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("report", "results", "--unit", march.province.code, "--month", "2026-3")
