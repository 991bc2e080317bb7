"""The supervisor's flags: each one small named rule over one course's facts.

A rule never queries. The facts of every course on the dashboard come from annotations on the
course query (``with_flag_facts``) and from ``facts_for``, which reads the sessions and the
focal-area work of all the courses at once (two queries whatever their number) and groups them
in Python. Add a flag by writing a rule function and one ``Flag`` line in ``FLAGS``.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from cases.models.courses import CourseStatus
from cases.phases import phase_spans
from inventory.models import Formulation, InventoryCompletion
from measures.models import QuestionnaireResponse
from measures.queries import CourseOutcome, with_open_risk
from sessions.models import CommunicationAnalysis, FocalAreaWork, NoteStatus, RolePlay, Session

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
    worked_areas: set[str] = field(default_factory=set)

    @property
    def attended(self) -> int:
        return self.course.attended_count

    def span(self, phase: str) -> tuple[int, int] | None:
        """(first, last) session numbers of ``phase`` in this course's plan."""
        for name, first, last in phase_spans(self.course.planned_sessions):
            if name == phase:
                return first, last
        return None

    @property
    def recent(self) -> list[SessionFacts]:
        return self.sessions[-RECENT_SESSIONS:]


def with_flag_facts(courses):
    """Annotate what the rules read from the course row itself, in the same single query.

    ``attended``/``next_appointment`` (``with_progress``), ``risk_open``/``risk_level``
    (``with_open_risk``), ``primary_area``/``secondary_area`` of the latest formulation version,
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
    return with_open_risk(courses.with_progress()).annotate(
        primary_area=Subquery(latest.values("primary_area")[:1]),
        secondary_area=Subquery(latest.values("secondary_area")[:1]),
        first_shared_on=Subquery(shared),
        inventory_completed_on=Subquery(completion[:1]),
    )


def _has_content() -> Q:
    """Focal-area work with at least one of its own area's prompts filled in."""
    return reduce(
        or_,
        (
            Q(area=area) & reduce(or_, (~Q(**{name: ""}) for name in names))
            for area, names in FocalAreaWork.PROMPT_FIELDS.items()
        ),
    )


def facts_for(
    courses: Iterable,
    outcomes: dict[int, CourseOutcome],
    today: datetime.date | None = None,
) -> dict[int, CourseFacts]:
    """The facts of many courses in two queries: their attended sessions, their focal work."""
    today = today or timezone.localdate()
    courses = list(courses)
    facts = {c.pk: CourseFacts(c, outcomes.get(c.pk), today) for c in courses}
    if not facts:
        return facts
    ids = list(facts)
    valid_responses = QuestionnaireResponse.objects.valid()
    sessions = (
        Session.objects.attended()
        .filter(course_id__in=ids, number__isnull=False)
        .annotate(
            held_on=TruncDate(Coalesce("held_at", "scheduled_for")),
            has_task=ExpressionWrapper(~Q(next_task=""), output_field=BooleanField()),
            has_ending_feelings=ExpressionWrapper(
                ~Q(ending_feelings=""), output_field=BooleanField()
            ),
            has_role_play=Exists(RolePlay.objects.filter(session=OuterRef("pk"))),
            role_played_alternatives=Exists(
                CommunicationAnalysis.objects.filter(session=OuterRef("pk"), role_played=True)
            ),
            questionnaire_linked=Exists(valid_responses.filter(session=OuterRef("pk"))),
            # Completed on the day of the session without being linked to it.
            questionnaire_same_day=Exists(
                valid_responses.filter(
                    session__isnull=True,
                    course=OuterRef("course"),
                    completed_on=OuterRef("held_on"),
                )
            ),
        )
        .order_by("course_id", "number")
        .values_list(
            "course_id",
            "number",
            "held_on",
            "status",
            "has_task",
            "sessions_remaining_discussed",
            "has_ending_feelings",
            "has_role_play",
            "role_played_alternatives",
            "questionnaire_linked",
            "questionnaire_same_day",
        )
    )
    for row in sessions:
        (course_id, number, held_on, status, task, remaining, feelings, rp, ca, linked, day) = row
        facts[course_id].sessions.append(
            SessionFacts(
                number=number,
                held_on=held_on,
                status=status,
                has_task=bool(task),
                ending_discussed=bool(remaining or feelings),
                role_play=bool(rp or ca),
                questionnaire=bool(linked or day),
            )
        )
    worked: dict[int, set[str]] = defaultdict(set)
    for course_id, area in (
        FocalAreaWork.objects.filter(
            _has_content(),
            session__course_id__in=ids,
            session__attendance="attended",
            session__voided_at__isnull=True,
        )
        .values_list("session__course_id", "area")
        .distinct()
    ):
        worked[course_id].add(area)
    for course_id, areas in worked.items():
        facts[course_id].worked_areas = areas
    return facts


