"""PDF documents of the measures app: the safety plan, and when the end-of-treatment summary
is available (the letter itself is composed from several apps in ``ipt_site.pages.summary``).

Both go through the shared PDF engine (``cases.pdf``): autoescaped templates, a fetcher that
serves only our static files and the images generated for this render, and a time limit.
"""

import datetime

from django.utils import timezone

from cases.models.courses import CourseStatus
from measures.models import SafetyPlan


def summary_available(course) -> bool:
    """The end-of-treatment summary exists once the course ends or reaches termination."""
    if course.status in (CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY):
        return True
    return course.status == CourseStatus.ACTIVE and course.phase == "termination"


def safety_plan_context(course, *, by) -> dict:
    return {
        "course": course,
        "client": course.client,
        "plan": SafetyPlan.objects.filter(course=course).first(),
        "today": timezone.localdate(),
        "by": by,
    }


def filename(prefix: str, course, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    return f"{prefix}-{course.client.record_number}-{day:%Y%m%d}.pdf"
