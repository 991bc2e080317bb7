"""Demo session notes for ``manage.py seed_demo``.

Works on whatever courses the demo therapists have: past appointments still marked scheduled
are recorded as held (one as missed) with short, realistic notes. Idempotent: a session that is
already recorded is left alone.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import Course
from inventory.models import Person
from sessions import plans, services
from sessions.demo_stories import TECHNIQUE, story_for
from sessions.models import (
    Attendance,
    CommunicationAnalysis,
    FocalAreaWork,
    FollowUpKind,
    FollowUpPlan,
    NoteStatus,
    RelapsePreventionPlan,
    RolePlay,
    Session,
)

MOODS = [3, 4, 4, 5, 4, 6, 5, 6, 7, 6, 7, 7, 8, 7, 8, 8]


def _past_appointments(course: Course) -> list[Session]:
    now = timezone.now()
    sessions = list(course.sessions.not_void().filter(scheduled_for__lte=now))
    if not course.sessions.exists():
        # No schedule was generated: make one row per week up to today.
        for week, day in enumerate(course.planned_dates()):
            when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
            if when > now:
                break
            sessions.append(
                Session.objects.create(course=course, scheduled_for=when, planned_week=week + 1)
            )
    return sessions


def _note(course: Course, session: Session, therapist: User) -> Session:
    return services.save_note(
        session,
        therapist,
        services.NoteChanges(
            fields=_note_fields(session),
            people=_people(session),
            focal_work=_focal_work(session),
        ),
        expected_version=session.version,
    )


def _story_line(session: Session) -> tuple[str, str, str, str]:
    """(mood account, note, next task, person) of the session in its course's story."""
    story = story_for(session.course)
    if session.phase == "initial":
        return story["initial"][(session.number - 1) % len(story["initial"])]
    if session.phase == "middle":
        middle = story.get("drift", {}).get("middle")
        if not (middle and session.number >= story["drift"]["from"]):
            middle = story["middle"]
        return middle[session.number % len(middle)]
    return story["termination"]


def _people(session: Session) -> list[Person]:
    """The inventory people the session's mood and focal work were linked to."""
    names = {_story_line(session)[3]}
    if session.phase == "middle":
        names |= set(_focal(session)["people"])
    return list(Person.objects.filter(course=session.course, name__in=names))


def _focal(session: Session) -> dict:
    """The story's focal work, or its drift from the session it begins (a teaching example)."""
    story = story_for(session.course)
    drift = story.get("drift")
    if drift and session.number >= drift["from"]:
        return drift["focal"]
    return story["focal"]


def _focal_work(session: Session) -> dict[str, dict]:
    """A middle session works the story's focal area: its prompts filled in."""
    if session.phase != "middle":
        return {}
    focal = dict(_focal(session))
    area = focal.pop("area")
    focal.pop("people")
    return {area: focal}


def _note_fields(session: Session) -> dict:
    phase = session.phase
    account, text, task, person = _story_line(session)
    area = _focal(session)["area"]
    fields = {
        "mood_rating": MOODS[(session.number - 1) % len(MOODS)],
        "mood_account": account,
        "task_review": "none_set" if session.number == 1 else "partly",
        "task_review_note": "" if session.number == 1 else "Tried it; part went well.",
        "risk_asked": True,
        "risk_level": "low" if session.number < 3 else "none",
        "risk_action": "Passive thoughts only; no plan. Safety contacts checked."
        if session.number < 3
        else "",
        "next_task": task,
        "next_task_person": person,
        "note": text,
        "techniques": {
            "initial": ["psychoeducation", "sick_role_assignment", "interpersonal_inventory"],
            "middle": ["communication_analysis", "role_play", TECHNIQUE[area]],
            "termination": ["termination_work", "affect_exploration"],
        }[phase],
    }
    if phase == "initial":
        fields.update(
            diagnosis_given=True,
            psychoeducation_given=True,
            sick_role_explained=True,
            focal_area_discussed=session.number == 3,
        )
    if phase == "termination":
        fields.update(
            sessions_remaining_discussed=True,
            gains_reviewed="Sleep and mood better; arguments fewer and shorter.",
            ending_feelings="Some sadness about stopping; proud of the changes.",
        )
    return fields


def _middle_records(session: Session, therapist: User) -> None:
    story = story_for(session.course)
    services.add_record(
        session, therapist, "communication", {**story["communication"], "role_played": True}
    )
    services.add_record(session, therapist, "roleplay", story["role_play"])


def seed(users: dict[str, User]) -> None:
    filled: list[Session] = []
    for username in ("therapist1", "therapist2"):
        therapist = users.get(username)
        if therapist is None:
            continue
        for course in Course.objects.filter(therapist=therapist).order_by("start_date", "pk"):
            _record_past_appointments(course, therapist, allow_dna=username == "therapist1")
            filled += _enrich_held_sessions(course)
    keep = _note_left_as_draft(users.get("therapist1"), filled)
    for session in filled:
        if session.pk != keep:
            _sign_as_held(session)
    _trainee_note_awaiting_cosignature(users.get("therapist2"))