# Rules ---------------------------------------------------------------------------------------


def open_risk(f: CourseFacts) -> bool:
    return bool(getattr(f.course, "risk_open", False))


def not_on_track(f: CourseFacts) -> bool:
    return bool(f.outcome and f.outcome.not_on_track)


def reliable_deterioration(f: CourseFacts) -> bool:
    return bool(f.outcome and f.outcome.outcome.reliable_deterioration)


def no_formulation_shared(f: CourseFacts) -> bool:
    """Every initial-phase session has been held and no formulation version was shared."""
    initial = f.span("initial")
    return initial is not None and f.attended >= initial[1] and f.course.first_shared_on is None


def formulation_before_inventory(f: CourseFacts) -> bool:
    """A version was shared while the inventory was not complete: it is not marked complete
    now, or it was completed later than the first sharing. Both are clinical dates (the day of
    the session, given on the form), never the day a button was pressed, so writing a session
    up late raises nothing. Marking the inventory complete again later, with a later date, does
    raise it, which is wanted: the inventory changed after the client heard the formulation."""
    shared_on = f.course.first_shared_on
    if shared_on is None:
        return False
    completed_on = f.course.inventory_completed_on
    return completed_on is None or completed_on > shared_on


def several_focal_areas(f: CourseFacts) -> bool:
    """Focal-area prompts recorded for an area that is neither the primary nor the secondary
    of the current formulation; with no formulation yet, prompts recorded for two areas."""
    chosen = {f.course.primary_area, f.course.secondary_area} - {None, ""}
    if not chosen:
        return len(f.worked_areas) > 1
    return bool(f.worked_areas - chosen)


def no_role_play_by_midpoint(f: CourseFacts) -> bool:
    """The middle phase's midpoint session has been held and no role play was recorded
    (a role-play record, or a communication analysis whose alternatives were role-played)."""
    middle = f.span("middle")
    if middle is None:
        return False
    midpoint = (middle[0] + middle[1]) // 2
    return f.attended >= midpoint and not any(s.role_play for s in f.sessions)


def no_recent_task(f: CourseFacts) -> bool:
    """Neither of the last two attended sessions agreed an interpersonal task. Only past the
    initial phase: tasks belong to the middle and termination phases."""
    initial = f.span("initial")
    recent = f.recent
    if len(recent) < RECENT_SESSIONS or initial is None:
        return False
    return all(s.number > initial[1] for s in recent) and not any(s.has_task for s in recent)


def ending_not_discussed(f: CourseFacts) -> bool:
    """The first termination session has been held and no termination-phase session records
    the ending discussed (sessions remaining counted down, or feelings about ending)."""
    termination = f.span("termination")
    if termination is None or f.attended < termination[0]:
        return False
    return not any(s.ending_discussed for s in f.sessions if s.number >= termination[0])


def past_planned_length(f: CourseFacts) -> bool:
    return f.attended > f.course.planned_sessions


def unsigned_notes(f: CourseFacts) -> bool:
    """A note of an attended session held more than two working days ago is not signed (a
    draft, or a note returned for revision)."""
    return any(
        s.status in UNSIGNED_STATUSES
        and working_days_between(s.held_on, f.today) > UNSIGNED_AFTER_WORKING_DAYS
        for s in f.sessions
    )


