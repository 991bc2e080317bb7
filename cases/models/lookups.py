"""``field IN (subquery)`` in the form PostgreSQL plans best for the app's reads."""

from django.db.models import F, Q
from django.db.models.lookups import In


class InArray(In):
    """``field IN (subquery)``, written for PostgreSQL as ``field = ANY(ARRAY(subquery))``:
    the same rows (the subquery's values are never null), but PostgreSQL runs the subquery
    once, knows how many values it returned, and reads the outer table through its index on
    ``field``. With ``IN`` or ``EXISTS`` beside an OR or a handful of rows it often guessed
    hundreds of rows and scanned the whole table (docs/architecture.md, "Values kept for
    speed"). Other databases get ``IN`` as Django writes it."""

    def get_rhs_op(self, connection, rhs):
        if connection.vendor == "postgresql":
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)


def in_subquery_q(field: str, subquery) -> Q:
    """A filter keeping rows whose ``field`` is among ``subquery``'s values (``InArray``);
    ``subquery`` is a queryset of one non-null column (``.values(...)``)."""
    return Q(InArray(F(field), subquery.order_by()))
