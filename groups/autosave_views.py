"""The group-session page saving itself as the facilitator types (htmx), like a session note.

The page posts the whole form a second after typing stops; only what differs from the saved
notes is written (the group note, and the members whose entry changed), so one autosave costs
the same whatever the group's size. The same guarantees as the full save: the page's version
must be the saved one (a second tab's save is shown as a conflict and the typed text stays in
the form), a moderate or high risk rating opens the member's flag in that save, and a signed
group session refuses.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases.views.lookups import HtmxHttpRequest
from groups import services
from groups.session_page import GroupSessionPage
from groups.views import PAGE, group_session_for, refused
from sessions.errors import StaleVersion

ANSWER = PAGE + "#autosave_answer"


@require_POST
def group_session_autosave(request: HtmxHttpRequest, group_id: int, number: int) -> HttpResponse:
    gs = group_session_for(request, group_id, number)
    if not gs.group.is_facilitator(request.user):
        return refused(request, gs, "Only the group's facilitators can write its notes.", 403)
    if gs.is_signed:
        return refused(request, gs, "This group session is signed and can no longer change.", 409)
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        return refused(request, gs, "The form was incomplete. Reload the page.", 400)
    page = GroupSessionPage(gs, request.user, request.POST, autosave=True)
    context = {"group": gs.group, "group_session": gs, "parts": page.parts, "can_edit": True}
    if not page.is_valid():
        context |= {"autosave_error": "Some entries need correcting.", "invalid": _invalid(page)}
        return _answer(request, context, 400)
    group_fields, members, changed = page.autosave_changes()
    if changed:
        try:
            gs = services.save_group_session(
                gs,
                request.user,
                expected_version=expected,
                group_fields=group_fields,
                members=members,
            )
        except StaleVersion as stale:
            context |= {
                "autosave_error": "A newer version was saved in another tab or by your "
                "co-facilitator.",
                "autosave_conflict": page.conflict_rows(stale.current),
                "autosave_conflict_version": stale.current.version,
            }
            return _answer(request, context, 409)
        page.refresh_risk()
    context |= {
        # What still stops signing, read again after this save (two queries, any group size).
        "gaps": services.unsigned_gaps(gs, services.member_sessions(gs, page.members)),
        "group_session": gs,
        "saved_at": timezone.localtime(),
        "saved_parts": [
            page_part for page_part in page.parts if page_part.membership.pk in members
        ],
        "version": gs.version if changed else expected,
    }
    return _answer(request, context, 200)


def _invalid(page: GroupSessionPage) -> list[str]:
    """Each field error, named by member: shown beside Save since the fields may be far up."""
    errors = [
        f"Group note, {_label(page.note_form, name)}: {error}"
        for name, field_errors in page.note_form.errors.items()
        for error in field_errors
    ]
    for part in page.parts:
        for name, field_errors in part.form.errors.items():
            label = _label(part.form, name)
            errors.extend(f"{part.membership.first_name}, {label}: {e}" for e in field_errors)
    return errors


def _label(form, name: str) -> str:
    return str(form[name].label) if name in form.fields else "Entry"


def _answer(request, context: dict, status: int) -> HttpResponse:
    # htmx swaps only 2xx answers: a conflict or an error must still reach the page.
    return render(request, ANSWER, context, status=200 if request.htmx else status)
