"""The hand-over record as PDF: both names and confirmation times, the item list, Vietnamese text."""

import shutil
import subprocess
from pathlib import Path

import pytest

from motcua.postal import pdf, services
from tests.dossiers.factories import at

pytestmark = pytest.mark.django_db


def text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(path),
                "/tmp/motcua-shots/postal-record",
            ],
            check=False,
        )
    return " ".join(out.split())


def test_the_record_names_both_signers_with_their_times_and_lists_the_items(
    world, agent, ready, tmp_path, client
):
    dossiers = [
        ready(),
        ready(full_name="Trần Thị Mai", id_number="001190012345", birth_date="1990-01-01", sex="female"),
    ]
    batch = services.prepare_results(
        officer=world.officer, place=world.point_ba_dinh, dossiers=dossiers, at=at("2026-03-04 08:00")
    )
    services.sign(batch, user=world.officer, at=at("2026-03-04 08:10"))
    batch = services.sign(batch, user=agent, at=at("2026-03-04 08:25"))
    text = text_of(pdf.render_pdf(pdf.from_batch(batch)), tmp_path)
    assert "BIÊN BẢN BÀN GIAO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH QUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH" in text
    assert f"Số: {batch.code}" in text and "Hà Nội, ngày 04 tháng 3 năm 2026" in text
    assert "Trần Thị Bình" in text and "Xác nhận lúc 08:10 04/03/2026" in text
    assert "Lý Văn Bưu" in text and "Xác nhận lúc 08:25 04/03/2026" in text
    assert "bàn giao 2 bưu gửi" in text
    for item in batch.items.all():
        assert item.code in text and item.dossier.code in text
    assert "Nguyễn Văn An" in text and "Trần Thị Mai" in text
    assert (
        text.count("Thôn Đông, Xã Sóc") == 2 and text.count("Sơn, Thành phố Hà Nội") == 2
    )  # wrapped in its cell

    client.force_login(agent)
    response = client.get(f"/buu-chinh/bien-ban/{batch.code}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_unsigned_record_says_who_has_not_confirmed(world, ready, tmp_path):
    batch = services.prepare_results(
        officer=world.officer, place=world.point_ba_dinh, dossiers=[ready()], at=at("2026-03-04 08:00")
    )
    text = text_of(pdf.render_pdf(pdf.from_batch(batch)), tmp_path)
    assert text.count("Chưa xác nhận") == 2 and "Xác nhận lúc" not in text
