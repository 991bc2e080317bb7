"""Signed-in sessions: when they start, when they lapse, and ending them.

Timestamps live in the session itself (so the idle and absolute limits cost no query);
``UserSession`` rows list a user's browsers so they can end one, and so deactivating a user
ends them all.
"""

import datetime
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session as StoredSession
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.dispatch import receiver
from django.http import HttpRequest
from django.middleware.csrf import rotate_token
from django.utils import timezone

from accounts.models import User, UserSession
from audit.addresses import client_ip

STARTED_KEY = "signed_in_at"
LAST_SEEN_KEY = "last_seen_at"
# Refresh the idle clock at most this often, so a busy page costs no extra write per request.
TOUCH_EVERY_SECONDS = 60


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def _now() -> int:
    return int(time.time())


@receiver(user_logged_in, dispatch_uid="accounts.signed_in.start")
def start(sender, request: HttpRequest, user: User, **kwargs) -> None:
    """Stamp the new session and list it under the user."""
    now = _now()
    request.session[STARTED_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    if not request.session.session_key:
        request.session.save()
    moment = timezone.now()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "created": moment,
            "last_seen": moment,
            "ip": client_ip(request),
            "user_agent": request.headers.get("User-Agent", "")[:300],
        },
    )


@receiver(user_logged_out, dispatch_uid="accounts.signed_in.stop")
def stop(sender, request: HttpRequest, user: User | None, **kwargs) -> None:
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).delete()


def lapsed(request: HttpRequest) -> str | None:
    """Why this signed-in session must end now ("idle" or "absolute"), or None; touches it if alive."""
    session = request.session
    now = _now()
    started = session.get(STARTED_KEY)
    last_seen = session.get(LAST_SEEN_KEY)
    if started is None or last_seen is None:
        # A session from before these limits existed: start the clocks now.
        session[STARTED_KEY] = session[LAST_SEEN_KEY] = now
        return None
    if now - started > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now - last_seen > settings.SESSION_IDLE_SECONDS:
        return "idle"
    if now - last_seen >= TOUCH_EVERY_SECONDS:
        session[LAST_SEEN_KEY] = now
        if session.session_key:
            UserSession.objects.filter(session_key=session.session_key).update(
                last_seen=timezone.now()
            )
    return None


def live_sessions(user: User) -> QuerySet[UserSession]:
    """The user's sessions that can still be used: stored, unexpired, not idle or too old."""
    now = timezone.now()
    stored = StoredSession.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=now)
    return UserSession.objects.filter(
        Exists(stored),
        user=user,
        last_seen__gte=now
        - datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS + TOUCH_EVERY_SECONDS),
        created__gte=now - datetime.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS),
    )


def rotate_key(request: HttpRequest) -> None:
    """A new session key once the second step is passed (a key fixed or seen before it is
    useless after), keeping the session's entry under "My sessions"."""
    old = request.session.session_key
    request.session.cycle_key()
    rotate_token(request)  # as django.contrib.auth.login does for the password step
    if old:
        UserSession.objects.filter(session_key=old).update(session_key=request.session.session_key)


def end_session(user: User, session_id: int) -> bool:
    """End one of the user's own sessions; False when it is not theirs (or already gone)."""
    with transaction.atomic():
        row = UserSession.objects.filter(user=user, pk=session_id).first()
        if row is None:
            return False
        _store(row.session_key).delete()
        row.delete()
    return True


def end_all_sessions(user: User) -> int:
    """End every session of a user (deactivation, second-factor reset)."""
    rows = list(UserSession.objects.filter(user=user))
    for row in rows:
        _store(row.session_key).delete()
    UserSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)
