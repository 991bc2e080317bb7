"""'Record a session': the course page links today's appointment straight to its session page
(``todays_appointment``); without one, this page offers the due appointments, oldest first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cases.models import Course
from sessions.appointments import due_appointments


@require_GET
def record_chooser(request: HttpRequest, course_id: int) -> HttpResponse:
    # Recording is the treating therapist's: anyone else gets a 404, as for other writes.
    course = get_object_or_404(
        Course.objects.visible_to(request.user)
        .filter(therapist=request.user)
        .select_related("client"),
        pk=course_id,
    )
    due = due_appointments(course)
    upcoming = course.sessions.scheduled().exclude(pk__in=[s.pk for s in due]).first()
    return render(
        request,
        "session_logs/record_chooser.html",
        {
            "course": course,
            "client": course.client,
            "due": due,
            "upcoming": upcoming,
            "can_write": True,
        },
    )
