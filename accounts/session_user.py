"""The signed-in user's row read with the session's, in one query instead of two.

Every signed-in request reads its session (``django_session``), then the user it names. The
session's entry under "My sessions" (``UserSession``, written at sign-in) already links the
session key to the user, so ``SessionStore`` reads the session row joined to that user's row.
The user is only a candidate: ``auth.get_user`` still takes the user id from the session data
and checks the session's password hash against the row, and ``SignedInUserBackend`` still
refuses an inactive user. It only skips the second query when the row it was handed is the
user the session names, read fresh in this request; otherwise it reads the user as before.
So a changed password, a deactivated account or a session ended elsewhere acts exactly as
with Django's own session store and ``ModelBackend``.
"""

import contextvars
from contextlib import contextmanager

from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

_candidate: contextvars.ContextVar = contextvars.ContextVar("signed_in_user", default=None)


class SessionStore(DatabaseSessionStore):
    """Django's database sessions; ``signed_in_user`` is the row of the user listed for it."""

    signed_in_user = None

    def _get_session_from_db(self):
        from accounts.models import User, UserSession

        self.signed_in_user = None
        using = router.db_for_read(self.model)
        connection = connections[using]
        quote = connection.ops.quote_name
        # Table and column names from the models, never from input.
        sql = (
            f"SELECT u.*, s.{quote('session_data')} AS ipt_session_data "  # noqa: S608
            f"FROM {quote(self.model._meta.db_table)} s "
            f"LEFT JOIN {quote(UserSession._meta.db_table)} us "
            f"ON us.{quote('session_key')} = s.{quote('session_key')} "
            f"LEFT JOIN {quote(User._meta.db_table)} u ON u.{quote('id')} = us.{quote('user_id')} "
            f"WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        try:
            rows = list(User.objects.db_manager(using).raw(sql, [self.session_key, now]))
        except SuspiciousOperation as e:  # as Django's store: a bad key is logged, not raised
            self._log_suspicious(e)
            rows = []
        if not rows:
            self._session_key = None
            return None
        row = rows[0]
        # The encoded session travels no further than here: not on ``request.user``.
        session_data = row.__dict__.pop("ipt_session_data")
        self.signed_in_user = row if row.pk is not None else None
        return self.model(session_key=self.session_key, session_data=session_data)

    def _log_suspicious(self, error) -> None:
        import logging

        logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
        logger.warning(str(error))


@contextmanager
def _offering(user):
    token = _candidate.set(user)
    try:
        yield
    finally:
        _candidate.reset(token)


class SignedInUserBackend(ModelBackend):
    """``ModelBackend`` that takes the user row the session store read, when it is the one."""

    def get_user(self, user_id):
        user = _candidate.get()
        if user is None or user.pk != user_id:
            return super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        request.session.get(auth.SESSION_KEY)  # loads the session, and its user's row
        with _offering(getattr(request.session, "signed_in_user", None)):
            request._cached_user = auth.get_user(request)
    return request._cached_user


class SignedInUserMiddleware(AuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware``, handing ``auth.get_user`` the row read already."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))
