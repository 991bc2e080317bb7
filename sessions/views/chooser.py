"""'Record a session': today's appointment straight away, else a choice of the due ones."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.models import Course
from sessions.models import Session


def due_appointments(course: Course) -> list[Session]:
    """Appointments up to the end of today not yet recorded, oldest first (one query)."""
    end_of_today = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time()
        )
    )
    return list(course.sessions.scheduled().filter(scheduled_for__lt=end_of_today))


@require_GET
def record_chooser(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.visible_to(request.user).select_related("client"), pk=course_id
    )
    due = due_appointments(course)
    today = timezone.localdate()
    todays = [s for s in due if timezone.localtime(s.scheduled_for).date() == today]
    if todays and course.therapist_id == request.user.pk:
        return redirect("sessions:edit", session_id=todays[0].pk)
    upcoming = course.sessions.scheduled().exclude(pk__in=[s.pk for s in due]).first()
    return render(
        request,
        "session_logs/record_chooser.html",
        {
            "course": course,
            "client": course.client,
            "due": due,
            "upcoming": upcoming,
            "can_write": course.therapist_id == request.user.pk,
        },
    )
