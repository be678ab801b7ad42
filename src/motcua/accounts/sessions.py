"""Django's database sessions, with the read made on every request that carries a session cookie built
once: one SQL text instead of a query compiled each time. Writing, expiry and clearing are Django's."""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key  # already checked by SessionBase (length, characters) or None
        if not key:
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        q = connection.ops.quote_name
        sql = (
            f"SELECT {q('session_data')} FROM {q(model._meta.db_table)}"  # noqa: S608 - constant names
            f" WHERE {q('session_key')} = %s AND {q('expire_date')} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
