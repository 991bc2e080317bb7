"""Risk and outcome facts for lists of courses, without a query per row."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery

from cases.models.lookups import in_subquery_q
from cases.outcomes import MeasurePlan, Outcome, classify_series, not_on_track, plan_for
from measures import instruments
from measures.models import MeasureEnds, QuestionnaireResponse, RiskFlag


def with_open_risk(courses):
    """Annotate ``risk_open`` (bool) and ``risk_level`` (highest open level, or None)."""
    open_flags = RiskFlag.objects.filter(course=OuterRef("pk"), closed_at__isnull=True)
    return courses.annotate(
        risk_open=Exists(open_flags),
        risk_level=Subquery(open_flags.order_by("-level").values("level")[:1]),
    )


class Score(NamedTuple):
    """One valid response's total, as lists read it: the answers are never loaded."""

    instrument: str
    total: int
    completed_on: datetime.date


def course_not_on_track(
    plan: MeasurePlan, thresholds, totals: list[dict], attended: int, *, maintenance: bool
) -> bool:
    """``cases.outcomes.not_on_track`` with the service's settings, for a course whose plan's
    valid totals in time order are ``totals`` (``{code: total}`` each)."""
    return not_on_track(
        plan,
        thresholds,
        totals,
        attended,
        # A maintenance course starts recovered: no further fall is expected, so only a
        # worsening makes it "not on track" (the expected-fall check never starts).
        from_session=attended + 1 if maintenance else settings.OUTCOME_NOT_ON_TRACK_FROM_SESSION,
        min_fall=settings.OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL,
    )


class CourseOutcome:
    """The outcome of one course, read from its adaptation's measures (``cases.outcomes``):
    first and last scores, classification, on-track state.

    Build it from the course's valid responses in time order (any instruments: those outside
    the course's measure plan are ignored). ``course_outcome`` and ``outcomes_for`` are the
    ways in.
    """

    def __init__(
        self,
        adaptation: str,
        responses: list,
        attended: int,
        thresholds=None,
        maintenance: bool = False,
    ):
        self.plan: MeasurePlan = plan_for(adaptation)
        codes = self.plan.codes
        self.responses = [r for r in responses if r.instrument in codes]
        self.attended = attended
        # Lists pass the thresholds read once for all their courses.
        thresholds = thresholds if thresholds is not None else instruments.thresholds()
        self.series: dict[str, list[QuestionnaireResponse]] = {c: [] for c in self.plan.codes}
        for response in self.responses:
            self.series[response.instrument].append(response)
        self.outcome: Outcome = classify_series(
            self.plan,
            thresholds,
            {code: [r.total for r in rows] for code, rows in self.series.items()},
        )
        self.not_on_track: bool = course_not_on_track(
            self.plan,
            thresholds,
            [{r.instrument: r.total} for r in self.responses],
            attended,
            maintenance=maintenance,
        )

    @property
    def depression_label(self) -> str:
        return instruments.get(self.plan.depression).short_name

    @property
    def depression_maximum(self) -> int:
        return instruments.get(self.plan.depression).max_total

    @property
    def depression_series(self) -> list[QuestionnaireResponse]:
        return self.series[self.plan.depression]

    @property
    def depression_first(self) -> int | None:
        rows = self.depression_series
        return rows[0].total if rows else None

    @property
    def depression_last(self) -> int | None:
        """The latest score, even when it is the only one (lists show where a course is)."""
        rows = self.depression_series
        return rows[-1].total if rows else None

    @property
    def paired_in_words(self) -> str:
        """'PHQ-9 18 to 6 (down 12); GAD-7 12 to 5 (down 7)': every paired measure."""
        return "; ".join(c.in_words for c in self.outcome.changes if c.paired)

    @property
    def rows(self) -> list[dict]:
        """One row per measure of the plan, with its role and thresholds, for panels and the
        letter; a measure never taken is listed too, so its absence shows."""
        rows = []
        for change in self.outcome.changes:
            instrument = instruments.get(change.code)
            series = self.series[change.code]
            rows.append(
                {
                    "change": change,
                    "instrument": instrument,
                    "role": ROLE_LABELS[change.role],
                    "first": series[0] if series else None,
                    "last": series[-1] if len(series) > 1 else None,
                    "count": len(series),
                }
            )
        return rows


ROLE_LABELS = {
    "depression": "Depression (primary)",
    "anxiety": "Anxiety",
    "tracked": "Also tracked",
}


def course_outcome(course) -> CourseOutcome:
    """THE outcome of one course, as the course page, the letter, the dashboard and the
    service figures read it (two queries: its responses, its attended sessions)."""
    return outcomes_for([course])[course.pk]


