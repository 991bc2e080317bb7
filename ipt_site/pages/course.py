"""The course page: the course, composed with what each feature shows of it."""

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit import trail
from cases.initial_records import initial_records
from cases.models import Course, CourseEnding, CourseTransfer
from cases.models.access import can_edit_as
from cases.models.initial_records import LengthAgreement, SickRoleEntry, SuitabilityRecord
from cases.prepared_queries import PreparedQuery
from cases.presence import known_empty, preload
from cases.services.endings import can_reopen
from client_area.models import ClientLink
from inventory import panel_counts
from inventory.models import TimelineEvent
from inventory.progress import COMPLETION_QUERY
from measures.models import QuestionnaireResponse, RiskFlag
from measures.rhythm_models import SocialRhythmDay
from sessions.boosters import BoosterSession
from sessions.checklist import initial_phase_checklist
from sessions.maintenance import maintenance_refusal
from sessions.plans import RelapsePreventionPlan
from sessions.schedule import attended_sessions, course_sessions, schedule_for


def _presence() -> dict:
    """``has_<name>`` for every panel table a typical course has no rows in yet, asked in the
    course's own query (``cases.presence``): each empty one then costs the page no query."""

    def has(queryset):
        return Exists(queryset.filter(course=OuterRef("pk")))

    return {
        "has_suitability_records": has(SuitabilityRecord.objects.all()),
        "has_length_agreements": has(LengthAgreement.objects.all()),
        "has_sick_role_entries": has(SickRoleEntry.objects.all()),
        "has_maintenance_courses": Exists(Course.objects.filter(continues_course=OuterRef("pk"))),
        "has_boosters": has(BoosterSession.objects.all()),
        "has_transfers": has(CourseTransfer.objects.all()),
        "has_endings": has(CourseEnding.objects.all()),
        "has_open_risk": has(RiskFlag.objects.open()),
        "has_rhythm_days": has(SocialRhythmDay.objects.all()),
        "has_relapse_plan": has(RelapsePreventionPlan.objects.all()),
        "has_client_links": has(ClientLink.objects.all()),
        "has_client_sent": has(QuestionnaireResponse.objects.filter(completed_by_client=True)),
        "has_timeline": has(TimelineEvent.objects.all()),
    }


# visible_course's lookup, with the panels' presence flags in the same query; its SQL is built
# once per process (``cases.prepared_queries``).
COURSE_PAGE_QUERY = PreparedQuery(
    lambda user, now, course_id: (
        Course.objects.visible_to(user)
        .with_progress(now)
        .annotate(**_presence())
        .annotate(**panel_counts.course_annotations())
        .filter(pk=course_id)
    ),
    planned_once=True,
)


def _listed(course, name: str, queryset) -> list:
    return [] if known_empty(course, name) else list(queryset)


@require_GET
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    found = COURSE_PAGE_QUERY.list(user=request.user, now=timezone.now(), course_id=course_id)
    if not found:
        raise Http404("No course here.")
    course = found[0]
    trail.record(request.user, "view", course, client=course.client)
    # The checklist and the inventory panel both show the completion: one read for both.
    completion = COMPLETION_QUERY.list(course_id=course.pk)
    preload(course, "inventory_completion", completion[0] if completion else None)
    # The inventory panel's counts came with the course.
    preload(course, "inventory_counts", panel_counts.from_annotations(course))
    # The sessions are read once (``course_sessions``): the schedule, the session list, the
    # checklist and the outcome chart all take them from there.
    schedule = schedule_for(course)
    preload(course, "attended_sessions", attended_sessions(course))
    preload(course, "course_sessions", course_sessions(course))
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
            "continued_by": _listed(
                course, "maintenance_courses", course.maintenance_courses.order_by("start_date")
            ),
            "can_open_maintenance": not maintenance_refusal(course),
            "boosters": _listed(course, "boosters", BoosterSession.objects.filter(course=course)),
            "schedule": schedule,
            "transfers": _listed(
                course,
                "transfers",
                course.transfers.select_related("from_therapist", "to_therapist"),
            ),
            "endings": _listed(
                course, "endings", course.endings.select_related("recorded_by", "reopened_by")
            ),
            "can_reopen": course.is_closed and can_reopen(request.user, course),
        },
    )
