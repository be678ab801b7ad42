"""Django's database sessions, with the signed-in user as a column (models.Session): the session and its
user are read in one statement on every request that carries a session cookie, with SQL built once,
instead of two queries compiled each time. Writing, expiry and clearing are Django's."""

from contextvars import ContextVar

from django.contrib import auth
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from motcua.core.fast import rows

_reading: ContextVar["SessionStore | None"] = ContextVar("motcua_session_reading", default=None)
_texts: dict[str, str] = {}  # database alias -> the session-and-user SELECT


class SessionStore(db.SessionStore):
    joined_user = None  # (user id as the session keeps it, the user read with the session) after a load

    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def create_model_instance(self, data):
        obj = super().create_model_instance(data)
        obj.user_id = _user_key(data.get(SESSION_KEY))
        return obj

    def _get_session_from_db(self):
        self.joined_user = None
        key = self.session_key  # already checked by SessionBase (length, characters) or None
        if not key:
            self._session_key = None
            return None
        model, user_model = self.model, get_user_model()
        connection = connections[router.db_for_read(model)]
        users = rows.reader(user_model, connection.alias)
        sql = _texts.get(connection.alias)
        if sql is None:
            q = connection.ops.quote_name
            sql = _texts[connection.alias] = (
                f"SELECT s.{q('session_data')}, {users.columns(connection, 'u')}"  # noqa: S608 - constant names
                f" FROM {q(model._meta.db_table)} s LEFT JOIN {q(user_model._meta.db_table)} u"
                f" ON u.{q(user_model._meta.pk.column)} = s.{q('user_id')}"
                f" WHERE s.{q('session_key')} = %s AND s.{q('expire_date')} > %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        if any(value is not None for value in row[1:]):
            user = users.build(row[1:], connection)
            self.joined_user = (str(user.pk), user)
        return model(session_key=key, session_data=row[0])


def _user_key(value):
    """The user column of a session: the id `login` keeps in it, or NULL (anonymous, or not an id)."""
    if value is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(value)
    except Exception:  # noqa: BLE001 - an id of another shape: the column stays empty, reads fall back
        return None


def get_user(request):
    """`django.contrib.auth.get_user`, during which the backend may take the user read with this
    request's session instead of reading it again."""
    token = _reading.set(getattr(request, "session", None))
    try:
        return auth.get_user(request)
    finally:
        _reading.reset(token)


def user_read_with_session(user_id):
    """The user of id `user_id` if the session being read for this request brought it, else None."""
    store = _reading.get()
    joined = getattr(store, "joined_user", None)
    if joined is not None and joined[0] == str(user_id):
        return joined[1]
    return None
