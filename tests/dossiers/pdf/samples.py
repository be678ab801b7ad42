"""Realistic plain-data forms: a birth registration received in Ba Đình for an applicant from Sóc Sơn."""

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.dossiers.forms_pdf.context import (
    ApologyForm,
    DocumentLine,
    Issuer,
    Person,
    ReceiptForm,
    RefusalForm,
    StopNoticeForm,
    SupplementForm,
    TrackingRow,
    TrackingSheetForm,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "000.00.12.H62-201105-0004"
URL = "https://dichvucong.hanoi.gov.vn/tra-cuu/000.00.12.H62-201105-0004?k=7Kq2Xw9Lm3"
PROCEDURE = "Đăng ký khai sinh (thủ tục 1.001193)"

CENTER = Issuer(
    parent="UBND thành phố Hà Nội",
    unit="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
    place="Hà Nội",
    number="125/GTN-TTPVHCC",
)
COMMUNE = Issuer(
    parent="UBND thành phố Hà Nội",
    unit="Ủy ban nhân dân xã Sóc Sơn",
    place="Sóc Sơn",
)
APPLICANT = Person(
    full_name="Nguyễn Thị Hương",
    id_number="001190012345",
    address="Thôn Đông Xuân, xã Sóc Sơn, thành phố Hà Nội",
    phone="0912345678",
    email="huong.nguyen@example.vn",
    sex="female",
)
RECEIVED = datetime(2020, 11, 5, 8, 30, tzinfo=VN)
DUE = datetime(2020, 11, 12, 17, 0, tzinfo=VN)


def receipt(**changes) -> ReceiptForm:
    data = dict(
        issuer=CENTER,
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        documents=(
            DocumentLine("Tờ khai đăng ký khai sinh theo mẫu", originals=1),
            DocumentLine("Giấy chứng sinh do cơ sở y tế cấp", originals=1),
            DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ", copies=1, note="Tái sử dụng bản điện tử"),
        ),
        received_at=RECEIVED,
        appointment_at=DUE,
        time_limit_text="05 ngày làm việc",
        tracking_url=URL,
        result_place="Chi nhánh số 1 — Trung tâm Phục vụ hành chính công, phường Ba Đình",
        handling_agency="Ủy ban nhân dân xã Sóc Sơn",
        received_by="Trần Văn Đức",
        channel_label="Trực tiếp tại quầy",
    )
    data.update(changes)
    return ReceiptForm(**data)


def supplement(**changes) -> SupplementForm:
    data = dict(
        issuer=CENTER,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        items=(
            "Bổ sung Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp (bản chính).",
            "Ghi đầy đủ quê quán của người mẹ tại mục 5 của tờ khai.",
        ),
        reason="Hồ sơ chưa đủ thành phần theo quy định của thủ tục.",
        issued_at=RECEIVED,
        dossier_code=CODE,
        officer_name="Trần Văn Đức",
        contact_phone="024 3825 6789",
    )
    data.update(changes)
    return SupplementForm(**data)


def refusal(**changes) -> RefusalForm:
    data = dict(
        issuer=CENTER,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        reasons=("Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã.",),
        issued_at=RECEIVED,
        legal_basis="khoản 1 Điều 16 Nghị định số 118/2025/NĐ-CP",
        officer_name="Trần Văn Đức",
    )
    data.update(changes)
    return RefusalForm(**data)


def apology(**changes) -> ApologyForm:
    data = dict(
        issuer=COMMUNE,
        applicant=APPLICANT,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        received_at=RECEIVED,
        previous_appointment=DUE,
        new_appointment=datetime(2020, 11, 16, 10, 0, tzinfo=VN),
        reason="Cần xác minh thông tin hộ tịch của người mẹ tại nơi đăng ký thường trú trước đây.",
        issued_at=datetime(2020, 11, 11, 9, 0, tzinfo=VN),
        signer_title="Chủ tịch",
        signer_name="Lê Minh Quân",
    )
    data.update(changes)
    return ApologyForm(**data)


def stop_notice(**changes) -> StopNoticeForm:
    data = dict(
        issuer=COMMUNE,
        applicant=APPLICANT,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        received_at=RECEIVED,
        stopped_at=datetime(2020, 11, 9, 14, 15, tzinfo=VN),
        reason="Người yêu cầu rút hồ sơ.",
        issued_at=datetime(2020, 11, 9, 14, 30, tzinfo=VN),
        requested_at=datetime(2020, 11, 9, 10, 5, tzinfo=VN),
        return_place="Chi nhánh số 1 — Trung tâm Phục vụ hành chính công, phường Ba Đình",
        signer_title="Chủ tịch",
        signer_name="Lê Minh Quân",
    )
    data.update(changes)
    return StopNoticeForm(**data)


def tracking_sheet(**changes) -> TrackingSheetForm:
    rows = (
        TrackingRow(
            at=datetime(2020, 11, 5, 9, 10, tzinfo=VN),
            giver="Trần Văn Đức (Bộ phận Một cửa, phường Ba Đình)",
            receiver="Phạm Thu Trang (Ủy ban nhân dân xã Sóc Sơn)",
            action="Chuyển hồ sơ",
            step_due_at=datetime(2020, 11, 5, 12, 0, tzinfo=VN),
        ),
        TrackingRow(
            at=datetime(2020, 11, 10, 16, 0, tzinfo=VN),
            giver="Phạm Thu Trang (công chức tư pháp - hộ tịch)",
            receiver="Lê Minh Quân (Chủ tịch)",
            action="Trình ký",
            step_due_at=datetime(2020, 11, 10, 16, 0, tzinfo=VN),
        ),
        TrackingRow(
            at=datetime(2020, 11, 12, 8, 45, tzinfo=VN),
            giver="Lê Minh Quân (Chủ tịch)",
            receiver="Trần Văn Đức (Bộ phận Một cửa, phường Ba Đình)",
            action="Chuyển kết quả",
            step_due_at=datetime(2020, 11, 11, 17, 0, tzinfo=VN),
            note="Chậm do xác minh",
        ),
    )
    data = dict(
        issuer=CENTER,
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        handling_agency="Ủy ban nhân dân xã Sóc Sơn",
        received_at=RECEIVED,
        appointment_at=DUE,
        rows=rows,
        issued_at=datetime(2020, 11, 12, 9, 0, tzinfo=VN),
    )
    data.update(changes)
    return TrackingSheetForm(**data)


ALL = {
    "01": receipt,
    "02": supplement,
    "03": refusal,
    "04": apology,
    "05": stop_notice,
    "06": tracking_sheet,
}
