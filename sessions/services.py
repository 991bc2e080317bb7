"""Every change to a session note: atomic, audited in the same transaction.

Views check access and call one of these. The rules that keep clinical records safe live here,
so they hold whatever calls them: a signed note never changes, a stale save never overwrites,
nothing is deleted.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit import trail
from cases.models import Course
from cases.models.courses import CourseStatus
from measures.services import raise_flags_for_session
from sessions import goal_progress, plans, questionnaire_drafts
from sessions.errors import (  # noqa: F401 - callers use them as services.X
    CourseNotRunning,
    NotAllowed,
    NoteLocked,
    NotSignable,
    StaleVersion,
)
from sessions.models import (
    NOTE_FIELDS,
    Addendum,
    Attendance,
    CommunicationAnalysis,
    DecisionAnalysis,
    FocalAreaWork,
    NoteStatus,
    RolePlay,
    Session,
)
from sessions.plan_services import PLAN_MODELS, save_course_plan  # noqa: F401 - services.X
from sessions.tallies import refresh_tally

# The parts of a note that make it worth signing: at least one must say something.
SUBSTANCE_FIELDS = (
    "mood_account",
    "task_review_note",
    "next_task",
    "note",
    "gains_reviewed",
    "ending_feelings",
    "rhythm_review",
    "risk_action",
)


def _client(session: Session):
    return session.course.client


def _lock(session: Session) -> Session:
    """Re-read the row under a lock so checks and the write see the same state."""
    return (
        Session.objects.select_for_update(of=("self", "course"))
        .select_related("course__client")
        .get(pk=session.pk)
    )


def _require_editable(session: Session) -> None:
    if not session.is_editable:
        raise NoteLocked(session)


def _require_therapist(session: Session, by) -> None:
    if session.course.therapist_id != getattr(by, "pk", None):
        raise NotAllowed("Only the course's therapist can change this session.")


def renumber(course: Course) -> None:
    """Give attended, non-void sessions numbers 1..n in the order they were held, and bring
    the course's stored tally (``sessions.tallies``) in line, in the caller's transaction:
    every write that changes which sessions were attended, or when, ends here."""
    refresh_tally(course.pk)
    sessions = list(
        course.sessions.order_by(F("held_at").asc(nulls_last=True), "scheduled_for", "id")
    )
    wanted: dict[int, int | None] = {}
    n = 0
    for s in sessions:
        if s.attendance == Attendance.ATTENDED and s.voided_at is None:
            n += 1
            wanted[s.pk] = n
        else:
            wanted[s.pk] = None
    changed = [s for s in sessions if s.number != wanted[s.pk]]
    if not changed:
        return
    # Clear first: the unique (course, number) constraint is checked row by row.
    Session.objects.filter(pk__in=[s.pk for s in changed]).update(number=None)
    for s in changed:
        s.number = wanted[s.pk]
    Session.objects.bulk_update([s for s in changed if s.number], ["number"])


@transaction.atomic
def record_attendance(
    session: Session,
    by,
    *,
    attendance: str,
    held_at: datetime.datetime | None,
    duration_minutes: int | None,
    follow_up_action: str = "",
) -> Session:
    session = _lock(session)
    _require_therapist(session, by)
    if session.is_void or session.is_signed:
        raise NoteLocked(session)
    if session.course.status == CourseStatus.PLANNED:
        raise CourseNotRunning(
            "This course has not started yet. Start it from the course page, then record the session."
        )
    before = session.attendance
    session.attendance = attendance
    # A missed or cancelled appointment keeps its date too: it belongs in the history.
    session.held_at = held_at
    session.duration_minutes = duration_minutes if attendance == Attendance.ATTENDED else None
    session.follow_up_action = follow_up_action
    if session.author_id is None:
        session.author = by
    session.version += 1
    session.save()
    renumber(session.course)
    session.refresh_from_db()
    trail.record(
        by,
        "session.attendance",
        session,
        client=_client(session),
        detail={"from": before, "to": attendance, "number": session.number},
    )
    return session


@transaction.atomic
def add_extra_session(course: Course, by, when: datetime.datetime | None = None) -> Session:
    """An unplanned appointment, to be recorded like any other."""
    if course.therapist_id != getattr(by, "pk", None):
        raise NotAllowed("Only the course's therapist can add sessions.")
    if course.status != CourseStatus.ACTIVE:
        raise CourseNotRunning("Extra sessions can be added to an active course only.")
    session = Session.objects.create(
        course=course, scheduled_for=when or timezone.now(), planned_week=None, author=by
    )
    trail.record(by, "session.create", session, client=course.client, detail={"extra": True})
    return session


@dataclass
class NoteChanges:
    """What a save of the note form carries besides the Session's own fields."""

    fields: dict
    people: list | None = None
    focal_work: dict[str, dict] = field(default_factory=dict)
    # Goal number -> (goal text, mark); None when the page posted no changed marks.
    goal_marks: dict[int, tuple[str, str]] | None = None
    # Instrument code -> answers so far, for the unfinished questionnaires that changed.
    questionnaire_drafts: dict[str, dict[str, str]] = field(default_factory=dict)


