"""What officers and applicants write on the dossiers (reasons, supplement items, result titles)."""

NOT_ACCEPTED = (
    "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan đã chọn.",
    "Hồ sơ tải lên không đọc được, đề nghị nộp lại bản quét rõ nét.",
    "Thông tin người yêu cầu không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
)
SUPPLEMENT_ITEMS = (
    ("Bản sao giấy tờ chứng minh nơi cư trú",),
    ("Tờ khai có chữ ký của người yêu cầu", "Bản chụp căn cước còn hiệu lực"),
    ("Sơ đồ thửa đất có xác nhận của người sử dụng đất liền kề",),
    ("Giấy ủy quyền có chứng thực",),
)
SUPPLEMENT_REASON = "Hồ sơ chưa đầy đủ thành phần theo quy định, đề nghị bổ sung một lần các nội dung sau."
WITHDRAWAL = (
    "Người yêu cầu không còn nhu cầu giải quyết.",
    "Người yêu cầu xin rút hồ sơ để bổ sung thông tin và nộp lại.",
)
STOP = ("Người yêu cầu đã chết, không có người thừa kế tiếp tục thực hiện thủ tục.",)
REFUSAL = (
    "Người yêu cầu không đủ điều kiện theo quy định của pháp luật.",
    "Kết quả xác minh cho thấy thông tin kê khai không chính xác.",
)
APOLOGY = (
    "Hồ sơ cần xác minh thêm tại cơ quan khác; xin lỗi ông/bà và hẹn lại ngày trả kết quả.",
    "Hệ thống chuyên ngành gián đoạn; xin lỗi ông/bà và hẹn lại ngày trả kết quả.",
)
