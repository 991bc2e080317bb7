"""What the supervisor's flags read: each course's facts, loaded for a page of courses at once.

The facts of every course on the dashboard come from annotations on the course query
(``with_flag_facts``) and from ``facts_for``, which reads the sessions of all the courses at
once and the traps (``supervision.traps``, from the fidelity records: a fixed number of queries
whatever the number of courses) and groups them in Python.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from inventory.models import Formulation, InventoryCompletion
from measures.mania import with_mania_screen
from measures.queries import CourseOutcome, with_open_risk
from sessions.models import NoteStatus
from supervision.fidelity_records import load_many
from supervision.traps import Caught, caught

# Thresholds a service might tune.
UNSIGNED_AFTER_WORKING_DAYS = 2
OVERDUE_AFTER_DAYS = 14
RECENT_SESSIONS = 2  # "the last two attended sessions"

UNSIGNED_STATUSES = (NoteStatus.DRAFT, NoteStatus.RETURNED)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Monday-to-Friday days after ``start`` up to and including ``end``; 0 if ``end <= start``.

    A note written on a Friday and still unsigned on Tuesday has waited two working days.
    Public holidays are not known to the app and count as working days.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + datetime.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


# Facts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFacts:
    """What the flags need to know of one attended session."""

    number: int
    held_on: datetime.date
    status: str
    has_task: bool = False
    ending_discussed: bool = False
    role_play: bool = False
    questionnaire: bool = False


@dataclass
class CourseFacts:
    """Everything the rules read about one course; built by ``facts_for``, never per course."""

    course: object  # a Course annotated by ``with_flag_facts``
    outcome: CourseOutcome | None
    today: datetime.date
    sessions: list[SessionFacts] = field(default_factory=list)  # attended, by number
    # The traps the course tripped, by key, with their evidence links.
    caught: dict[str, Caught] = field(default_factory=dict)

    @property
    def attended(self) -> int:
        return self.course.attended_count

    def span(self, phase: str) -> tuple[int, int] | None:
        """(first, last) session numbers of ``phase`` in this course's plan."""
        return self.spans.get(phase)

    @cached_property
    def spans(self) -> dict[str, tuple[int, int]]:
        """Each phase's first span in the plan, read once (several rules ask)."""
        spans: dict[str, tuple[int, int]] = {}
        for name, first, last in self.course.phase_spans:
            spans.setdefault(name, (first, last))
        return spans

    @property
    def recent(self) -> list[SessionFacts]:
        return self.sessions[-RECENT_SESSIONS:]


def with_flag_facts(courses):
    """Annotate what the rules read from the course row itself, in the same single query.

    ``attended``/``next_appointment`` (``with_progress``), ``risk_open``/``risk_level``
    (``with_open_risk``), ``mania_total`` (``with_mania_screen``), ``primary_area``/``secondary_area`` of the latest formulation version,
    ``first_shared_on`` (the earliest version shared with the client) and
    ``inventory_completed_on`` (when the inventory was last marked complete).
    """
    latest = Formulation.objects.filter(course=OuterRef("pk")).order_by("-number")
    shared = (
        Formulation.objects.filter(course=OuterRef("pk"), shared_on__isnull=False)
        .order_by("shared_on")
        .values("shared_on")[:1]
    )
    completion = InventoryCompletion.objects.filter(course=OuterRef("pk")).values("completed_on")
    return with_mania_screen(with_open_risk(courses.with_progress())).annotate(
        primary_area=Subquery(latest.values("primary_area")[:1]),
        secondary_area=Subquery(latest.values("secondary_area")[:1]),
        first_shared_on=Subquery(shared),
        inventory_completed_on=Subquery(completion[:1]),
    )


def facts_for(
    courses: Iterable,
    outcomes: dict[int, CourseOutcome],
    today: datetime.date | None = None,
    course_ids=None,
) -> dict[int, CourseFacts]:
    """The facts of many courses in a fixed number of queries (three: ``load_many``'s for the
    flags): their attended sessions, and the traps they tripped (``supervision.traps``: the
    one rule for the areas worked among them). ``course_ids``: a subquery giving (at least)
    the courses' ids, for a long list."""
    today = today or timezone.localdate()
    courses = list(courses)
    facts = {c.pk: CourseFacts(c, outcomes.get(c.pk), today) for c in courses}
    if not facts:
        return facts
    records = load_many(courses, for_flags=True, course_ids=course_ids)
    for course_id, course_records in records.items():
        for row in course_records.sessions:
            held_on = row["held_on"]
            facts[course_id].sessions.append(
                SessionFacts(
                    number=row["number"],
                    held_on=held_on,
                    status=row["status"],
                    has_task=row["next_task"] != "",
                    ending_discussed=bool(
                        row["sessions_remaining_discussed"] or row["ending_feelings"] != ""
                    ),
                    role_play=row["role_played"],
                    questionnaire=row["questionnaire_linked"] or row["questionnaire_same_day"],
                )
            )
        facts[course_id].caught = {c.key: c for c in caught(course_records)}
    return facts
