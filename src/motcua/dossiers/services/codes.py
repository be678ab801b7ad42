"""The next dossier code of a prefix and day: one counter row, incremented under its row lock.

The UPDATE takes the row's lock and holds it until the reception's transaction commits, so two counters
receiving at the same second get consecutive numbers and a rolled-back reception gives its number back.
The first code of a day creates the row; two first receptions racing both try, the loser's INSERT fails
inside a savepoint and it increments the winner's row instead. Works the same on SQLite (whose
IMMEDIATE transactions already serialise writers) and PostgreSQL; the unique constraint on the code is
the last guard.
"""

from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .. import codes
from ..models import CodeCounter

TABLE = CodeCounter._meta.db_table


def _increment(prefix: str, day: date) -> int | None:
    """UPDATE ... RETURNING where the database has it (PostgreSQL, SQLite >= 3.35): one statement."""
    if not connection.features.can_return_columns_from_insert:
        rows = CodeCounter.objects.filter(prefix=prefix, day=day)
        return rows.values_list("last", flat=True).get() if rows.update(last=F("last") + 1) else None
    q = connection.ops.quote_name
    sql = (
        f"UPDATE {q(TABLE)} SET {q('last')} = {q('last')} + 1"  # noqa: S608 - constant names
        f" WHERE {q('prefix')} = %s AND {q('day')} = %s RETURNING {q('last')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix, connection.ops.adapt_datefield_value(day)])
        row = cursor.fetchone()
    return row[0] if row else None


def next_sequence(prefix: str, day: date) -> int:
    for _attempt in range(2):
        last = _increment(prefix, day)
        if last is not None:
            return last
        try:
            with transaction.atomic():
                CodeCounter.objects.create(prefix=prefix, day=day, last=1)
            return 1
        except IntegrityError:
            continue  # another reception created the row first: increment it
    raise RuntimeError(f"could not allocate a dossier code for {prefix} {day}")  # pragma: no cover


def new_code(prefix: str, day: date) -> str:
    return codes.format_code(prefix, day, next_sequence(prefix, day))
