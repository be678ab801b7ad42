"""Catalog errors: stable codes for API clients, Vietnamese messages for people."""

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, InvalidInput, NotFound


class VersionOverlap(Conflict):
    code = "catalog.version_overlap"

    def __init__(self, code: str, other_number: int, details: dict | None = None):
        super().__init__(
            _("Thời gian hiệu lực chồng lấn với phiên bản %(number)s đã công bố của thủ tục %(code)s.")
            % {"number": other_number, "code": code},
            details=details,
        )


class VersionImmutable(Conflict):
    code = "catalog.version_immutable"

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _("Phiên bản đã công bố hoặc đã bãi bỏ không được sửa; hãy tạo phiên bản mới (bản nháp).")
        )


class DraftExists(Conflict):
    code = "catalog.draft_exists"

    def __init__(self, number: int):
        super().__init__(
            _("Thủ tục đã có bản nháp (phiên bản %(number)s); hãy sửa hoặc công bố bản nháp đó.")
            % {"number": number}
        )


class InvalidTransition(Conflict):
    code = "catalog.invalid_transition"


class InvalidWindow(InvalidInput):
    code = "catalog.invalid_window"


class ProcedureNotFound(NotFound):
    code = "catalog.procedure_not_found"

    def __init__(self, code: str):
        super().__init__(_("Không tìm thấy thủ tục có mã %(code)s.") % {"code": code})


class VersionNotFound(NotFound):
    code = "catalog.version_not_found"

    def __init__(self, code: str, number):
        super().__init__(
            _("Không tìm thấy phiên bản %(number)s của thủ tục %(code)s.") % {"number": number, "code": code}
        )


class ProvinceNotFound(NotFound):
    code = "catalog.province_not_found"

    def __init__(self, code: str):
        super().__init__(_("Không tìm thấy tỉnh, thành phố có mã %(code)s.") % {"code": code})


class InvalidFile(InvalidInput):
    code = "catalog.invalid_file"


class ImportConflict(Conflict):
    code = "catalog.import_conflict"
