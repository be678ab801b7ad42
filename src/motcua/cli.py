"""The `motcua` console command: Django's management commands under one name.

A command that cannot run says why and what to run first, in Vietnamese, with a non-zero exit code and
no traceback (ADR 0029): a missing SECRET_KEY, a database that was never migrated. Commands that only
read or compute (KEYLESS) run without SECRET_KEY; serving never does (settings refuse to load).
"""

import os
import sys

# Commands (and subcommands) that neither serve nor sign anything: settings let them run without a
# SECRET_KEY (the key is left empty, so any use of it still fails loudly). None: every subcommand.
KEYLESS: dict[str, frozenset[str] | None] = {
    "deadline": None,
    "check": None,
    "help": None,
    "version": None,
    "showmigrations": None,
    "oidc-check": None,
    "catalog": frozenset({"search", "export"}),
    "search": frozenset({"query"}),
    "payments": frozenset({"check"}),
    "postal": frozenset({"check"}),
    "dossiers": frozenset({"lifecycle-doc"}),
    "index": None,  # reads and scores (a snapshot writes rows but signs nothing)
    "kernel": frozenset({"events-doc"}),
    "portal": frozenset({"simulator", "status"}),
}

# Set by main() before the settings load; read by motcua.settings.
keyless_command = False

NO_KEY = (
    "Chưa đặt SECRET_KEY: lệnh «motcua {command}» cần khoá bí mật của máy chủ.\n"
    "Đặt biến môi trường SECRET_KEY (một chuỗi ngẫu nhiên dài, ví dụ "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
    "hoặc DEBUG=1 khi chạy thử trên máy của mình (`make run` đã đặt sẵn)."
)
NOT_MIGRATED = (
    "Cơ sở dữ liệu chưa có bảng cần dùng ({detail}): chạy `motcua migrate` trước "
    "(rồi `motcua bootstrap` nếu cần dữ liệu minh hoạ)."
)


def is_keyless(argv: list[str]) -> bool:
    words = [a for a in argv if not a.startswith("-")]
    if not words:  # `motcua` or `motcua --help`: the list of commands
        return True
    allowed = KEYLESS.get(words[0], frozenset())
    if allowed is None:
        return True
    return len(words) > 1 and words[1] in allowed


def _missing_table(exc: Exception) -> str | None:
    text = str(exc)
    for marker in ("no such table: ", "relation "):
        if marker in text and ("no such table" in text or "does not exist" in text):
            return text.split(marker, 1)[1].split()[0].strip('"')
    return None


def main(argv: list[str] | None = None) -> None:
    global keyless_command
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    keyless_command = is_keyless(argv)
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        settings.INSTALLED_APPS  # noqa: B018 — loads the settings now, to explain a refusal in words
    except ImproperlyConfigured as exc:
        if "SECRET_KEY" not in str(exc):
            raise
        words = [a for a in argv if not a.startswith("-")][:1]
        sys.stderr.write(NO_KEY.format(command=" ".join(words)) + "\n")
        sys.exit(2)
    try:
        execute_from_command_line(["motcua", *argv])
    except (OperationalError, ProgrammingError) as exc:
        table = _missing_table(exc)
        if table is None or "--traceback" in argv:
            raise
        sys.stderr.write(NOT_MIGRATED.format(detail=table) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
