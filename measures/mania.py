"""The "possible mania or hypomania" flag: the course's latest valid mania screen (ASRM) at or
above its published cut-off (6, Altman et al. 1997; docs/clinical-safety.md, H46).

The flag is read from the latest screen, never stored: a later screen below the cut-off clears
it, and voiding the positive screen (entered in error) clears it too. Lists annotate it in the
same query as their rows (``with_mania_screen``); pages of one course ask ``mania_screen``.
"""

from django.db.models import OuterRef, Subquery

from measures import instruments
from measures.models import QuestionnaireResponse

CODE = "asrm"


def _latest(course_ref):
    return (
        QuestionnaireResponse.objects.valid()
        .filter(course=course_ref, instrument=CODE)
        .order_by("-completed_on", "-created_at", "-id")
    )


def with_mania_screen(courses):
    """Annotate ``mania_total`` (the latest valid ASRM total, or None) and
    ``mania_on`` (its date); ``is_mania_flagged(course)`` reads them."""
    latest = _latest(OuterRef("pk"))
    return courses.annotate(
        mania_total=Subquery(latest.values("total")[:1]),
        mania_on=Subquery(latest.values("completed_on")[:1]),
    )


def is_mania_flagged(course) -> bool:
    """Whether an annotated course row (``with_mania_screen``) carries the flag."""
    total = getattr(course, "mania_total", None)
    return total is not None and instruments.get(CODE).screens_positive(total)


def mania_screen(course) -> QuestionnaireResponse | None:
    """The latest valid ASRM of one course when it is positive, else None (one query)."""
    latest = _latest(course).first()
    if latest is None or not instruments.get(CODE).screens_positive(latest.total):
        return None
    return latest
