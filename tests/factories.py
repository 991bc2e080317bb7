"""Explicit test factories: each builds one valid object, keyword arguments override."""

import datetime
import itertools

from django.utils import timezone

from accounts.models import User
from cases.models import Client, Course
from cases.models.courses import CourseStatus
from inventory.models import Person
from sessions.models import Attendance, Session
from sessions.tallies import refresh_tally

_counter = itertools.count(1)

PASSWORD = "correct-horse-battery-staple"


def make_user(role: str = User.Role.THERAPIST, **fields) -> User:
    n = next(_counter)
    fields.setdefault("username", f"{role}{n}")
    fields.setdefault("first_name", role.title().replace("_", " "))
    fields.setdefault("last_name", f"Person{n}")
    password = fields.pop("password", PASSWORD)
    user = User(role=role, **fields)
    user.set_password(password)
    user.save()
    return user


def make_supervisor(**fields) -> User:
    return make_user(User.Role.SUPERVISOR, **fields)


def make_therapist(supervisor: User | None = None, **fields) -> User:
    return make_user(User.Role.THERAPIST, supervisor=supervisor, **fields)


def make_service_admin(**fields) -> User:
    return make_user(User.Role.SERVICE_ADMIN, **fields)


def make_client(registered_by: User | None = None, **fields) -> Client:
    n = next(_counter)
    fields.setdefault("record_number", f"RN{n:05d}")
    fields.setdefault("given_name", "Alex")
    fields.setdefault("family_name", f"Client{n}")
    fields.setdefault("date_of_birth", datetime.date(1985, 4, 12))
    if registered_by is None:
        registered_by = make_therapist()
    return Client.objects.create(registered_by=registered_by, **fields)


def make_course(therapist: User | None = None, client: Client | None = None, **fields) -> Course:
    if therapist is None:
        therapist = make_therapist()
    if client is None:
        client = make_client(registered_by=therapist)
    fields.setdefault("planned_sessions", 16)
    fields.setdefault("start_date", timezone.localdate() - datetime.timedelta(weeks=1))
    fields.setdefault("status", CourseStatus.ACTIVE)
    return Course.objects.create(client=client, therapist=therapist, **fields)


def make_session(course: Course, **fields) -> Session:
    """An attended session with the next number, unless told otherwise."""
    attendance = fields.setdefault("attendance", Attendance.ATTENDED)
    if attendance == Attendance.ATTENDED and "number" not in fields:
        fields["number"] = course.sessions.attended().count() + 1
    when = fields.setdefault(
        "scheduled_for",
        timezone.make_aware(
            datetime.datetime.combine(
                course.start_date + datetime.timedelta(weeks=(fields.get("number") or 1) - 1),
                datetime.time(10, 0),
            )
        ),
    )
    if attendance == Attendance.ATTENDED:
        fields.setdefault("held_at", when)
        fields.setdefault("duration_minutes", 50)
    fields.setdefault("author", course.therapist)
    session = Session.objects.create(course=course, **fields)
    # As the services do (``services.renumber``): the stored tally follows the sessions.
    refresh_tally(course.pk)
    return session


def make_person(course: Course, **fields) -> Person:
    """A person with details recorded (so an inventory of them can be completed); pass
    ``communication_pattern=""`` etc. for one without."""
    fields.setdefault("name", f"Person {next(_counter)}")
    fields.setdefault("relationship", "friend")
    fields.setdefault("communication_pattern", "Talks easily about plans, not about feelings")
    fields.setdefault("wanted_change", "To say when something upsets them")
    fields.setdefault("support_received", "Listens when asked")
    return Person.objects.create(course=course, **fields)


# Inventory, timeline and formulation (issue 5) ------------------------------------------


def make_event(course: Course, **fields):
    from inventory.models import TimelineEvent

    people = fields.pop("people", [])
    fields.setdefault("kind", "conflict")
    fields.setdefault("occurred_on", timezone.localdate() - datetime.timedelta(days=90))
    fields.setdefault("description", f"Event {next(_counter)}")
    event = TimelineEvent.objects.create(course=course, **fields)
    event.people.set(people)
    return event


def complete_inventory(course: Course, **fields):
    from inventory.models import InventoryCompletion

    fields.setdefault("completed_on", timezone.localdate())
    fields.setdefault("completed_by", course.therapist)
    fields.setdefault("people_count", course.people.current().count())
    return InventoryCompletion.objects.create(course=course, **fields)


def make_formulation(course: Course, **fields):
    from inventory.models import Formulation

    last = course.formulations.order_by("-number").first()
    fields.setdefault("number", last.number + 1 if last else 1)
    fields.setdefault("primary_area", "role_dispute")
    fields.setdefault("plain_words", "Low mood began when arguments at home became constant.")
    fields.setdefault("goal_1", "Say clearly to my partner what I need at weekends")
    fields.setdefault("goal_2", "Spend one evening a week with a friend")
    fields.setdefault("author", course.therapist)
    return Formulation.objects.create(course=course, **fields)
