"""Group IPT pages: the facilitator's groups, one group, one group session, a member's PDF.

Thin views: read through the one access path (``TherapyGroup.objects.visible_to``; another
facilitator's group is a 404), call one service, render. Every member shown on a page gets
their own audit row.
"""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit import trail
from cases.pdf import exported_pdf
from cases.views.lookups import HtmxHttpRequest, visible_course
from groups import services
from groups.models import MAX_MEMBERS, GroupSession, Membership, TherapyGroup
from groups.records import member_record
from groups.session_page import GroupSessionPage
from groups.setup_forms import may_lead
from measures.models import RiskFlag
from sessions.errors import NotAllowed, NotSignable, StaleVersion
from sessions.models import Attendance

PAGE = "groups/group_session.html"


def _visible_group(request, group_id: int) -> TherapyGroup:
    return get_object_or_404(
        TherapyGroup.objects.visible_to(request.user).select_related(
            "lead_facilitator", "co_facilitator"
        ),
        pk=group_id,
    )


def _audit_members(user, action: str, obj, memberships) -> None:
    with transaction.atomic():
        trail.record_many(user, action, [(obj, m.course.client_id) for m in memberships])


@require_GET
def group_list(request: HtmxHttpRequest) -> HttpResponse:
    groups = (
        TherapyGroup.objects.visible_to(request.user)
        .select_related("lead_facilitator", "co_facilitator")
        .annotate(
            members=Count("memberships", filter=Q(memberships__left_on=None), distinct=True),
            held=Count("sessions", filter=Q(sessions__status="signed"), distinct=True),
        )
    )
    return render(
        request, "groups/group_list.html", {"groups": groups, "can_start": may_lead(request.user)}
    )


@require_GET
def group_detail(request: HtmxHttpRequest, group_id: int) -> HttpResponse:
    group = _visible_group(request, group_id)
    memberships = list(
        Membership.objects.of_group(group).annotate(
            attended=Count(
                "course__sessions",
                filter=Q(
                    course__sessions__attendance=Attendance.ATTENDED,
                    course__sessions__planned_week__gt=1,
                    course__sessions__voided_at=None,
                ),
            ),
            missed=Count(
                "course__sessions",
                filter=Q(
                    course__sessions__attendance__in=[
                        Attendance.DID_NOT_ATTEND,
                        Attendance.CANCELLED_CLIENT,
                    ],
                    course__sessions__planned_week__gt=1,
                    course__sessions__voided_at=None,
                ),
            ),
        )
    )
    risk = dict(
        RiskFlag.objects.open()
        .filter(course_id__in=[m.course_id for m in memberships])
        .values_list("course_id")
        .annotate(level=Max("level"))
    )
    for membership in memberships:
        membership.risk_level = risk.get(membership.course_id)
    sessions = list(group.sessions.order_by("number"))
    for gs in sessions:
        gs.group = group
    _audit_members(request.user, "view", group, memberships)
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "memberships": memberships,
            "sessions": sessions,
            "can_edit": group.is_facilitator(request.user),
            "can_add_member": request.user.pk == group.lead_facilitator_id
            and group.takes_new_members()
            and sum(not m.has_left for m in memberships) < MAX_MEMBERS,
        },
    )


def group_session_for(request, group_id: int, number: int) -> GroupSession:
    group = _visible_group(request, group_id)
    gs = get_object_or_404(GroupSession.objects.filter(group=group), number=number)
    gs.group = group
    return gs


@require_http_methods(["GET", "POST"])
def group_session(request: HtmxHttpRequest, group_id: int, number: int) -> HttpResponse:
    gs = group_session_for(request, group_id, number)
    if request.method == "GET":
        page = GroupSessionPage(gs, request.user)
        _audit_members(request.user, "view", gs, page.members)
        template = PAGE + "#members" if request.htmx else PAGE
        return render(request, template, page.context())
    if not gs.group.is_facilitator(request.user):
        return refused(request, gs, "Only the group's facilitators can write its notes.", 403)
    if gs.is_signed:
        return refused(request, gs, "This group session is signed and can no longer change.", 409)
    try:
        # "Keep mine" after an autosave conflict names the version it replaces, knowingly.
        expected = int(request.POST.get("take_over_version") or request.POST.get("version", ""))
    except ValueError:
        return refused(request, gs, "The form was incomplete. Reload the page.", 400)
    page = GroupSessionPage(gs, request.user, request.POST)
    context = page.context()
    if not page.is_valid():
        context["error"] = "Some entries need correcting before they can be saved."
        return render(request, PAGE, context, status=400)
    group_fields, members = page.changes()
    try:
        _save(gs, request.user, expected, group_fields, members, page)
    except StaleVersion as stale:
        context["error"] = str(stale).replace("note", "group session", 1)
        context["conflict"] = page.conflict_rows(stale.current)
        context["conflict_version"] = stale.current.version
        return render(request, PAGE, context, status=409)
    except services.GroupRefused as refusal:
        context["error"] = str(refusal)
        return render(request, PAGE, context, status=400)
    if request.POST.get("action") == "sign":
        try:
            services.sign_group_session(gs, request.user)
        except NotSignable as refusal:
            fresh = group_session_for(request, group_id, number)
            context = GroupSessionPage(fresh, request.user).context()
            context["error"] = f"Saved, not signed. {refusal}"
            return render(request, PAGE, context, status=400)
    return redirect(reverse("groups:session", args=[group_id, number]))


def _save(gs, user, expected: int, group_fields: dict, members: dict, page) -> None:
    """Save the whole form. A version moved on only by this page's own autosave (what is saved
    equals what was posted) is not a conflict: save over the newer version instead."""
    for _attempt in range(3):
        try:
            services.save_group_session(
                gs, user, expected_version=expected, group_fields=group_fields, members=members
            )
            return
        except StaleVersion as stale:
            if page.conflict_rows(stale.current):
                raise
            expected = stale.current.version
    raise StaleVersion(GroupSession.objects.get(pk=gs.pk))


def refused(request, gs: GroupSession, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "groups/refused.html",
        {"message": message, "group_session": gs, "group": gs.group},
        status=status,
    )


@require_POST
def member_leave(request: HtmxHttpRequest, group_id: int, membership_id: int) -> HttpResponse:
    group = _visible_group(request, group_id)
    membership = get_object_or_404(Membership.objects.of_group(group), pk=membership_id)
    try:
        services.leave_group(request.user, membership, request.POST.get("reason", ""))
    except NotAllowed as refusal:
        return render(
            request, "groups/refused.html", {"message": str(refusal), "group": group}, status=403
        )
    except services.GroupRefused as refusal:
        return render(
            request, "groups/refused.html", {"message": str(refusal), "group": group}, status=400
        )
    return redirect(group.get_absolute_url())


@require_GET
def member_record_pdf(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """The member's own group record: their entries and the group note redacted for them."""
    course = visible_course(request, course_id)
    record = member_record(course)
    if record is None:
        return render(
            request,
            "groups/refused.html",
            {"message": "This course is not a group member's course."},
            status=404,
        )
    return exported_pdf(
        request,
        "pdf/group_member_record.html",
        {
            "course": course,
            "client": course.client,
            "record": record,
            "today": timezone.localdate(),
        },
        subject=course,
        client=course.client,
        detail={"document": "group_member_record"},
        filename=f"group-record-{course.client.record_number}.pdf",
        back_url=course.get_absolute_url(),
    )
