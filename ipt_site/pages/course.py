"""The course page: the course, composed with what each feature shows of it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit import trail
from cases.initial_records import initial_records
from cases.models.access import can_edit_as
from cases.services.endings import can_reopen
from cases.views.lookups import visible_course
from sessions.boosters import BoosterSession
from sessions.checklist import initial_phase_checklist
from sessions.maintenance import maintenance_refusal
from sessions.schedule import schedule_for


@require_GET
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    trail.record(request.user, "view", course, client=course.client)
    maintenance = course.is_maintenance
    return render(
        request,
        "cases/course_detail.html",
        {
            "course": course,
            "client": course.client,
            "can_edit": can_edit_as(request.user, course.therapist),
            # A maintenance course has no initial phase: its checklist and records stay on the
            # acute course it continues.
            "checklist": [] if maintenance else initial_phase_checklist(course),
            "initial": None if maintenance else initial_records(course),
            "continues": course.continues_course if maintenance else None,
            "continued_by": list(course.maintenance_courses.order_by("start_date")),
            "can_open_maintenance": not maintenance_refusal(course),
            "boosters": list(BoosterSession.objects.filter(course=course)),
            "schedule": schedule_for(course),
            "transfers": list(course.transfers.select_related("from_therapist", "to_therapist")),
            "endings": list(course.endings.select_related("recorded_by", "reopened_by")),
            "can_reopen": course.is_closed and can_reopen(request.user, course),
        },
    )
