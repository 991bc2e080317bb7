"""Changes to staff accounts that must take effect everywhere at once."""

from django.db import transaction

from accounts.models import User
from accounts.signed_in import end_all_sessions
from audit.trail import record


def deactivate(user: User, *, by: User | None) -> int:
    """Deactivate a user and end every session they have; returns how many were ended."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        ended = end_all_sessions(user)
        record(by, "user.deactivate", user, detail={"sessions_ended": ended})
    return ended