def no_recent_questionnaire(f: CourseFacts) -> bool:
    """Neither of the last two attended sessions has a questionnaire (linked to the session,
    or completed on the day it was held); voided questionnaires do not count."""
    recent = f.recent
    return len(recent) >= RECENT_SESSIONS and not any(s.questionnaire for s in recent)


def overdue(f: CourseFacts) -> bool:
    """An active course that began at least 14 days ago (its clinical start: the first attended
    session, or the planned first appointment before any) has no attended session held in the
    last 14 days: the last attended session was held before today - 14 days, or none was.
    The day the "Start" button was pressed plays no part: a course started late in the app
    but begun on time with the client is judged by the client's dates."""
    course = f.course
    if course.status != CourseStatus.ACTIVE:
        return False
    started = course.clinical_start
    cutoff = f.today - datetime.timedelta(days=OVERDUE_AFTER_DAYS)
    if started > cutoff:
        return False
    last_held = max((s.held_on for s in f.sessions), default=None)
    return last_held is None or last_held < cutoff


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    explanation: str
    rule: Callable[[CourseFacts], bool]
    tone: str = "warn"  # the tag style: "risk" for safety and worsening, "warn" for the rest


FLAGS: tuple[Flag, ...] = (
    Flag(
        "risk",
        "Open risk",
        "A raised suicide-risk flag has not been reviewed and closed yet.",
        open_risk,
        "risk",
    ),
    Flag(
        "deterioration",
        "Reliable deterioration",
        "One of the course's own measures (PHQ-9, GAD-7, EPDS by adaptation) is now worse "
        "than at the start by more than its published reliable change.",
        reliable_deterioration,
        "risk",
    ),
    Flag(
        "not_on_track",
        "Not on track",
        "Scores on the course's own measures have worsened, or its depression measure (PHQ-9, "
        "PHQ-A or SMFQ) has not fallen enough for this point in the course.",
        not_on_track,
    ),
    Flag(
        "no_formulation",
        "No formulation shared",
        "The initial phase is over and no formulation has been shared with the client.",
        no_formulation_shared,
    ),
    Flag(
        "early_formulation",
        "Shared before inventory",
        "A formulation was shared before the interpersonal inventory was marked complete.",
        formulation_before_inventory,
    ),
    Flag(
        "several_areas",
        "Several focal areas",
        "Session notes work on a focal area that is neither the primary nor the secondary one.",
        several_focal_areas,
    ),
    Flag(
        "no_role_play",
        "No role play",
        "Halfway through the middle phase and no role play has been recorded.",
        no_role_play_by_midpoint,
    ),
    Flag(
        "no_task",
        "No task agreed",
        "Neither of the last two sessions agreed an interpersonal task for the week.",
        no_recent_task,
    ),
    Flag(
        "ending",
        "Ending not discussed",
        "The termination phase has begun and no session records talking about the ending.",
        ending_not_discussed,
    ),
    Flag(
        "past_length",
        "Past planned length",
        "More sessions have been held than were agreed at the start.",
        past_planned_length,
    ),
    Flag(
        "unsigned",
        "Unsigned notes",
        f"A session note is still unsigned more than {UNSIGNED_AFTER_WORKING_DAYS} working days"
        " after the session.",
        unsigned_notes,
    ),
    Flag(
        "no_questionnaire",
        "No recent questionnaire",
        "Neither of the last two sessions has a questionnaire recorded.",
        no_recent_questionnaire,
    ),
    Flag(
        "overdue",
        "Overdue",
        f"No session has been held in the last {OVERDUE_AFTER_DAYS} days.",
        overdue,
    ),
)
FLAGS_BY_KEY: dict[str, Flag] = {flag.key: flag for flag in FLAGS}


def raised(facts: CourseFacts) -> list[Flag]:
    """The flags a course raises, in ``FLAGS`` order."""
    return [flag for flag in FLAGS if flag.rule(facts)]
