"""Document errors: stable codes for API clients, Vietnamese messages for people."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound

from .sniffing import KINDS, Rejected


class FileRejected(InvalidInput):
    """A file refused before it is stored; `code` comes from sniffing.Rejected."""

    def __init__(self, rejected: Rejected, *, only_pdf: bool = False):
        params = rejected.params
        not_allowed = (
            _("Bản điện tử của kết quả phải là tệp PDF (bản đã ký số).")
            if only_pdf
            else _(
                "Loại tệp không được chấp nhận. Chỉ nhận tệp PDF, ảnh (JPEG, PNG, TIFF) và văn bản, "
                "bảng tính (DOC, DOCX, XLS, XLSX, ODT, ODS)."
            )
        )
        messages = {
            "documents.empty": _("Tệp rỗng, không có nội dung."),
            "documents.too_large": _("Tệp quá lớn (%(size)s); dung lượng tối đa cho phép là %(max)s.")
            % {
                "size": filesizeformat(params.get("size", 0)),
                "max": filesizeformat(params.get("max_size", 0)),
            },
            "documents.type_not_allowed": not_allowed,
            "documents.unreadable": _(
                "Tệp không đọc được như một tệp %(kind)s: tệp bị hỏng hoặc nội dung không đúng định dạng; "
                "hãy quét hoặc lưu lại tệp rồi gửi lại."
            )
            % {"kind": kind_label(params.get("detected", ""))},
            "documents.extension_mismatch": _(
                "Nội dung tệp là %(kind)s nhưng tên tệp có đuôi %(extension)s; hãy kiểm tra lại tệp."
            )
            % {
                "kind": kind_label(params.get("detected", "")),
                "extension": params.get("extension", ""),
            },
        }
        super().__init__(
            messages.get(rejected.code, _("Tệp không hợp lệ.")),
            code=rejected.code,
            details={k: v for k, v in params.items() if isinstance(v, int | str)},
        )


class InvalidOwner(InvalidInput):
    code = "documents.invalid_owner"

    def __init__(self):
        super().__init__(
            _(
                "Số định danh cá nhân (12 chữ số) hoặc mã số thuế (10 hoặc 13 chữ số) của chủ giấy tờ không hợp lệ."
            )
        )


class DocumentNotFound(NotFound):
    code = "documents.not_found"

    def __init__(self):
        super().__init__(_("Không tìm thấy giấy tờ."))


class NotReusable(Forbidden):
    code = "documents.not_reusable"

    def __init__(self):
        super().__init__(
            _("Giấy tờ này không thuộc người yêu cầu của hồ sơ nên không thể dùng lại cho hồ sơ này.")
        )


class AlreadyAttached(Conflict):
    code = "documents.already_attached"

    def __init__(self, dossier_code: str):
        super().__init__(_("Giấy tờ đã được đính kèm vào hồ sơ %(code)s.") % {"code": dossier_code})


class StorageFailed(DomainError):
    code = "documents.storage_failed"
    http_status = 503

    def __init__(self):
        super().__init__(_("Không lưu được tệp vào kho lưu trữ; vui lòng thử lại sau ít phút."))


class IntegrityFailure(DomainError):
    """The stored bytes are gone or no longer the ones received: never serve them silently."""

    http_status = 500

    def __init__(self, code: str, name: str):
        messages = {
            "documents.checksum_mismatch": _(
                "Tệp của giấy tờ “%(name)s” trên kho lưu trữ đã bị thay đổi hoặc hỏng (mã kiểm tra "
                "SHA-256 không khớp)."
            ),
            "documents.file_missing": _("Không tìm thấy tệp của giấy tờ “%(name)s” trên kho lưu trữ."),
        }
        super().__init__(messages[code] % {"name": name}, code=code)


def kind_label(kind: str) -> str:
    return KINDS[kind].extension.lstrip(".").upper() if kind in KINDS else kind
