"""The access catalogue: every URL that takes an object id, and how to reach it in a test world.

``tests/access/test_matrix.py`` turns it into a matrix (owner / other therapist / owner's
supervisor / other supervisor / service admin / signed out, for GET and for POST) and fails when
a URL with a path parameter is missing from ``CATALOGUE``. Other suites (e.g. the security
headers walk) reuse ``World`` and ``CATALOGUE`` to visit every such URL.

How another app adds its URLs
-----------------------------
1. If your URL needs a new kind of object, add a maker to ``OBJECT_MAKERS`` at the end of the
   "object makers" section: ``def make_formulation(world) -> Formulation`` building ONE object
   owned by ``world.owner`` (reuse ``world.get("course")`` etc.). ``world.get("formulation")``
   then builds it once per world and caches it.
2. Add one ``CATALOGUE["app:url_name"] = Entry(...)`` per URL name (append in your app's block):
   - ``kwargs``: ``world -> dict`` of the URL's keyword arguments;
   - ``get``: ``"read"`` for a page every viewer of the record may open (owner, supervisor,
     service admin: 200), ``"write"`` for a form only the treating therapist may open
     (supervisor/admin refused with 403 or 404), ``"none"`` when the view refuses GET (405),
     ``"admin"`` for a service administrators' page about the record (the audit access
     report: service admin 200, everyone else 404);
     ``"feed"`` for a URL whose secret token is the key (a calendar feed): anyone holding it,
     signed in or not, gets 200;
     ``"client"`` for a page of the client area (client_area): no staff sign-in opens it, so
     every role, signed in or not, gets the neutral 404 page;
     ``"client_start"`` for the client's link itself: every role gets the date-of-birth step
     (200) and nothing about the client;
     ``"shown_once"`` for the page that shows a new client link once, from the issuer's
     session: the owner without it is sent back to the course (302), everyone else 404;
   - ``post``: ``world -> dict`` of form data that makes a VALID change when the owner posts it
     (it may first put the world in the state the action needs, e.g. archive a client before
     "restore"); ``None`` when the URL takes no POST.
   - ``writer``: ``"owner_supervisor"`` for the supervisor's own forms and actions; ``"write"``
     and the POST check then apply to the supervisor instead of the therapist.
   The matrix checks the writer's POST changes something and everyone else's changes nothing
   (every row of every clinical app is compared before and after).

To visit every catalogued URL elsewhere: ``world = World.build()`` then
``for name in CATALOGUE: client.get(url_for(name, world))``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models.courses import CourseStatus
from cases.services.courses import sync_schedule
from sessions.models import Attendance
from tests import factories

# Apps whose rows a refused request must leave untouched.
CLINICAL_APP_LABELS = {
    "cases",
    "session_logs",
    "inventory",
    "measures",
    "supervision",
    "client_area",
    "groups",
}


@dataclass
class World:
    """Five people and, on demand, one of each clinical object owned by ``owner``."""

    owner: User
    owner_supervisor: User
    other_therapist: User
    other_supervisor: User
    service_admin: User
    # Non-specialist group facilitators: one co-facilitates the owner's group (world.get("group")),
    # the other facilitates nothing of the owner's.
    co_facilitator: User | None = None
    other_facilitator: User | None = None
    objects: dict = field(default_factory=dict)

    @classmethod
    def build(cls) -> "World":
        owner_supervisor = factories.make_supervisor()
        other_supervisor = factories.make_supervisor()
        return cls(
            owner=factories.make_therapist(supervisor=owner_supervisor),
            owner_supervisor=owner_supervisor,
            other_therapist=factories.make_therapist(supervisor=other_supervisor),
            other_supervisor=other_supervisor,
            service_admin=factories.make_service_admin(),
            co_facilitator=factories.make_user(
                User.Role.FACILITATOR, is_trainee=True, supervisor=owner_supervisor
            ),
            other_facilitator=factories.make_user(
                User.Role.FACILITATOR, is_trainee=True, supervisor=other_supervisor
            ),
        )

    def get(self, kind: str):
        if kind not in self.objects:
            self.objects[kind] = OBJECT_MAKERS[kind](self)
        return self.objects[kind]

    def user_for(self, role: str) -> User | None:
        """The user playing ``role`` in the matrix; ``None`` for signed out."""
        return None if role == "signed_out" else getattr(self, role)


# ---- object makers -------------------------------------------------------------------------


def make_client(world: World):
    return factories.make_client(registered_by=world.owner)


def make_course(world: World):
    course = factories.make_course(therapist=world.owner, client=world.get("client"))
    sync_schedule(course)
    return course


def make_session(world: World):
    """An attended session (number 1) of the world's course."""
    course = world.get("course")
    session = course.sessions.get(planned_week=1)
    session.attendance = Attendance.ATTENDED
    session.number = 1
    session.held_at = session.scheduled_for
    session.author = world.owner
    session.save()
    return session


