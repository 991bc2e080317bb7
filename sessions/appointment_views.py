"""Moving one appointment of a course's schedule."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.course_forms import MoveAppointmentForm
from cases.exceptions import RuleBroken
from cases.models.access import can_edit_as
from sessions import booking
from sessions.models import Session


@require_http_methods(["GET", "POST"])
def appointment_move(request: HttpRequest, course_id: int, appointment_id: int) -> HttpResponse:
    appointment = get_object_or_404(
        Session.objects.visible_to(request.user).select_related(
            "course", "course__client", "course__therapist"
        ),
        pk=appointment_id,
        course_id=course_id,
    )
    course = appointment.course
    if not can_edit_as(request.user, course.therapist):
        raise PermissionDenied("Only the treating therapist can move appointments.")
    local = timezone.localtime(appointment.scheduled_for)
    form = MoveAppointmentForm(
        request.POST or None, initial={"date": local.date(), "time": local.time()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking.move_appointment(request.user, appointment, form.when())
        except RuleBroken as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Appointment moved to {form.when():%A %d %b %Y, %H:%M}.")
            return redirect(course)
    week = f"week {appointment.planned_week}" if appointment.planned_week else "extra appointment"
    return render(
        request,
        "cases/action_form.html",
        {
            "form": form,
            "client": course.client,
            "course": course,
            "title": f"Move the appointment on {local:%a %d %b %Y}",
            "intro": f"This is the {week} appointment. Only this appointment moves; the rest of "
            "the schedule stays as it is.",
            "submit": "Move appointment",
            "danger": False,
            "cancel_url": course.get_absolute_url(),
        },
    )