def _record_past_appointments(course: Course, therapist: User, *, allow_dna: bool) -> None:
    """Past appointments still marked scheduled: record them, with notes, through the services."""
    if course.status != "active":
        return
    appointments = [s for s in _past_appointments(course) if s.attendance == Attendance.SCHEDULED]
    for index, session in enumerate(appointments):
        last = index == len(appointments) - 1
        if allow_dna and index == 3:
            services.record_attendance(
                session,
                therapist,
                attendance=Attendance.DID_NOT_ATTEND,
                held_at=session.scheduled_for,
                duration_minutes=None,
                follow_up_action="Phoned the same afternoon; the client had overslept after a "
                "bad night. Next appointment confirmed.",
            )
            continue
        session = services.record_attendance(
            session,
            therapist,
            attendance=Attendance.ATTENDED,
            held_at=session.scheduled_for,
            duration_minutes=course.session_minutes,
        )
        session = _note(course, session, therapist)
        if session.phase == "middle" and not _has_records(course):
            _middle_records(session, therapist)
        if session.phase == "termination":
            _relapse_plan(course, therapist)
        if not last:
            services.sign_session(session, therapist)
    if therapist.is_trainee and appointments:
        latest = course.sessions.attended().order_by("-number").first()
        if latest and latest.is_editable:
            services.sign_session(latest, therapist)


def _has_records(course: Course) -> bool:
    return CommunicationAnalysis.objects.filter(session__course=course).exists()


def _enrich_held_sessions(course: Course) -> list[Session]:
    """Give the draft notes the cases demo held the detail a real note has; returns them.

    Seed data only: it writes the rows directly, as the earlier step does, and only fills what
    is empty, so running it again changes nothing. The caller signs them afterwards.
    """
    held = list(course.sessions.attended().select_related("course").order_by("number"))
    filled = []
    for session in held:
        if session.mood_account or session.status != NoteStatus.DRAFT:
            continue
        filled.append(session)
        fields = _note_fields(session)
        keep = {"mood_rating", "risk_level", "risk_asked"}
        for name in keep | {"diagnosis_given", "psychoeducation_given", "sick_role_explained"}:
            fields.pop(name, None)
        Session.objects.filter(pk=session.pk).update(**fields)
        session.people_involved.set(_people(session))
        for area, values in _focal_work(session).items():
            FocalAreaWork.objects.get_or_create(session=session, area=area, defaults=values)
    middle = [s for s in held if s.phase == "middle" and s in filled]
    if middle and not _has_records(course):
        story = story_for(course)
        CommunicationAnalysis.objects.create(
            session=middle[0], role_played=True, **story["communication"]
        )
        RolePlay.objects.create(session=middle[0], **story["role_play"])
    if any(s.phase == "termination" for s in held):
        relapse, _ = RelapsePreventionPlan.objects.get_or_create(
            course=course, defaults=story_for(course)["relapse"]
        )
        follow_up = None
        if not course.is_open:
            follow_up, _ = FollowUpPlan.objects.get_or_create(
                course=course,
                defaults={
                    "kind": FollowUpKind.BOOSTER,
                    "details": "Two booster sessions, a month apart, then review.",
                    "follow_up_date": timezone.localdate() + datetime.timedelta(weeks=4),
                },
            )
    return filled


def _note_left_as_draft(therapist: User | None, filled: list[Session]) -> int | None:
    """One note still to finish: unless the therapist already has a draft, the latest of the
    notes just filled in the therapist's first active course stays unsigned."""
    if therapist is None:
        return None
    notes = Session.objects.attended().filter(course__therapist=therapist, author=therapist)
    if notes.filter(status=NoteStatus.DRAFT).exclude(pk__in=[s.pk for s in filled]).exists():
        return None
    latest = (
        notes.filter(pk__in=[s.pk for s in filled], course__status="active")
        .order_by("course__start_date", "course_id", "-number")
        .first()
    )
    return latest.pk if latest else None


def _sign_as_held(session: Session) -> None:
    """Sign a demo note as its therapist did on the day (a draft becoming signed, the one
    change the database allows): a trainee's note is co-signed two days later, except the
    latest of an open course, which still waits for the supervisor."""
    author = session.author
    signed = {"status": NoteStatus.SIGNED, "signed_at": session.held_at, "signed_by": author}
    if author.is_trainee and author.supervisor_id:
        latest = session.course.sessions.attended().order_by("-number").first()
        if not (session.course.is_open and latest and latest.pk == session.pk):
            signed.update(
                status=NoteStatus.COSIGNED,
                cosigned_at=session.held_at + datetime.timedelta(days=2),
                cosigned_by_id=author.supervisor_id,
            )
    if session.phase == "termination":  # signed with the plans standing then, as the app does
        course = session.course
        for link, name in (
            ("signed_relapse_plan", "relapse_plan"),
            ("signed_follow_up_plan", "follow_up_plan"),
        ):
            plan = getattr(course, name, None)
            if plan is not None:
                signed[link] = plans.snapshot(plan)
    Session.objects.filter(pk=session.pk, status=NoteStatus.DRAFT).update(**signed)


def _trainee_note_awaiting_cosignature(trainee: User | None) -> None:
    """The trainee's latest note in an open course is signed but not yet co-signed."""
    if trainee is None:
        return
    waiting = Session.objects.filter(
        course__therapist=trainee, signed_by=trainee, status=NoteStatus.SIGNED
    )
    if waiting.exists():
        return
    latest = (
        Session.objects.attended()
        .filter(course__therapist=trainee, course__status="active", author=trainee)
        .order_by("-held_at")
        .first()
    )
    if latest is not None:
        leave_awaiting_cosignature(latest, trainee)


def leave_awaiting_cosignature(note: Session, trainee: User) -> None:
    """Put the trainee's note in the state "signed, awaiting co-signature"."""
    if note.status == NoteStatus.DRAFT and note.note:
        services.sign_session(note, trainee)
    # A co-signed note is final: the demo leaves the latest note of each open course signed,
    # not co-signed (_sign_as_held), so there is nothing to undo here.


def _relapse_plan(course: Course, therapist: User) -> None:
    if hasattr(course, "relapse_plan"):
        return
    services.save_course_plan(
        course, therapist, "relapse", story_for(course)["relapse"], expected_version=1
    )