def make_appointment(world: World):
    """A still-scheduled appointment of the world's course."""
    return world.get("course").sessions.get(planned_week=2)


def make_person(world: World):
    return factories.make_person(world.get("course"))


def make_event(world: World):
    return factories.make_event(world.get("course"), description="Row about chores")


def make_formulation(world: World):
    return factories.make_formulation(world.get("course"))


OBJECT_MAKERS: dict[str, Callable[[World], object]] = {
    "client": make_client,
    "course": make_course,
    "session": make_session,
    "appointment": make_appointment,
    "person": make_person,
    "event": make_event,
    "formulation": make_formulation,
}


# ---- the catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    kwargs: Callable[[World], dict]
    get: Literal[
        "read", "write", "none", "admin", "feed", "client", "client_start", "shown_once"
    ] = "read"
    post: Callable[[World], dict] | None = None
    # Who writes through this URL: the treating therapist, or (co-signing, comments, ratings,
    # the supervision log) the owner's supervisor, or (reopening a course) either of them.
    # Everyone else's POST must change nothing.
    writer: Literal["owner", "owner_supervisor", "owner_and_supervisor"] = "owner"
    # A group's URL: its co-facilitator (world.co_facilitator) reads and writes it like the
    # owner (the lead facilitator). Everywhere else a facilitator is a stranger (404).
    group: bool = False
    # A group member's own course (its therapist is the lead facilitator, the owner): the
    # group's co-facilitator reads it, and writes nothing through it.
    member: bool = False

    @property
    def writers(self) -> set[str]:
        if self.writer == "owner_and_supervisor":
            return {"owner", "owner_supervisor"}
        if self.group and self.writer == "owner":
            return {"owner", "co_facilitator"}
        return {self.writer}


CATALOGUE: dict[str, Entry] = {}


# cases: clients and courses


def _client_kwargs(world: World) -> dict:
    return {"client_id": world.get("client").pk}


def _course_kwargs(world: World) -> dict:
    return {"course_id": world.get("course").pk}


def _set_course_status(world: World, status: str) -> None:
    course = world.get("course")
    course.status = status
    course.save(update_fields=["status"])


def _client_edit_data(world: World) -> dict:
    client = world.get("client")
    return {
        "record_number": client.record_number,
        "given_name": client.given_name,
        "family_name": client.family_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "phone": "01632 960001",
        "version": client.version,
    }


def _client_archive_data(world: World) -> dict:
    _set_course_status(world, CourseStatus.COMPLETED)
    return {"reason": "Discharged after the course"}


def _client_restore_data(world: World) -> dict:
    _set_course_status(world, CourseStatus.COMPLETED)
    client = world.get("client")
    client.archived_at = timezone.now()
    client.archive_reason = "Moved away"
    client.save()
    return {}


def _course_create_data(world: World) -> dict:
    _set_course_status(world, CourseStatus.COMPLETED)
    start = timezone.localdate() + datetime.timedelta(days=7)
    return {
        "adaptation": "standard",
        "planned_sessions": "12",
        "start_date": start.isoformat(),
        "session_minutes": "50",
        "why_ipt": "Low mood since a move",
        "exclusions_considered": "No psychosis, mania or crisis",
        "alternatives_offered": "CBT; chose IPT",
    }


def _course_edit_data(world: World) -> dict:
    course = world.get("course")
    return {
        "adaptation": course.adaptation,
        "planned_sessions": str(course.planned_sessions),
        "start_date": course.start_date.isoformat(),
        "session_minutes": "60",
        "version": course.version,
    }


def _course_start_data(world: World) -> dict:
    _set_course_status(world, CourseStatus.PLANNED)
    return {}