def save_note(
    session: Session, by, changes: NoteChanges, *, expected_version: int, locked: bool = False
) -> Session:
    """Save the draft note (autosave and the full form alike), refusing a stale version.

    ``locked``: the caller already read ``session`` with ``note_lock.lock_for_note`` in its
    transaction.
    Then every refusal is decided before anything is written, so the writes need no savepoint
    of their own (two fewer round trips per autosave): a failure among them rolls back the
    caller's whole transaction, and a stale version, which the caller retries, is raised first.
    """
    if locked:
        _require_current(session, by, expected_version)
    with transaction.atomic(savepoint=not locked):
        if not locked:
            session = _lock(session)
            _require_current(session, by, expected_version)
        return _write_note(session, by, changes)


def _require_current(session: Session, by, expected_version: int) -> None:
    _require_therapist(session, by)
    _require_editable(session)
    if session.version != expected_version:
        raise StaleVersion(session)


def _write_note(session: Session, by, changes: NoteChanges) -> Session:
    for name, value in changes.fields.items():
        if name not in NOTE_FIELDS:
            raise ValueError(f"{name} is not a note field")
        setattr(session, name, value)
    session.version += 1
    # Only what the note changes: the row is locked, so no other column moved since it was read.
    session.save(update_fields=[*changes.fields, "version", "updated_at"])
    if changes.people is not None:
        session.people_involved.set(changes.people)
    saved_work = (
        {w.area: w for w in FocalAreaWork.objects.filter(session=session)}
        if changes.focal_work
        else {}
    )
    for area, posted in changes.focal_work.items():
        _save_focal_work(session, area, posted, saved_work.get(area))
    detail = {"version": session.version, "fields": sorted(changes.fields)}
    if changes.goal_marks is not None:
        detail["goal_marks"] = goal_progress.write(session, changes.goal_marks)
    if changes.questionnaire_drafts:
        # A positive risk item opens the risk flag here, before the questionnaire is finished.
        questionnaire_drafts.write(session, changes.questionnaire_drafts, by)
        detail["questionnaire_drafts"] = sorted(changes.questionnaire_drafts)
    # The chain's head read with the row, unless a questionnaire draft may have audited since.
    head = None if changes.questionnaire_drafts else getattr(session, "audit_head", None)
    session.audit_head = None  # good for one row: the next append reads the chain again
    trail.record(by, "session.update", session, client=_client(session), detail=detail, head=head)
    # A moderate or high risk rating opens (or raises) the course's risk flag in this transaction.
    raise_flags_for_session(session, by)
    return session


def _save_focal_work(session: Session, area: str, posted: dict, work) -> None:
    """Write one area's work, only what moved. ``people`` is absent when its ticks did not change."""
    values = {name: value for name, value in posted.items() if name != "people"}
    people = posted.get("people")
    if work is None and not any(values.values()) and not people:
        return
    if work is None or any(getattr(work, n) != v for n, v in values.items()):
        work = work or FocalAreaWork(session=session, area=area)
        for name, value in values.items():
            setattr(work, name, value)
        work.save()
    if people is not None and {p.pk for p in work.people.all()} != {p.pk for p in people}:
        work.people.set(people, through_defaults={"session": session})


