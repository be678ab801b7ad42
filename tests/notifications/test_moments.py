"""The other moments a citizen hears about: a fee to pay, an apology with a new appointment, the result
ready and returned — each in Vietnamese, local time, through the real SMTP server."""

import pytest

from motcua.dossiers import services

from .conftest import at, receive

pytestmark = pytest.mark.django_db


def subjects(smtp):
    return [mail["Subject"].strip() for _to, mail in smtp.messages]


def test_a_fee_due_at_reception_asks_for_payment(world, smtp, publish):
    dossier = receive(world, world.licence)
    publish()
    assert subjects(smtp) == [
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code}: đề nghị nộp phí, lệ phí",
    ]
    assert "phí, lệ phí phải nộp: 100.000 đồng" in smtp.messages[1][1].get_content()


def test_a_paid_fee_asks_for_nothing(world, smtp, publish):
    dossier = receive(world, world.licence, paid={"method": "cash", "reference": "BL-1"})
    publish()
    assert subjects(smtp) == [f"Hồ sơ {dossier.code} đã được tiếp nhận"]


def test_an_apology_gives_the_new_appointment_in_local_time(world, smtp, publish):
    dossier = receive(world)
    dossier = services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    services.extend(
        dossier,
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-10 09:00"),
        reason="Chờ xác minh",
        at=at("2026-03-04 09:00"),
    )
    publish()
    assert subjects(smtp)[-1] == f"Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {dossier.code}"
    body = smtp.messages[-1][1].get_content()
    assert "Ngày hẹn trả kết quả mới: 09:00 ngày 10/03/2026." in body and "Lý do: Chờ xác minh" in body


def test_result_ready_and_returned(world, smtp, publish):
    dossier = receive(world)
    dossier = services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    dossier = services.finish_step(
        dossier,
        actor=world.specialist,
        version=2,
        next_assignee=world.leader,
        note="Đủ",
        at=at("2026-03-03 09:00"),
    )
    dossier = services.approve(dossier, actor=world.leader, version=3, at=at("2026-03-03 14:00"))
    dossier = services.issue_result(
        dossier,
        actor=world.leader,
        version=4,
        title="Giấy khai sinh",
        number="123/GKS",
        e_copy_ref="kho:gks-123",
        at=at("2026-03-03 15:00"),
    )
    services.return_result(
        dossier, actor=world.officer, version=5, method="postal", at=at("2026-03-04 09:00")
    )
    publish()
    assert subjects(smtp) == [
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code} đã có kết quả",
        f"Hồ sơ {dossier.code} đã trả kết quả",
    ]
