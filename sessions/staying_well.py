"""The client's "staying well" plan: the relapse-prevention plan written for them to keep.

Drawn from the course's current relapse-prevention plan (``sessions.plans``) and what follows
the course (the follow-up plan's kind and date, in plain words; its free-text details are the
clinician's and are left out). Only courses with a plan have one.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from cases.client_documents import client_context, client_pdf
from cases.models import Course
from cases.presence import known_empty
from sessions.plans import FollowUpKind, FollowUpPlan, RelapsePreventionPlan

# Each part of the plan, in the order and words the client reads.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("warning_signs", "Signs that I may be getting unwell again"),
    ("stressors", "Things ahead that could be hard"),
    ("what_helped", "What has helped me"),
    ("what_to_do", "What I will do if the signs come back"),
    ("who_to_contact", "Who I can contact"),
)

AFTER_THE_SESSIONS: dict[str, str] = {
    FollowUpKind.NONE: "No more sessions are planned. You can always ask your doctor to refer "
    "you again if you need to.",
    FollowUpKind.BOOSTER: "We will meet again for a few check-in sessions.",
    FollowUpKind.MAINTENANCE: "We will keep meeting, less often than now, to help you stay well.",
    FollowUpKind.REFERRAL: "We have asked another service to help you next. They will be in touch.",
}


def has_plan(course: Course) -> bool:
    if known_empty(course, "relapse_plan"):
        return False
    return RelapsePreventionPlan.objects.filter(course=course).exists()


def staying_well_context(course: Course, plan: RelapsePreventionPlan) -> dict:
    follow_up = FollowUpPlan.objects.filter(course=course).first()
    return client_context(course) | {
        "plan": plan,
        "sections": [(label, getattr(plan, name)) for name, label in SECTIONS],
        "next_step": AFTER_THE_SESSIONS.get(follow_up.kind, "") if follow_up else "",
        "follow_up_date": follow_up.follow_up_date if follow_up else None,
    }


@require_GET
def staying_well_pdf(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.visible_to(request.user).select_related("client", "therapist"), pk=course_id
    )
    plan = RelapsePreventionPlan.objects.filter(course=course).first()
    if plan is None:
        raise Http404("This course has no plan for staying well yet.")
    return client_pdf(
        request,
        course,
        "pdf/client/staying_well.html",
        staying_well_context(course, plan),
        document="staying_well",
        audited=plan,
    )
