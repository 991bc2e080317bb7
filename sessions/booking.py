"""The appointment book: laying out, moving and cancelling a course's appointments.

Registered with ``cases.ports`` (SessionLogsConfig.ready), so the course's life in cases
(open, re-plan, extend, end) moves its appointments without cases importing this app.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateField, IntegerField, Max, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from audit import trail
from cases.exceptions import RuleBroken
from sessions.models import Attendance, Session
from sessions.plans import RelapsePreventionPlan

DEFAULT_APPOINTMENT_TIME = datetime.time(10, 0)


def appointment_time(course, week: int) -> datetime.datetime:
    """When planned appointment ``week`` (1-based) falls: weekly from the start date, or at a
    maintenance course's cadence."""
    day = course.start_date + datetime.timedelta(weeks=(week - 1) * course.interval_weeks)
    at = course.usual_time or DEFAULT_APPOINTMENT_TIME
    return datetime.datetime.combine(day, at, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


class SessionBook:
    """``cases.ports.AppointmentBook`` over ``Session`` rows."""

    def lay_out(self, course) -> None:
        """Make the planned appointments match the course: one still-scheduled row per week.

        Weeks already held or missed are left alone; appointments beyond a shortened plan are
        voided (never deleted), and still-scheduled ones move when the start date or time
        changed.
        """
        rows = {s.planned_week: s for s in course.sessions.not_void().exclude(planned_week=None)}
        now = timezone.now()
        for week in range(1, course.planned_sessions + 1):
            when = appointment_time(course, week)
            existing = rows.pop(week, None)
            if existing is None:
                Session.objects.create(
                    course=course,
                    scheduled_for=when,
                    planned_week=week,
                    attendance=Attendance.SCHEDULED,
                )
            elif existing.attendance == Attendance.SCHEDULED and existing.scheduled_for != when:
                existing.scheduled_for = when
                existing.save(update_fields=["scheduled_for", "updated_at"])
        for extra in rows.values():
            if extra.attendance == Attendance.SCHEDULED:
                extra.voided_at = now
                extra.void_reason = "Not needed: the course was shortened."
                extra.save(update_fields=["voided_at", "void_reason", "updated_at"])

    def cancel_remaining(self, course, why: str) -> int:
        return (
            course.sessions.not_void()
            .filter(attendance=Attendance.SCHEDULED)
            .update(voided_at=timezone.now(), void_reason=why)
        )

    def attended(self, course):
        return Session.objects.filter(course=course).attended().order_by("number")

    def open_appointments(self, course):
        return Session.objects.filter(course=course).not_void().order_by("scheduled_for")

    def relapse_plan_written(self, course) -> tuple[int, int]:
        plan = RelapsePreventionPlan.objects.filter(course=course).first()
        fields = RelapsePreventionPlan.TEXT_FIELDS
        written = sum(1 for name in fields if plan and getattr(plan, name).strip())
        return written, len(fields)

    def progress(self, now=None) -> dict:
        per_course = Session.objects.attended().filter(course=OuterRef("pk")).order_by()
        attended = per_course.values("course").annotate(n=Count("pk")).values("n")
        held_on = TruncDate(Coalesce("held_at", "scheduled_for"))
        first_held = per_course.values("course").annotate(on=Min(held_on)).values("on")
        last_held = per_course.values("course").annotate(on=Max(held_on)).values("on")
        upcoming = (
            Session.objects.not_void()
            .filter(
                course=OuterRef("pk"),
                attendance=Attendance.SCHEDULED,
                scheduled_for__gte=now or timezone.now(),
            )
            .order_by("scheduled_for")
            .values("scheduled_for")[:1]
        )
        return {
            "attended": Coalesce(Subquery(attended, output_field=IntegerField()), Value(0)),
            "first_attended_on": Subquery(first_held, output_field=DateField()),
            "last_attended_on": Subquery(last_held, output_field=DateField()),
            "next_appointment": Subquery(upcoming),
        }


@transaction.atomic
def move_appointment(actor, appointment: Session, when: datetime.datetime) -> Session:
    """Move one appointment that is still scheduled to another date and time."""
    if appointment.attendance != Attendance.SCHEDULED or appointment.is_void:
        raise RuleBroken("Only an appointment that is still scheduled can be moved.")
    if not appointment.course.is_open:
        raise RuleBroken("This course has ended; its appointments cannot be moved.")
    before = appointment.scheduled_for
    appointment.scheduled_for = when
    appointment.save(update_fields=["scheduled_for", "updated_at"])
    trail.record(
        actor,
        "appointment.move",
        appointment,
        client=appointment.course.client,
        detail={"from": before.isoformat(), "to": when.isoformat()},
    )
    return appointment