def outcomes_for(courses: Iterable, course_ids=None) -> dict[int, CourseOutcome]:
    """Outcome facts for many courses in two queries, whatever their number.

    Reads each valid response's stored total (``Score``), never its answers. Also sets
    ``course.outcome_facts`` on each course object so templates can read it. A long list may
    pass ``course_ids``, a subquery giving (at least) the courses' ids, so that hundreds of ids
    are not sent as parameters.
    """
    courses = list(courses)
    ids = [course.pk for course in courses]
    if not ids:
        return {}
    by_course: dict[int, list[Score]] = defaultdict(list)
    for course_id, code, total, completed_on in (
        QuestionnaireResponse.objects.valid()
        .filter(
            course_id__in=ids if course_ids is None else course_ids,
            instrument__in=instruments.thresholds(),
        )
        .order_by("completed_on", "created_at", "id")
        .values_list("course_id", "instrument", "total", "completed_on")
    ):
        by_course[course_id].append(Score(code, total, completed_on))
    attended = {course.pk: getattr(course, "attended", None) for course in courses}
    if any(value is None for value in attended.values()):
        from cases import ports
        from cases.models import Course

        counts = dict(
            Course.objects.filter(pk__in=ids)
            .annotate(n=ports.book().progress()["attended"])
            .values_list("pk", "n")
        )
        attended = {
            pk: (value if value is not None else counts.get(pk, 0))
            for pk, value in attended.items()
        }
    facts = {}
    thresholds = instruments.thresholds()  # read once, not per course
    for course in courses:
        facts[course.pk] = CourseOutcome(
            course.adaptation,
            by_course.get(course.pk, []),
            attended[course.pk],
            thresholds,
            maintenance=course.is_maintenance,
        )
        course.outcome_facts = facts[course.pk]
    return facts


class OutcomeSummary:
    """A course's classification from the first and latest score of each measure only (what
    the service figures count); built by ``classified_outcomes_for``."""

    def __init__(self, adaptation: str, ends: dict[str, tuple[int, int, int]], thresholds=None):
        self.plan: MeasurePlan = plan_for(adaptation)
        # code -> (first, latest, how many): the latest counts only when there are two.
        series = {
            code: [first] if count == 1 else [first, last]
            for code, (first, last, count) in ends.items()
            if code in self.plan.codes
        }
        self.counts = {code: ends[code][2] for code in series}
        thresholds = thresholds if thresholds is not None else instruments.thresholds()
        self.outcome: Outcome = classify_series(self.plan, thresholds, series)


def first_and_latest(ids: list[int]) -> dict[int, dict[str, tuple[int, int, int]]]:
    """course id -> {measure: (first total, latest total, count)} of valid responses, read
    from the values kept current on write (``MeasureEnds``, ``measures.scores``): one row per
    course and measure comes back, and no response is read."""
    rows = (
        MeasureEnds.objects.filter(
            course_id__in=ids, instrument__in=instruments.thresholds(), count__gt=0
        )
        .order_by()
        .values_list("course_id", "instrument", "first_total", "latest_total", "count")
    )
    ends: dict[int, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for course_id, code, first, last, count in rows:
        ends[course_id][code] = (first, last, count)
    return ends


def classified_outcomes_for(courses: Iterable) -> dict[int, OutcomeSummary]:
    """The classification of many courses in one query (``first_and_latest``); sets
    ``course.outcome_facts`` like ``outcomes_for``, without the on-track state."""
    courses = list(courses)
    if not courses:
        return {}
    ends = first_and_latest([course.pk for course in courses])
    facts = {}
    thresholds = instruments.thresholds()  # read once, not per course
    for course in courses:
        facts[course.pk] = OutcomeSummary(course.adaptation, ends.get(course.pk, {}), thresholds)
        course.outcome_facts = facts[course.pk]
    return facts


def on_a_caseload_q() -> Q:
    """Courses a working caseload lists: planned or active, of a client not archived, with
    a therapist still active."""
    from cases.models.courses import current_q

    return current_q() & Q(therapist__is_active=True)


def closed_risk_details() -> dict:
    """What the list of open risk on closed courses shows beside each (``risk_reason``,
    ``risk_raised_at`` of the highest open flag; ``handover_told``, ``handover_arranged``
    of the standing ending), as annotations."""
    from cases.models import CourseEnding

    top = RiskFlag.objects.filter(course=OuterRef("pk"), closed_at__isnull=True).order_by(
        "-level", "-raised_at"
    )
    ending = (
        CourseEnding.objects.standing()
        .filter(course=OuterRef("pk"))
        .order_by("-recorded_at", "-id")
    )
    return {
        "risk_reason": Subquery(top.values("reason")[:1]),
        "risk_raised_at": Subquery(top.values("raised_at")[:1]),
        "handover_told": Subquery(ending.values("handover_told")[:1]),
        "handover_arranged": Subquery(ending.values("handover_arranged")[:1]),
    }


# The most urgent first: the highest level, then the longest open.
CLOSED_RISK_ORDER = ("-risk_level", "risk_raised_at", "pk")


def open_risk_off_caseload(user, courses=None):
    """Courses ``user`` may see with a risk flag still open that no working caseload shows:
    ended (completed or early), of an archived client, or of a therapist no longer active.

    ``courses``: the caseload passes the queryset it already built,
    ``Course.objects.visible_to(user).with_progress()``, so its subqueries are built once.

    One query: the highest open flag's reason and the standing ending's risk handover are
    annotated (``closed_risk_details``).
    """
    from cases.models import Course

    return (
        with_open_risk(
            Course.objects.visible_to(user).with_progress() if courses is None else courses
        )
        # ``risk_open`` as the courses of the open flags (a hundred in a service): PostgreSQL
        # then reads those courses by key, where the EXISTS had it scan every course.
        .filter(in_subquery_q("pk", RiskFlag.objects.open().values("course_id")))
        .exclude(on_a_caseload_q())
        .annotate(**closed_risk_details())
        .order_by(*CLOSED_RISK_ORDER)
    )