def _course_complete_data(world: World) -> dict:
    """The world's course in its termination phase (12 of 16 held), then a decision."""
    course = world.get("course")
    for week in range(1, 13):
        appointment = course.sessions.get(planned_week=week)
        appointment.attendance = Attendance.ATTENDED
        appointment.number = week
        appointment.held_at = appointment.scheduled_for
        appointment.author = world.owner
        appointment.save()
    return {
        "version": course.version,
        "decision": "client_choice",
        "decision_reason": "Feels well enough to stop",
    }


def _closed_course_kwargs(world: World) -> dict:
    course = world.get("course")
    course.status = CourseStatus.COMPLETED
    course.ended_on = timezone.localdate()
    course.save(update_fields=["status", "ended_on"])
    return {"course_id": course.pk}


def _appointment_kwargs(world: World) -> dict:
    return {"course_id": world.get("course").pk, "appointment_id": world.get("appointment").pk}


def _appointment_move_data(world: World) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=30)
    return {"date": day.isoformat(), "time": "15:45"}


CATALOGUE |= {
    "cases:client_detail": Entry(_client_kwargs, "read"),
    "cases:client_edit": Entry(_client_kwargs, "write", _client_edit_data),
    "cases:client_archive": Entry(_client_kwargs, "write", _client_archive_data),
    "cases:client_restore": Entry(_client_kwargs, "none", _client_restore_data),
    "cases:course_create": Entry(_client_kwargs, "write", _course_create_data),
    "cases:course_detail": Entry(_course_kwargs, "read"),
    "cases:course_edit": Entry(_course_kwargs, "write", _course_edit_data),
    "cases:course_start": Entry(_course_kwargs, "none", _course_start_data),
    "cases:course_complete": Entry(_course_kwargs, "write", _course_complete_data),
    "cases:course_end_early": Entry(
        _course_kwargs,
        "write",
        lambda world: {
            "reason": "dropped_out",
            "note": "No contact",
            "version": world.get("course").version,
        },
    ),
    "cases:course_reopen": Entry(
        _closed_course_kwargs,
        "write",
        lambda world: {"reason": "Client asked to come back", "version": 1},
        "owner_and_supervisor",
    ),
    "cases:course_transfer": Entry(
        _course_kwargs,
        "write",
        lambda world: {"to_therapist": world.other_therapist.pk, "reason": "Leaving the team"},
    ),
    "sessions:appointment_move": Entry(_appointment_kwargs, "write", _appointment_move_data),
}


# cases: initial-phase records (issue 17, point 4)


def _sick_role_kwargs(kind: str):
    return lambda world: {"course_id": world.get("course").pk, "kind": kind}


def _roles_resumed_data(world: World) -> dict:
    from cases.models import SickRoleEntry

    course = world.get("course")
    SickRoleEntry.objects.create(
        course=course,
        kind="given",
        on=course.start_date,
        agreed="Half days at work",
        recorded_by=world.owner,
    )
    return {"on": timezone.localdate().isoformat(), "agreed": "Back to full days"}


CATALOGUE |= {
    "cases:course_suitability": Entry(
        _course_kwargs,
        "write",
        lambda world: {
            "why_ipt": "Onset after a loss",
            "exclusions_considered": "None present",
            "alternatives_offered": "CBT",
        },
    ),
    "cases:course_length_agreement": Entry(
        _course_kwargs,
        "write",
        lambda world: {
            "ends_by": (world.get("course").start_date + datetime.timedelta(weeks=16)).isoformat(),
            "agreed_on": world.get("course").start_date.isoformat(),
            "agreed_with": "The client",
        },
    ),
    "cases:course_sick_role": Entry(_sick_role_kwargs("resumed"), "write", _roles_resumed_data),
}


# sessions: session notes (issue 4)


def _session_kwargs(world: World) -> dict:
    return {"session_id": world.get("session").pk}


def _appointment_session_kwargs(world: World) -> dict:
    return {"session_id": world.get("appointment").pk}


def _note_data(world: World) -> dict:
    session = world.get("session")
    return {"version": session.version, "note": "Talked about the week.", "mood_rating": "5"}


def _signed_session(world: World) -> dict:
    from sessions.models import NoteStatus

    session = world.get("session")
    session.note = "Seen."
    session.status = NoteStatus.SIGNED
    session.signed_by = world.owner
    session.signed_at = timezone.now()
    session.save()
    return {"text": "Correction: the row was on Sunday."}


