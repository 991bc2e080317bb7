"""Starting a group and adding a member: forms in front of groups.services.create_group and
add_member, which hold the rules (five to ten members, no second active course) and audit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cases.views.lookups import HtmxHttpRequest
from groups import services
from groups.models import TherapyGroup
from groups.setup_forms import AddMemberForm, StartGroupForm, may_lead

START_PAGE = "groups/group_start.html"
ADD_PAGE = "groups/member_add.html"


@require_http_methods(["GET", "POST"])
def group_start(request: HtmxHttpRequest) -> HttpResponse:
    if not may_lead(request.user):
        raise PermissionDenied("Only therapists and group facilitators start groups.")
    form = StartGroupForm(request.user, request.POST or None)
    if request.method == "GET":
        return render(request, START_PAGE, {"form": form})
    if form.is_valid():
        data = form.cleaned_data
        try:
            group = services.create_group(
                request.user,
                name=data["name"],
                first_session_on=data["first_session_on"],
                session_time=data["session_time"],
                clients=list(data["clients"]),
                co_facilitator=data["co_facilitator"],
            )
        except services.GroupRefused as refusal:  # about the members: their number or a course
            form.add_error("clients", str(refusal))
        else:
            return redirect(group.get_absolute_url())
    return render(request, START_PAGE, {"form": form}, status=400)


@require_http_methods(["GET", "POST"])
def member_add(request: HtmxHttpRequest, group_id: int) -> HttpResponse:
    # Only the lead adds: members' courses are the lead's, chosen from the lead's own clients.
    group = get_object_or_404(
        TherapyGroup.objects.facilitated_by(request.user).filter(lead_facilitator=request.user),
        pk=group_id,
    )
    if not group.takes_new_members():
        return render(
            request,
            "groups/refused.html",
            {
                "message": "Members join before the group meets. This group has met already.",
                "group": group,
            },
            status=409,
        )
    form = AddMemberForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.add_member(request.user, group, form.cleaned_data["client"])
        except services.GroupRefused as refusal:
            form.add_error("client", str(refusal))
        else:
            return redirect(group.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, ADD_PAGE, {"form": form, "group": group}, status=status)
