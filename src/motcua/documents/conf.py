"""The app's settings, with their defaults (settings.py reads them from the environment).

MOTCUA_DOCUMENT_MAX_BYTES      largest accepted file, default 20 MB
MOTCUA_DOCUMENT_ALLOWED_KINDS  kinds from sniffing.KINDS, default all of them
MOTCUA_DOCUMENT_ORPHAN_GRACE   seconds before `motcua documents sweep` deletes an unreferenced file
Files go to STORAGES["default"] (local disk under MEDIA_ROOT, or S3 with MOTCUA_STORAGE=s3): the same
storage as the dossiers' result copies, so an issued result can be reused without copying its bytes.
"""

from django.conf import settings
from django.core.files.storage import Storage, storages

from .sniffing import ALLOWED_DEFAULT

PREFIX = "documents"


def max_bytes() -> int:
    return int(getattr(settings, "MOTCUA_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))


def allowed_kinds() -> frozenset[str]:
    kinds = getattr(settings, "MOTCUA_DOCUMENT_ALLOWED_KINDS", None)
    return frozenset(kinds) if kinds else ALLOWED_DEFAULT


def orphan_grace_seconds() -> int:
    return int(getattr(settings, "MOTCUA_DOCUMENT_ORPHAN_GRACE", 3600))


def storage() -> Storage:
    return storages["default"]