def _sign_ready(world: World) -> dict:
    session = world.get("session")
    session.note = "Seen."
    session.save(update_fields=["note"])
    return {}


def _roleplay(world: World):
    from sessions.models import RolePlay

    if "roleplay" not in world.objects:
        world.objects["roleplay"] = RolePlay.objects.create(
            session=world.get("session"), rehearsed="Asking for help"
        )
    return world.objects["roleplay"]


def _held_today(world: World) -> dict:
    course = world.get("course")
    day = max(course.start_date, timezone.localdate() - datetime.timedelta(days=1))
    return {
        "attendance": "attended",
        "held_on": day.isoformat(),
        "held_time": "09:00",
        "duration_minutes": "50",
    }


CATALOGUE |= {
    "sessions:detail": Entry(_session_kwargs, "read"),
    "sessions:edit": Entry(_session_kwargs, "write", _note_data),
    "sessions:autosave": Entry(_session_kwargs, "none", _note_data),
    "sessions:attendance": Entry(_appointment_session_kwargs, "write", _held_today),
    "sessions:sign": Entry(_session_kwargs, "none", _sign_ready),
    "sessions:addendum": Entry(_session_kwargs, "none", _signed_session),
    "sessions:void": Entry(_session_kwargs, "none", lambda world: {"reason": "Created twice"}),
    "sessions:add_record": Entry(
        lambda world: {**_session_kwargs(world), "kind": "roleplay"},
        "none",
        lambda world: {"roleplay-rehearsed": "Asking for a day off"},
    ),
    "sessions:edit_record": Entry(
        lambda world: {
            **_session_kwargs(world),
            "kind": "roleplay",
            "record_id": _roleplay(world).pk,
        },
        "write",
        lambda world: {"version": "1", "roleplay-rehearsed": "Asking her boss for help"},
    ),
    "sessions:save_plan": Entry(
        lambda world: {**_session_kwargs(world), "kind": "relapse"},
        "none",
        lambda world: {"relapse-version": "1", "relapse-warning_signs": "Sleeping badly"},
    ),
    "sessions:add_extra": Entry(_course_kwargs, "none", lambda world: {}),
    "sessions:record": Entry(_course_kwargs, "write"),
    # Maintenance IPT and boosters (issue 19): both follow a completed course.
    "sessions:maintenance_create": Entry(
        _closed_course_kwargs,
        "write",
        lambda world: {
            "cadence_weeks": "4",
            "planned_sessions": "6",
            "start_date": (timezone.localdate() + datetime.timedelta(weeks=4)).isoformat(),
            "usual_time": "10:00",
        },
    ),
    "sessions:booster_create": Entry(
        _closed_course_kwargs,
        "write",
        lambda world: {
            "held_on": timezone.localdate().isoformat(),
            "duration_minutes": "50",
            "reason": "A stressful move ahead",
            "warning_signs_noticed": "Sleeping less",
            "relapse_plan_reviewed": "on",
        },
    ),
}


# inventory and formulation (issue 5)


def _person_kwargs(world: World) -> dict:
    return {"course_id": world.get("course").pk, "person_id": world.get("person").pk}


def _event_kwargs(world: World) -> dict:
    return {"course_id": world.get("course").pk, "event_id": world.get("event").pk}


def _with_formulation(world: World) -> dict:
    world.get("formulation")
    return {"course_id": world.get("course").pk}


def _version_kwargs(world: World) -> dict:
    return {"course_id": world.get("course").pk, "number": world.get("formulation").number}


def _person_data(world: World) -> dict:
    person = world.get("person")
    return {
        "name": "Dan",
        "relationship": "partner",
        "closeness": "inner",
        "support_level": "some",
        "conflict_level": "high",
        "version": person.version,
    }


def _event_data(world: World) -> dict:
    event = world.get("event")
    return {
        "kind": "conflict",
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        "description": "Argument about money",
        "version": event.version,
    }


def _formulation_data(world: World) -> dict:
    return {
        "primary_area": "role_transition",
        "plain_words": "The move away from home took the client's daily company.",
        "goal_1": "Join one local group",
        "goal_2": "Call my sister weekly",
        "ws-old_role": "Living near family",
    }


def _share_data(world: World) -> dict:
    world.get("formulation")
    factories.complete_inventory(world.get("course"))
    return {"shared_on": timezone.localdate().isoformat(), "client_agreed": "on"}


