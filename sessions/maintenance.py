"""Maintenance IPT and booster sessions: the writes that continue a course after it ends.

Opening a maintenance course copies what the acute course built (the interpersonal inventory
and timeline, the current formulation, the relapse-prevention plan) onto the new course, so the
work goes on from where it stopped. The copies are the maintenance course's own records:
revising them there writes their own new versions, and the acute course's records never change.
This lives in ``sessions`` because it writes inventory, formulation and plan records together
(``sessions`` may import ``inventory``; ``inventory`` may not import the plans).
"""

import datetime

from django.db import transaction

from audit import trail
from cases.course_kinds import Cadence
from cases.exceptions import RuleBroken
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.phases import MAINTENANCE_MAX_SESSIONS, MAINTENANCE_MIN_SESSIONS
from cases.services.courses import open_course
from inventory.models import Formulation, InventoryCompletion, Person, TimelineEvent
from measures.services import raise_flag_for_booster
from sessions.boosters import BoosterSession
from sessions.plans import RelapsePreventionPlan, snapshot

MAINTENANCE_LENGTH_REASON = (
    "Maintenance IPT: {n} sessions at a longer interval, continuing the completed acute course."
)
# Fields never copied: the row's identity, its owner and its own life.
_NOT_COPIED = {"id", "course", "created_at", "updated_at", "version"}


def _copy(instance, **overrides):
    """A new row of the same model with the same clinical values (one INSERT)."""
    values = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in _NOT_COPIED and field.attname not in overrides
    }
    values.update(overrides)
    return type(instance).objects.create(**values)


def maintenance_refusal(acute: Course) -> str:
    """Why a maintenance course cannot follow ``acute`` now; empty when it can."""
    if acute.is_maintenance:
        return "This is already a maintenance course. Open the next one from the acute course."
    if acute.client.is_archived:
        return "This client is archived. Restore the client before opening a maintenance course."
    if acute.status != CourseStatus.COMPLETED:
        return "A maintenance course follows a completed course. Complete this course first."
    if acute.maintenance_courses.unfinished().exists():
        return "A maintenance course after this course is already open."
    return ""


def inherited_counts(acute: Course) -> dict[str, int]:
    """What a maintenance course would inherit, counted for the form (three queries)."""
    return {
        "people": Person.objects.filter(course=acute).current().count(),
        "formulations": Formulation.objects.filter(course=acute).count(),
        "relapse_plan": RelapsePreventionPlan.objects.filter(course=acute).count(),
    }


@transaction.atomic
def open_maintenance_course(
    actor,
    acute: Course,
    *,
    cadence_weeks: int = Cadence.MONTHLY,
    planned_sessions: int = 6,
    start_date: datetime.date,
    usual_time: datetime.time | None = None,
) -> Course:
    """Open a maintenance course continuing ``acute`` (completed), copying what it inherits."""
    if refusal := maintenance_refusal(acute):
        raise RuleBroken(refusal)
    if not MAINTENANCE_MIN_SESSIONS <= planned_sessions <= MAINTENANCE_MAX_SESSIONS:
        raise RuleBroken(
            f"A maintenance course plans {MAINTENANCE_MIN_SESSIONS} to "
            f"{MAINTENANCE_MAX_SESSIONS} sessions."
        )
    if cadence_weeks not in Cadence.values:
        raise RuleBroken("Choose how often the sessions are held.")
    if start_date < (acute.clinical_end or acute.start_date):
        raise RuleBroken("A maintenance course starts after the acute course ended.")
    course = Course(
        client=acute.client,
        adaptation=acute.adaptation,
        planned_sessions=planned_sessions,
        length_reason=MAINTENANCE_LENGTH_REASON.format(n=planned_sessions),
        start_date=start_date,
        usual_weekday=start_date.weekday(),
        usual_time=usual_time or acute.usual_time,
        session_minutes=acute.session_minutes,
        diagnosis=acute.diagnosis,
        icd11_code=acute.icd11_code,
        medication_note=acute.medication_note,
        continues_course=acute,
        cadence_weeks=cadence_weeks,
    )
    open_course(actor, course)
    copied = _copy_inherited(acute, course)
    trail.record(
        actor,
        "course.maintenance_open",
        course,
        client=course.client,
        detail={"continues_course": acute.pk, "cadence_weeks": cadence_weeks, **copied},
    )
    return course


def _copy_inherited(acute: Course, course: Course) -> dict[str, int]:
    """Copy the acute course's inventory, timeline, current formulation and relapse plan."""
    people = {}
    for person in Person.objects.filter(course=acute).current().order_by("id"):
        people[person.pk] = _copy(person, course_id=course.pk)
    events = {}
    for event in (
        TimelineEvent.objects.filter(course=acute)
        .current()
        .prefetch_related("people")
        .order_by("id")
    ):
        copy = _copy(event, course_id=course.pk)
        copy.people.set([people[p.pk] for p in event.people.all() if p.pk in people])
        events[event.pk] = copy
    completion = InventoryCompletion.objects.filter(course=acute).first()
    if completion is not None:
        _copy(completion, course_id=course.pk)
    formulation = Formulation.objects.filter(course=acute).order_by("-number").first()
    if formulation is not None:
        onset = events.get(formulation.onset_event_id)
        _copy(
            formulation,
            course_id=course.pk,
            number=1,
            onset_event_id=onset.pk if onset else None,
        )
    plan = RelapsePreventionPlan.objects.filter(course=acute).first()
    if plan is not None:
        snapshot(_copy(plan, course_id=course.pk, version=1), by=None)
    return {
        "people": len(people),
        "events": len(events),
        "formulation": formulation.number if formulation else 0,
        "relapse_plan": plan.version if plan else 0,
    }


@transaction.atomic
def record_booster(actor, course: Course, values: dict) -> BoosterSession:
    """Record one booster session on a completed course; the course stays completed.

    A moderate or high risk rating opens a risk flag on the course in the same transaction."""
    if course.status != CourseStatus.COMPLETED:
        raise RuleBroken("A booster session is added to a completed course.")
    if values["held_on"] < (course.clinical_end or course.start_date):
        raise RuleBroken("A booster session is held after the course ended.")
    booster = BoosterSession.objects.create(course=course, recorded_by=actor, **values)
    # A moderate or high rating is a risk flag on the course, in the same transaction (H44).
    raise_flag_for_booster(booster, by=actor)
    trail.record(
        actor,
        "course.booster",
        booster,
        client=course.client,
        detail={"course": course.pk, "held_on": booster.held_on.isoformat()},
    )
    return booster
