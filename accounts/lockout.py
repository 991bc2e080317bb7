"""Lockout with a cap per account across addresses (django-axes handler).

Axes locks a username from one address after ``AXES_FAILURE_LIMIT`` (5) failures. That alone
lets someone guessing one account's password rotate through many addresses. This handler also
locks the account from every address once ``AXES_ACCOUNT_FAILURE_LIMIT`` (20) failures for it
have come from any addresses within the cool-off period. The cap is higher than the per-address
limit so one mistyping colleague cannot lock someone out; an administrator lifts a lock in the
admin (axes' access attempts) after checking with the user.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AccountCapHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return failures
        account = (
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if account >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            # Report the per-address limit as reached: axes then locks and signals as usual.
            return max(failures, get_failure_limit(request, credentials))
        return failures