def make_maintenance_course(world: World):
    """A maintenance course of the owner's, continuing a completed course (it inherits the
    formulation as its version 1)."""
    from tests.sessions.test_maintenance import completed_course, open_for

    return open_for(world.owner, completed_course(world.owner))


OBJECT_MAKERS |= {"maintenance_course": make_maintenance_course}


def _maintenance_kwargs(world: World) -> dict:
    return {"course_id": world.get("maintenance_course").pk}


CATALOGUE |= {
    "inventory:page": Entry(_course_kwargs, "read"),
    "inventory:timeline": Entry(_course_kwargs, "read"),
    "inventory:person_add": Entry(_course_kwargs, "none", _person_data),
    "inventory:person_edit": Entry(_person_kwargs, "none", _person_data),
    "inventory:person_remove": Entry(_person_kwargs, "none", lambda world: {}),
    "inventory:complete": Entry(
        _course_kwargs,
        "none",
        lambda world: {
            "reason": "Names only one person",
            "completed_on": timezone.localdate().isoformat(),
        },
    ),
    "inventory:snapshot": Entry(
        _course_kwargs,
        "none",
        lambda world: {"label": "Start", "taken_on": timezone.localdate().isoformat()},
    ),
    "inventory:event_add": Entry(_course_kwargs, "none", _event_data),
    "inventory:event_edit": Entry(_event_kwargs, "none", _event_data),
    "inventory:event_remove": Entry(_event_kwargs, "none", lambda world: {}),
    "formulation:page": Entry(_course_kwargs, "read"),
    "formulation:save": Entry(_course_kwargs, "none", _formulation_data),
    "formulation:share": Entry(_course_kwargs, "none", _share_data),
    "formulation:version": Entry(_version_kwargs, "read"),
    "formulation:pdf": Entry(_with_formulation, "read"),
    # Confirming a maintenance course's inherited formulation still holds (H45).
    "formulation:confirm": Entry(_maintenance_kwargs, "none", lambda world: {}),
}


def url_name(key: str) -> str:
    """The URL name of a catalogue key: "name@variant" checks the URL on another object."""
    return key.split("@")[0]


def url_for(name: str, world: World) -> str:
    """The path of catalogued URL ``name`` for the objects of ``world``."""
    return reverse(url_name(name), kwargs=CATALOGUE[name].kwargs(world))


# audit: service administrators' pages about a record

CATALOGUE |= {
    "audit:client_access": Entry(_client_kwargs, "admin"),
}


# measures: questionnaires, risk flags and reviews, safety plan, PDFs


def make_questionnaire(world: World):
    from tests.measures.factories import make_response

    return make_response(world.get("course"), "phq9", 12)


def make_risk_flag(world: World):
    from tests.measures.factories import make_flag

    return make_flag(world.get("course"))


def make_safety_plan(world: World):
    from measures.models import SafetyPlan

    return SafetyPlan.objects.create(
        course=world.get("course"), warning_signs="Not sleeping", updated_by=world.owner
    )


OBJECT_MAKERS |= {
    "questionnaire": make_questionnaire,
    "risk_flag": make_risk_flag,
    "safety_plan": make_safety_plan,
}


def _questionnaire_data(world: World) -> dict:
    data = {"instrument": "phq9", "completed_on": timezone.localdate().isoformat()}
    data |= {f"item_{n}": "1" for n in range(1, 9)} | {"item_9": "0"}
    return data


def _safety_plan_kwargs(world: World) -> dict:
    world.get("safety_plan")
    return _course_kwargs(world)


def _summary_kwargs(world: World) -> dict:
    _set_course_status(world, CourseStatus.COMPLETED)
    return _course_kwargs(world)


