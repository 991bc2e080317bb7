"""Who may see which clinical record: the one rule every scoped queryset is built from."""

from django.db.models import Q


def visible_therapists_q(user, field: str) -> Q:
    """A filter on ``field`` (a path to a therapist user) that keeps only what ``user`` may see.

    A therapist sees their own records, a supervisor those of the therapists they supervise, a
    service administrator everything, anyone else nothing.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_service_admin:
        return Q()
    if user.is_supervisor:
        return Q(**{f"{field}__supervisor": user})
    return Q(**{field: user})


def can_edit_as(user, therapist) -> bool:
    """Only the treating therapist writes; supervisors and administrators read."""
    return getattr(user, "is_authenticated", False) and user.pk == therapist.pk