def note_is_empty(session: Session) -> bool:
    return not any(str(getattr(session, name) or "").strip() for name in SUBSTANCE_FIELDS)


@transaction.atomic
def sign_session(session: Session, by) -> Session:
    session = _lock(session)
    _require_therapist(session, by)
    _require_editable(session)
    if session.attendance != Attendance.ATTENDED:
        raise NotSignable("Only an attended session has a note to sign.")
    if note_is_empty(session):
        raise NotSignable(
            "The note is empty. Write what happened in the session before signing it."
        )
    session.status = NoteStatus.SIGNED
    session.signed_at = timezone.now()
    session.signed_by = by
    frozen = _freeze_plans(session, by)
    session.version += 1
    session.save()
    trail.record(
        by,
        "session.sign",
        session,
        client=_client(session),
        detail={"awaiting_cosignature": session.awaiting_cosignature, "plans": frozen},
    )
    return session


def _freeze_plans(session: Session, by) -> dict[str, int]:
    """A termination note shows the course's plans: sign it with the versions standing now.

    Later changes to the plans are new versions; the signed note keeps pointing at these.
    """
    if session.phase != "termination":
        return {}
    frozen = {}
    for kind, link in (("relapse", "signed_relapse_plan"), ("followup", "signed_follow_up_plan")):
        plan = PLAN_MODELS[kind].objects.select_for_update().filter(course=session.course).first()
        version = plans.snapshot(plan, by) if plan is not None else None
        setattr(session, link, version)
        if version is not None:
            frozen[kind] = version.version
    return frozen


@transaction.atomic
def add_addendum(session: Session, by, text: str) -> Addendum:
    session = _lock(session)
    _require_therapist(session, by)
    if not session.is_signed:
        raise NotAllowed("A draft can still be edited; addenda are for signed notes.")
    if not text.strip():
        raise NotAllowed("Write the addendum before saving it.")
    addendum = Addendum.objects.create(session=session, author=by, text=text.strip())
    trail.record(
        by, "session.addendum", session, client=_client(session), detail={"addendum": addendum.pk}
    )
    return addendum


@transaction.atomic
def void_session(session: Session, by, reason: str) -> Session:
    """Take a wrongly created session out of the count, keeping it in the history."""
    session = _lock(session)
    _require_therapist(session, by)
    if session.is_void:
        raise NotAllowed("This session is already void.")
    if not reason.strip():
        raise NotAllowed("Give the reason for voiding this session.")
    session.voided_at = timezone.now()
    session.voided_by = by
    session.void_reason = reason.strip()
    session.version += 1
    session.save()
    renumber(session.course)
    trail.record(by, "session.void", session, client=_client(session), detail={"reason": reason})
    return session


RECORD_MODELS = {
    "communication": CommunicationAnalysis,
    "roleplay": RolePlay,
    "decision": DecisionAnalysis,
}


@transaction.atomic
def add_record(session: Session, by, kind: str, values: dict):
    """Add a communication analysis, role play or decision analysis to a draft note."""
    session = _lock(session)
    _require_therapist(session, by)
    _require_editable(session)
    model = RECORD_MODELS[kind]
    record = model.objects.create(session=session, **values)
    trail.record(
        by,
        f"session.{kind}.create",
        record,
        client=_client(session),
        detail={"session": session.pk},
    )
    return record


@transaction.atomic
def update_record(
    session: Session, by, kind: str, record_id: int, values: dict, *, expected_version: int
):
    """Correct a record of a draft note, refusing a stale version."""
    session = _lock(session)
    _require_therapist(session, by)
    _require_editable(session)
    record = RECORD_MODELS[kind].objects.select_for_update().get(session=session, pk=record_id)
    if record.version != expected_version:
        raise StaleVersion(record)
    for name, value in values.items():
        setattr(record, name, value)
    record.version += 1
    record.save()
    trail.record(
        by,
        f"session.{kind}.update",
        record,
        client=_client(session),
        detail={"session": session.pk, "version": record.version},
    )
    return record