CATALOGUE |= {
    "measures:course_measures": Entry(_course_kwargs, "read"),
    "measures:response_new": Entry(
        lambda world: _course_kwargs(world), "write", _questionnaire_data
    ),
    # The live total changes nothing, so it has no "valid change" to post here; its POST
    # denials are in tests/measures/test_access.py.
    "measures:response_score": Entry(_course_kwargs, "none"),
    "measures:response_detail": Entry(
        lambda world: {"response_id": world.get("questionnaire").pk}, "read"
    ),
    "measures:response_void": Entry(
        lambda world: {"response_id": world.get("questionnaire").pk},
        "none",
        lambda world: {"reason": "Entered for the wrong client"},
    ),
    "measures:course_risk": Entry(_course_kwargs, "read"),
    "measures:flag_review": Entry(
        lambda world: {"flag_id": world.get("risk_flag").pk},
        "write",
        lambda world: {"assessment": "No plan", "actions": "Safety plan", "contacted": "GP"},
    ),
    "measures:safety_plan": Entry(_safety_plan_kwargs, "read"),
    "measures:safety_plan_edit": Entry(
        _course_kwargs, "write", lambda world: {"coping_strategies": "Walk the dog"}
    ),
    "measures:safety_plan_pdf": Entry(_safety_plan_kwargs, "read"),
    "measures:summary_pdf": Entry(_summary_kwargs, "read"),
    # The week's sheet is a form for the treating therapist; a valid post saves one day.
    "measures:rhythm_week": Entry(_course_kwargs, "write", lambda world: _rhythm_day(world)),
    # The printable record reads like the course: a week must exist to print.
    "measures:rhythm_pdf": Entry(lambda world: _rhythm_record_kwargs(world), "read"),
}


def _rhythm_record_kwargs(world: World) -> dict:
    from measures.rhythm_models import SocialRhythmDay

    course = world.get("course")
    if not SocialRhythmDay.objects.filter(course=course).exists():
        SocialRhythmDay.objects.create(
            course=course,
            day=timezone.localdate() - datetime.timedelta(days=3),
            out_of_bed=datetime.time(7, 30),
            out_of_bed_with="alone",
            entered_by=world.owner,
        )
    return _course_kwargs(world)


def _rhythm_day(world: World) -> dict:
    start = timezone.localdate() - datetime.timedelta(days=7)
    return {"week_start": start.isoformat(), "seen": "", "d0-out_of_bed": "7:30"} | {
        "d0-out_of_bed_with": "alone"
    }


# supervision: co-signing, returning notes, supervisor comments


def _awaiting_cosignature(world: World):
    """The world's session as a trainee's signed note, waiting for the supervisor."""
    from sessions.models import NoteStatus

    world.owner.is_trainee = True
    world.owner.save(update_fields=["is_trainee"])
    session = world.get("session")
    session.note = "Talked through the row with her sister."
    session.status = NoteStatus.SIGNED
    session.signed_by = world.owner
    session.signed_at = timezone.now()
    session.save()
    return session


def _cosign_data(world: World) -> dict:
    return {"version": _awaiting_cosignature(world).version}


def _return_data(world: World) -> dict:
    session = _awaiting_cosignature(world)
    return {"return-version": session.version, "return-comment": "Say what the task was."}


def _formulation_comment_data(world: World) -> dict:
    formulation = world.get("formulation")
    return {"comment-number": formulation.number, "comment-text": "Is grief the better fit?"}


CATALOGUE |= {
    "supervision:cosign": Entry(_session_kwargs, "none", _cosign_data, "owner_supervisor"),
    "supervision:return_note": Entry(_session_kwargs, "none", _return_data, "owner_supervisor"),
    "supervision:session_comment": Entry(
        _session_kwargs,
        "none",
        lambda world: {"comment-text": "Good use of the timeline."},
        "owner_supervisor",
    ),
    "supervision:formulation_comment": Entry(
        _course_kwargs, "none", _formulation_comment_data, "owner_supervisor"
    ),
}


# supervision: log


def _therapist_kwargs(world: World) -> dict:
    return {"therapist_id": world.owner.pk}


def _supervision_entry(world: World):
    from supervision.models import SupervisionEntry

    if "supervision_entry" not in world.objects:
        entry = SupervisionEntry.objects.create(
            therapist=world.owner,
            supervisor=world.owner_supervisor,
            met_on=timezone.localdate() - datetime.timedelta(days=7),
            decisions="Keep the focus on the role dispute.",
        )
        entry.courses.set([world.get("course")])
        world.objects["supervision_entry"] = entry
    return world.objects["supervision_entry"]


def _entry_data(world: World) -> dict:
    return {
        "met_on": timezone.localdate().isoformat(),
        "courses": [world.get("course").pk],
        "decisions": "Rate fidelity next time.",
        "actions": "Bring a role-play recording.",
    }


