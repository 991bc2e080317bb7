"""The dashboard's filter by flag, its default order and each column's order, in SQL.

They read the courses' stored flag state (``supervision.flag_state``), open risk live (never
stored), and the two day-dependent flags as "stored day <= today". Each expression is the
database's form of the Python value the table shows (``supervision.dashboard.COLUMNS``), so
the order is the one the rows would have if sorted in Python: text compared by code point
(binary collation), a missing value last in either direction, ties in the default order (open
risk level, number of flags, client's family then given name) and finally the course's id.
"""

import datetime

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Collate, Concat, Lower, NullIf, Trim

from cases.course_kinds import Adaptation
from measures.queries import with_open_risk
from supervision.flag_state import BITS


def _binary(expression):
    """Text compared by code point, as Python compares it."""
    if connection.vendor == "postgresql":
        return Collate(expression, "C")
    return expression


def _is(condition: Q):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def with_order_facts(courses, today: datetime.date):
    """Annotate what the filter and the orders read: ``risk_open``/``risk_level`` (live),
    ``risk_rank``, ``state_flags`` (the stored ones), ``unsigned_now``, ``overdue_now`` and ``flags_now`` (the number of flags)."""
    courses = with_open_risk(courses)
    return courses.annotate(
        risk_rank=Case(
            When(risk_open=True, then=Coalesce(NullIf(F("risk_level"), 0), Value(1))),
            default=Value(0),
            output_field=IntegerField(),
        ),
        state_flags=F("flag_state__flags"),
        unsigned_now=_is(Q(flag_state__unsigned_from__lte=today)),
        overdue_now=_is(Q(flag_state__overdue_from__lte=today)),
        flags_now=Coalesce(F("flag_state__flag_count"), Value(0))
        + _is(Q(risk_open=True))
        + F("unsigned_now")
        + F("overdue_now"),
    )


def flag_filter(key: str | None) -> Q:
    """Courses raising the flag ``key`` (needs ``with_order_facts`` and ``with_flag_bit``);
    every course for no key."""
    if not key:
        return Q()
    if key == "risk":
        return Q(risk_open=True)
    if key == "unsigned":
        return Q(unsigned_now=1)
    if key == "overdue":
        return Q(overdue_now=1)
    return Q(has_flag__gt=0)


def with_flag_bit(courses, key: str | None):
    """Alias ``has_flag``, the stored bit of the flag ``key`` when it is a stored one."""
    if key in BITS:
        return courses.alias(has_flag=F("flag_state__flags").bitand(BITS[key]))
    return courses


def filter_by_flag(courses, key: str | None):
    if not key:
        return courses
    return with_flag_bit(courses, key).filter(flag_filter(key))


def _therapist_name():
    full = Trim(Concat("therapist__first_name", Value(" "), "therapist__last_name"))
    return Case(
        When(Q(therapist__first_name="") & Q(therapist__last_name=""), then="therapist__username"),
        default=full,
    )


def _adaptation_label():
    return Case(
        *(When(adaptation=value, then=Value(label)) for value, label in Adaptation.choices),
        default=F("adaptation"),
    )


def column_values() -> dict[str, list]:
    """Each sortable column's value(s), in the database."""
    return {
        "client": [
            _binary(Lower("client__family_name")),
            _binary(Lower("client__given_name")),
        ],
        "therapist": [_binary(Lower(_therapist_name()))],
        "adaptation": [_binary(_adaptation_label())],
        "session": [F("attended")],
        "phase": [F("flag_state__phase_rank")],
        "focal": [_binary(NullIf(F("flag_state__focal_area"), Value("")))],
        "phq9_first": [F("flag_state__depression_first")],
        "phq9_last": [F("flag_state__depression_last")],
        "outcome": [F("flag_state__outcome_rank")],
        "risk": [F("risk_rank")],
        "flags": [F("flags_now")],
    }


def default_order() -> list:
    """At-risk courses first (highest level first), then the most flagged, then by client."""
    return [
        F("risk_rank").desc(),
        F("flags_now").desc(),
        *(value.asc() for value in column_values()["client"]),
        F("pk").asc(),
    ]


def ordering(key: str, descending: bool) -> list:
    """The ORDER BY of ``?sort=``: the column, missing values last, then the default order."""
    if not key:
        return default_order()
    values = [
        OrderBy(value, descending=descending, nulls_last=True) for value in column_values()[key]
    ]
    return [*values, *default_order()]
