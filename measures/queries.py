"""Risk and outcome facts for lists of courses, without a query per row."""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from cases.outcomes import Outcome, classify, not_on_track
from measures.models import QuestionnaireResponse, RiskFlag


def with_open_risk(courses):
    """Annotate ``risk_open`` (bool) and ``risk_level`` (highest open level, or None)."""
    open_flags = RiskFlag.objects.filter(course=OuterRef("pk"), closed_at__isnull=True)
    return courses.annotate(
        risk_open=Exists(open_flags),
        risk_level=Subquery(open_flags.order_by("-level").values("level")[:1]),
    )


class CourseOutcome:
    """The outcome facts of one course: first and last scores, classification, on-track state."""

    def __init__(self, responses: list[QuestionnaireResponse], attended: int):
        self.phq9 = [r for r in responses if r.instrument == "phq9"]
        self.gad7 = [r for r in responses if r.instrument == "gad7"]
        self.attended = attended
        self.outcome: Outcome = classify(
            self._first(self.phq9),
            self._first(self.gad7),
            self._last(self.phq9),
            self._last(self.gad7),
        )
        points = [
            (
                r.total if r.instrument == "phq9" else None,
                r.total if r.instrument == "gad7" else None,
            )
            for r in responses
            if r.instrument in ("phq9", "gad7")
        ]
        self.not_on_track: bool = not_on_track(
            points,
            attended,
            from_session=settings.OUTCOME_NOT_ON_TRACK_FROM_SESSION,
            min_phq9_fall=settings.OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL,
        )

    @staticmethod
    def _first(series):
        return series[0].total if series else None

    @staticmethod
    def _last(series):
        # A single score is both first and last only when nothing later exists: classify needs a
        # pair, and one measurement is not a change.
        return series[-1].total if len(series) > 1 else None

    @property
    def phq9_first(self):
        return self._first(self.phq9)

    @property
    def gad7_first(self):
        return self._first(self.gad7)

    @property
    def phq9_last(self):
        return self.phq9[-1].total if self.phq9 else None

    @property
    def gad7_last(self):
        return self.gad7[-1].total if self.gad7 else None


def outcomes_for(courses: Iterable) -> dict[int, CourseOutcome]:
    """Outcome facts for many courses in two queries, whatever their number.

    Also sets ``course.outcome_facts`` on each course object so templates can read it.
    """
    courses = list(courses)
    ids = [course.pk for course in courses]
    if not ids:
        return {}
    by_course: dict[int, list[QuestionnaireResponse]] = defaultdict(list)
    for response in (
        QuestionnaireResponse.objects.valid()
        .filter(course_id__in=ids, instrument__in=["phq9", "gad7"])
        .order_by("completed_on", "created_at", "id")
    ):
        by_course[response.course_id].append(response)
    attended = {course.pk: getattr(course, "attended", None) for course in courses}
    if any(value is None for value in attended.values()):
        from sessions.models import Attendance, Session

        counts = dict(
            Session.objects.filter(course_id__in=ids)
            .values("course_id")
            .annotate(
                n=Count("id", filter=Q(attendance=Attendance.ATTENDED, voided_at__isnull=True))
            )
            .values_list("course_id", "n")
        )
        attended = {
            pk: (value if value is not None else counts.get(pk, 0))
            for pk, value in attended.items()
        }
    facts = {}
    for course in courses:
        facts[course.pk] = CourseOutcome(by_course.get(course.pk, []), attended[course.pk])
        course.outcome_facts = facts[course.pk]
    return facts


def open_risk_off_caseload(user):
    """Courses ``user`` may see with a risk flag still open that no working caseload shows:
    ended (completed or early), of an archived client, or of a therapist no longer active.

    One query: the highest open flag's reason and the standing ending's risk handover are
    annotated (``risk_reason``, ``risk_raised_at``, ``handover_told``, ``handover_arranged``).
    """
    from cases.models import Course, CourseEnding
    from cases.models.courses import CourseStatus

    on_a_caseload = Q(
        status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE],
        client__archived_at__isnull=True,
        therapist__is_active=True,
    )
    top = RiskFlag.objects.filter(course=OuterRef("pk"), closed_at__isnull=True).order_by(
        "-level", "-raised_at"
    )
    ending = (
        CourseEnding.objects.standing()
        .filter(course=OuterRef("pk"))
        .order_by("-recorded_at", "-id")
    )
    return (
        with_open_risk(Course.objects.visible_to(user))
        .filter(risk_open=True)
        .exclude(on_a_caseload)
        .select_related("client", "therapist")
        .annotate(
            risk_reason=Subquery(top.values("reason")[:1]),
            risk_raised_at=Subquery(top.values("raised_at")[:1]),
            handover_told=Subquery(ending.values("handover_told")[:1]),
            handover_arranged=Subquery(ending.values("handover_arranged")[:1]),
        )
        .order_by("-risk_level", "risk_raised_at", "pk")
    )