CATALOGUE |= {
    "supervision:therapist_log": Entry(_therapist_kwargs, "read", writer="owner_supervisor"),
    "supervision:entry_new": Entry(_therapist_kwargs, "write", _entry_data, "owner_supervisor"),
    "supervision:entry_edit": Entry(
        lambda world: {"entry_id": _supervision_entry(world).pk},
        "write",
        lambda world: {**_entry_data(world), "version": _supervision_entry(world).version},
        "owner_supervisor",
    ),
    "supervision:log_pdf": Entry(_therapist_kwargs, "read", writer="owner_supervisor"),
}


# supervision: fidelity


def _rating_data(world: World) -> dict:
    from supervision.rubric import DOMAINS

    data = {f"score_{domain.key}": "3" for domain in DOMAINS}
    return data | {"reviewed_on": timezone.localdate().isoformat(), "comments": "Solid start."}


CATALOGUE |= {
    # Read by everyone who sees the course; the supervisor rates from it (no "Read only").
    "supervision:fidelity": Entry(_course_kwargs, "read", writer="owner_supervisor"),
    "supervision:rating_new": Entry(_course_kwargs, "write", _rating_data, "owner_supervisor"),
}


# documents for the client (issue 17): readable by everyone who sees the course


def _with_relapse_plan(world: World) -> dict:
    from sessions.models import RelapsePreventionPlan

    course = world.get("course")
    RelapsePreventionPlan.objects.get_or_create(
        course=course, defaults={"what_to_do": "Phone my sister"}
    )
    return {"course_id": course.pk}


CATALOGUE |= {
    "cases:client_leaflet": Entry(_course_kwargs, "read"),
    "cases:client_diary": Entry(_course_kwargs, "read"),
    "inventory:client_formulation": Entry(_with_formulation, "read"),
    "sessions:staying_well": Entry(_with_relapse_plan, "read"),
}


# exports: data leaving the service in standard formats (issue 21)

CATALOGUE |= {
    # The page of the FHIR export; with a stated purpose it is the download (tests/exports).
    "exports:course_fhir": Entry(_course_kwargs, "read"),
    # The service's FHIR export of a period: no path parameter, but the matrix still proves
    # that only the service administrator opens it (everyone else 404).
    "exports:service_fhir": Entry(lambda world: {}, "admin"),
}


def _calendar_token(world: World) -> dict:
    from exports.services import turn_on_calendar_feed

    world.get("appointment")
    return {"token": turn_on_calendar_feed(world.owner)}


CATALOGUE |= {
    "exports:calendar_ics": Entry(_calendar_token, "feed"),
}


def _sar_kwargs(world: World) -> dict:
    """A reviewed subject access request for the world's client (opened by the service admin)."""
    from exports.services import open_subject_access_request, record_redactions

    if "sar" not in world.objects:
        world.get("session")
        sar = open_subject_access_request(
            world.service_admin,
            world.get("client"),
            reference="SAR-0001",
            received_on=timezone.localdate(),
        )
        world.objects["sar"] = record_redactions(world.service_admin, sar, [])
    return {"sar_id": world.objects["sar"].pk}


CATALOGUE |= {
    "exports:sar_client": Entry(_client_kwargs, "admin"),
    "exports:sar_review": Entry(_sar_kwargs, "admin"),
    "exports:sar_pdf": Entry(_sar_kwargs, "admin"),
    "exports:sar_json": Entry(_sar_kwargs, "admin"),
}


# client_area: the client's own pages (issue 20). A staff session is never a way in.


def _client_link_token(world: World) -> dict:
    from client_area.services import issue_link

    if "client_token" not in world.objects:
        course = world.get("course")
        world.objects["client_token"] = issue_link(course, by=world.owner)[1]
    return {"token": world.objects["client_token"]}


CATALOGUE |= {
    "client_area:home": Entry(lambda world: {}, "client"),
    "client_area:start": Entry(_client_link_token, "client_start"),
}


def _client_link_kwargs(world: World) -> dict:
    from client_area.services import issue_link

    if "client_link" not in world.objects:
        world.objects["client_link"] = issue_link(world.get("course"), by=world.owner)[0]
    return {"course_id": world.get("course").pk, "link_id": world.objects["client_link"].pk}


def _client_sent_kwargs(world: World) -> dict:
    from measures.services import record_response

    response = record_response(
        course=world.get("course"),
        instrument_code="phq9",
        answers={str(n): "0" for n in range(1, 10)},
        completed_on=timezone.localdate(),
        by=world.owner,
        by_client=True,
    )
    return {"response_id": response.pk}


