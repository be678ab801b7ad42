"""What a citizen reads about a dossier: the states and the tracking-sheet actions in plain Vietnamese.

Pure Python: the one mapping from the lifecycle's state and action codes (motcua.dossiers.lifecycle) to
sentences a person understands without knowing the officers' words. Strings are marked with `_` and
translated by the Django layer when shown (gettext). A test checks every state and action has a line.
"""

from __future__ import annotations


def _(text: str) -> str:  # marks a string for translation; translated when shown
    return text


# State code -> (short label, one sentence on what it means for the citizen, tone for the badge).
STATUS = {
    "pending_acceptance": (
        _("Đã gửi, chờ cán bộ nhận"),
        _("Hồ sơ đã đến nơi giải quyết. Cán bộ sẽ xem và nhận hồ sơ trong vòng một ngày làm việc."),
        "wait",
    ),
    "received": (
        _("Đã nhận hồ sơ"),
        _("Cán bộ đã nhận hồ sơ của bạn. Thời hạn giải quyết bắt đầu được tính."),
        "progress",
    ),
    "not_accepted": (
        _("Không được nhận"),
        _("Hồ sơ không được nhận. Lý do được ghi ở dưới; bạn có thể sửa và nộp lại."),
        "stop",
    ),
    "in_progress": (
        _("Đang giải quyết"),
        _("Cơ quan có thẩm quyền đang xem xét hồ sơ của bạn."),
        "progress",
    ),
    "supplement_requested": (
        _("Cần bổ sung giấy tờ"),
        _("Bạn cần gửi thêm giấy tờ. Thời hạn tạm dừng cho đến khi bạn gửi đủ."),
        "action",
    ),
    "approved": (
        _("Đã được duyệt, đang làm kết quả"),
        _("Hồ sơ đã được đồng ý. Cơ quan đang làm giấy tờ kết quả cho bạn."),
        "progress",
    ),
    "refused": (
        _("Không được giải quyết"),
        _("Cơ quan không giải quyết hồ sơ này. Lý do có trong thông báo gửi bạn."),
        "stop",
    ),
    "result_ready": (
        _("Đã có kết quả"),
        _("Kết quả đã sẵn sàng. Bạn nhận theo cách đã chọn khi nộp hồ sơ."),
        "done",
    ),
    "returned": (
        _("Đã nhận kết quả"),
        _("Bạn đã nhận kết quả. Hồ sơ kết thúc."),
        "done",
    ),
    "withdrawn": (
        _("Bạn đã rút hồ sơ"),
        _("Bạn đã rút hồ sơ. Cơ quan dừng giải quyết và có thông báo dừng để bạn lưu."),
        "stop",
    ),
    "stopped": (
        _("Đã dừng giải quyết"),
        _("Cơ quan đã dừng giải quyết hồ sơ. Lý do được ghi ở dưới."),
        "stop",
    ),
}

# Tracking-sheet action code -> one line of the citizen's timeline.
TIMELINE = {
    "receive": _("Hồ sơ được nhận tại quầy."),
    "submit_online": _("Bạn đã gửi hồ sơ trực tuyến."),
    "accept": _("Cán bộ đã nhận hồ sơ trực tuyến của bạn."),
    "refuse_acceptance": _("Hồ sơ không được nhận."),
    "transfer": _("Hồ sơ được chuyển sang cơ quan có thẩm quyền khác."),
    "assign": _("Hồ sơ được giao cho cán bộ xem xét."),
    "finish_step": _("Xong một bước, hồ sơ chuyển sang bước tiếp theo."),
    "request_supplement": _("Cơ quan đề nghị bạn bổ sung giấy tờ."),
    "receive_supplement": _("Giấy tờ bổ sung đã được nhận, hồ sơ tiếp tục được giải quyết."),
    "extend": _("Cơ quan xin lỗi vì chậm và hẹn ngày trả kết quả mới."),
    "record_payment": _("Đã ghi nhận khoản phí, lệ phí bạn nộp."),
    "approve": _("Hồ sơ được lãnh đạo đồng ý."),
    "refuse": _("Cơ quan không giải quyết hồ sơ, có nêu lý do."),
    "issue_result": _("Kết quả đã được ký và sẵn sàng."),
    "return_result": _("Kết quả đã được trao cho bạn."),
    "withdraw": _("Bạn đã rút hồ sơ."),
    "stop": _("Cơ quan dừng giải quyết hồ sơ."),
}

# Actions whose note the citizen should read (a reason given to them); other notes are internal.
NOTE_SHOWN = {"refuse_acceptance", "request_supplement", "extend", "refuse", "stop", "withdraw"}


def status_label(state: str) -> str:
    return STATUS[state][0]


def status_text(state: str) -> str:
    return STATUS[state][1]


def status_tone(state: str) -> str:
    return STATUS[state][2]


def timeline_line(action: str) -> str:
    return TIMELINE[action]
