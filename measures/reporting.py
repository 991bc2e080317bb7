"""Everything the pages and PDFs show about a course's scores, gathered in a fixed few queries.

The outcome facts are ``measures.queries.CourseOutcome``, the same object ``course_outcome``
and ``outcomes_for`` give the dashboard and the service figures.
"""

from dataclasses import dataclass

from cases import ports
from cases.prepared_queries import PreparedQuery
from cases.presence import known_empty, preloaded
from measures.charts import Chart, build_chart
from measures.models import QuestionnaireResponse
from measures.queries import CourseOutcome


@dataclass
class OutcomeReport:
    responses: list[QuestionnaireResponse]
    facts: CourseOutcome
    chart: Chart

    @property
    def first_and_last(self) -> list[dict]:
        """First and last total of each instrument used, for summaries."""
        rows = []
        seen: dict[str, list[QuestionnaireResponse]] = {}
        for response in self.responses:
            seen.setdefault(response.instrument, []).append(response)
        for series in seen.values():
            rows.append(
                {
                    "instrument": series[0].definition,
                    "first": series[0],
                    "last": series[-1] if len(series) > 1 else None,
                    "count": len(series),
                }
            )
        return rows


def timeline_events(course) -> list[tuple]:
    """(date, label) pairs from the interpersonal timeline, when the inventory app has one."""
    from django.apps import apps

    try:
        model = apps.get_model("inventory", "TimelineEvent")
    except LookupError:
        return []
    date_field = next(
        (name for name in ("occurred_on", "date", "happened_on") if _has_field(model, name)), None
    )
    label_field = next(
        (name for name in ("title", "label", "summary", "description") if _has_field(model, name)),
        None,
    )
    if date_field is None or label_field is None or known_empty(course, "timeline"):
        return []
    events = model.objects.filter(course=course).exclude(**{f"{date_field}__isnull": True})
    # Soft-removed rows and mood markers stay off the chart (when the inventory app has them).
    for narrowing in ("current", "interpersonal"):
        if hasattr(events, narrowing):
            events = getattr(events, narrowing)()
    start = course.start_date
    return [
        (day, label)
        for day, label in events.values_list(date_field, label_field)
        if hasattr(day, "year") and day >= start
    ]


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


# The course's valid responses with their sessions, in order; SQL built once per process
# (``cases.prepared_queries``).
RESPONSES_QUERY = PreparedQuery(
    lambda course_id: (
        QuestionnaireResponse.objects.valid()
        .filter(course_id=course_id)
        .select_related("session")
        .order_by("completed_on", "created_at", "id")
    ),
    planned_once=True,
)


# The same without the sessions, for a page that has read the course's sessions already.
RESPONSES_ONLY_QUERY = PreparedQuery(
    lambda course_id: (
        QuestionnaireResponse.objects.valid()
        .filter(course_id=course_id)
        .order_by("completed_on", "created_at", "id")
    ),
    planned_once=True,
)


def _responses(course) -> list[QuestionnaireResponse]:
    """The course's valid responses with their sessions: the sessions the page read already
    (preloaded as ``course_sessions``, every session of the course, void ones included) when
    it did, else joined in the query."""
    sessions = preloaded(course, "course_sessions", lambda: None)
    if sessions is None:
        return RESPONSES_QUERY.list(course_id=course.pk)
    by_id = {session.pk: session for session in sessions}
    responses = RESPONSES_ONLY_QUERY.list(course_id=course.pk)
    if any(r.session_id is not None and r.session_id not in by_id for r in responses):
        return RESPONSES_QUERY.list(course_id=course.pk)
    for response in responses:
        if response.session_id is not None:
            response.session = by_id[response.session_id]
    return responses


def outcome_report(course, *, with_events: bool = True) -> OutcomeReport:
    responses = _responses(course)
    # The course page hands over the attended sessions it already read (``preload``).
    attended = preloaded(
        course,
        "attended_sessions",
        lambda: list(
            ports.book().attended(course).only("id", "number", "held_at", "scheduled_for")
        ),
    )
    facts = CourseOutcome(
        course.adaptation, responses, len(attended), maintenance=course.is_maintenance
    )
    events = timeline_events(course) if with_events else []
    chart = build_chart(course, responses, attended, events, plan=facts.plan)
    return OutcomeReport(responses=responses, facts=facts, chart=chart)