CATALOGUE |= {
    "client_area:questionnaires": Entry(lambda world: {}, "client"),
    "client_area:questionnaire": Entry(lambda world: {"code": "phq9"}, "client"),
    "client_area:questionnaire_sent": Entry(_client_sent_kwargs, "client"),
    # The staff side: only the treating therapist issues or revokes a link.
    "client_links:issue": Entry(_course_kwargs, "none", post=lambda world: {}),
    "client_links:revoke": Entry(_client_link_kwargs, "none", post=lambda world: {}),
    # Shown once, from the issuer's session: without it (every role here) a redirect or 404.
    "client_links:issued": Entry(_client_link_kwargs, "shown_once"),
    "client_links:undelivered": Entry(lambda world: {}, "admin"),
}


# client_area: the client's diary and what they can read (issue 20, points 4-6).


def _diary_entry(world: World):
    from client_area.diary_models import DiaryEntry

    if "diary_entry" not in world.objects:
        world.objects["diary_entry"] = DiaryEntry.objects.create(
            course=world.get("course"),
            happened_on=timezone.localdate(),
            who="Sam",
            what_happened="We argued about the rent.",
            mood=4,
        )
    return world.objects["diary_entry"]


def _diary_kwargs(world: World) -> dict:
    return {**_session_kwargs(world), "entry_id": _diary_entry(world).pk}


CATALOGUE |= {
    "client_area:diary": Entry(lambda world: {}, "client"),
    "client_area:diary_task": Entry(lambda world: {}, "client"),
    "client_area:diary_entry": Entry(lambda world: {"entry_id": _diary_entry(world).pk}, "client"),
    "client_area:my_plans": Entry(lambda world: {}, "client"),
    "client_area_staff:diary_reviewed": Entry(_diary_kwargs, "none", lambda world: {}),
    "client_area_staff:diary_analysis": Entry(_diary_kwargs, "none", lambda world: {}),
    "client_area_staff:share_people": Entry(
        _course_kwargs, "write", lambda world: {"people": [world.get("person").pk]}
    ),
}


# groups: group IPT (the owner leads the world's group; world.co_facilitator co-leads it)


def make_group(world: World):
    from tests.groups.group_factories import make_group as build

    return build(lead=world.owner, co_facilitator=world.co_facilitator)


OBJECT_MAKERS |= {"group": make_group}


def _group_kwargs(world: World) -> dict:
    return {"group_id": world.get("group").pk}


def _group_session_kwargs(world: World) -> dict:
    return {"group_id": world.get("group").pk, "number": 1}


def _group_session_post(world: World) -> dict:
    from groups.models import Membership
    from tests.groups.group_factories import member_post

    group = world.get("group")
    gs = group.sessions.get(number=1)
    return member_post(gs, list(Membership.objects.of_group(group)))


def _member_add_post(world: World) -> dict:
    from tests import factories

    return {"client": factories.make_client(registered_by=world.owner).pk}


def _member(world: World):
    from groups.models import Membership

    return Membership.objects.of_group(world.get("group")).first()


def _member_course_kwargs(world: World) -> dict:
    return {"course_id": _member(world).course_id}


CATALOGUE |= {
    "groups:detail": Entry(_group_kwargs, "read", group=True),
    "groups:session": Entry(_group_session_kwargs, "read", _group_session_post, group=True),
    # The page's autosave (POST only): the facilitators write, everyone else changes nothing.
    "groups:session_autosave": Entry(
        _group_session_kwargs, "none", _group_session_post, group=True
    ),
    "groups:member_leave": Entry(
        lambda world: {"group_id": world.get("group").pk, "membership_id": _member(world).pk},
        "none",
        lambda world: {"reason": "Moved away"},
        group=True,
    ),
    # Only the lead adds a member (from the lead's own clients): a co-facilitator is a stranger.
    "groups:member_add": Entry(_group_kwargs, "write", _member_add_post),
    # A member's own record: through their course, whose therapist is the lead facilitator;
    # the co-facilitator reads it (cases.ports course sharing), an unrelated facilitator 404s.
    "groups:member_pdf": Entry(_member_course_kwargs, "read", member=True),
    "cases:course_detail@member": Entry(_member_course_kwargs, "read", member=True),
}
