"""Inventory and timeline pages. Thin views: read input, call one service, render or redirect."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import retarget

from audit.trail import record
from cases.models import Course
from cases.prepared_queries import PreparedQuery
from inventory import outcomes, services
from inventory.charts import relationship_map, timeline_chart
from inventory.forms import CompletionForm, PersonForm, SnapshotForm, TimelineEventForm
from inventory.models import DETAILS_RULE, InventorySnapshot, Person
from inventory.progress import COMPLETION_QUERY

PAGE = "inventory/inventory.html"
TIMELINE = "inventory/timeline.html"


# The SQL is built once per process (``cases.prepared_queries``): every page here asks it.
READABLE_COURSE_QUERY = PreparedQuery(
    lambda user, course_id: (
        Course.objects.visible_to(user).select_related("client", "therapist").filter(pk=course_id)
    )
)


# What the inventory page reads of its course, each by SQL built once per process.
PEOPLE_QUERY = PreparedQuery(lambda course_id: Person.objects.filter(course_id=course_id).current())
SNAPSHOTS_QUERY = PreparedQuery(
    lambda course_id: InventorySnapshot.objects.filter(course_id=course_id)
)


def _of_course(rows: list, course: Course) -> list:
    for row in rows:
        row.course = course  # as ``course.people`` would set it: no query
    return rows


def readable_course(request: HttpRequest, course_id: int) -> Course:
    found = READABLE_COURSE_QUERY.list(user=request.user, course_id=course_id)
    if not found:
        raise Http404("No course here.")
    return found[0]


def editable_course(request: HttpRequest, course_id: int) -> Course:
    """Only the treating therapist writes: anyone else gets the same 404 as a stranger."""
    return get_object_or_404(
        Course.objects.editable_by(request.user).select_related("client", "therapist"),
        pk=course_id,
    )


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _inventory_context(request: HttpRequest, course: Course, **extra) -> dict:
    people = _of_course(PEOPLE_QUERY.list(course_id=course.pk), course)
    snapshots = _of_course(SNAPSHOTS_QUERY.list(course_id=course.pk), course)
    completion = next(iter(_of_course(COMPLETION_QUERY.list(course_id=course.pk), course)), None)
    with_details = sum(1 for p in people if p.has_details)
    context = {
        "course": course,
        "client": course.client,
        "people": people,
        "removed_people": course.people.filter(removed_at__isnull=False),
        "map_svg": relationship_map(
            people, course.client.preferred_name or course.client.given_name
        ),
        "completion": completion,
        "completion_form": CompletionForm(
            people_count=len(people), with_details=with_details, course=course
        ),
        "with_details": with_details,
        "missing_details": [p for p in people if not p.has_details],
        "details_rule": DETAILS_RULE,
        "add_form": PersonForm(course=course, auto_id="add_%s"),
        "snapshot_form": SnapshotForm(),
        "snapshots": snapshots,
        "can_edit": request.user.pk == course.therapist_id,
        "editing": None,
        "edit_form": None,
    }
    before_id, after_id = _int_param(request, "before"), _int_param(request, "after")
    chosen = {s.pk: s for s in snapshots}
    if before_id in chosen and after_id in chosen:
        context["comparison"] = services.compare_snapshots(chosen[before_id], chosen[after_id])
        context["compared"] = (chosen[before_id], chosen[after_id])
    context.update(extra)
    return context


@require_GET
def inventory_page(request: HttpRequest, course_id: int) -> HttpResponse:
    course = readable_course(request, course_id)
    record(request.user, "view", course, client=course.client, detail={"page": "inventory"})
    context = _inventory_context(request, course)
    edit_id = _int_param(request, "edit")
    if edit_id and context["can_edit"]:
        person = get_object_or_404(course.people.current(), pk=edit_id)
        edit_form = PersonForm(instance=person, course=course, auto_id="edit_%s")
        # The row is swapped in place: put the keyboard where the user is about to type.
        edit_form.fields["name"].widget.attrs["autofocus"] = True
        context.update(editing=person.pk, person=person, edit_form=edit_form)
        if request.htmx:
            return render(request, f"{PAGE}#person_row", context)
    if request.htmx and "comparison" in context:
        return render(request, f"{PAGE}#comparison", context)
    return render(request, PAGE, context)


def _people_changed(request: HttpRequest, course: Course, message: str) -> HttpResponse:
    if request.htmx:
        return render(request, f"{PAGE}#people", _inventory_context(request, course, flash=message))
    messages.success(request, message)
    return redirect(reverse("inventory:page", args=[course.pk]) + "#inventory-people")


@require_POST
def person_add(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    form = PersonForm(request.POST, course=course, auto_id="add_%s")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        person = services.add_person(course, request.user, data)
        return _people_changed(request, course, f"{person.name} added to the inventory.")
    context = _inventory_context(request, course, add_form=form)
    if request.htmx:
        return retarget(render(request, f"{PAGE}#add_person", context), "#add-person")
    return render(request, PAGE, context)


@require_POST
def person_edit(request: HttpRequest, course_id: int, person_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    person = get_object_or_404(course.people.current(), pk=person_id)
    form = PersonForm(request.POST, instance=person, course=course, auto_id="edit_%s")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_person(person, request.user, data, form.cleaned_data["version"])
        except services.StaleEdit as stale:
            form.add_error(None, str(stale))
        else:
            return _people_changed(request, course, f"{person.name} updated.")
    person.refresh_from_db()
    context = _inventory_context(request, course, editing=person.pk, person=person, edit_form=form)
    if request.htmx:
        return retarget(render(request, f"{PAGE}#person_row", context), f"#person-{person.pk}")
    return render(request, PAGE, context)


@require_POST
def person_remove(request: HttpRequest, course_id: int, person_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    person = get_object_or_404(course.people.current(), pk=person_id)
    services.remove_person(person, request.user)
    return _people_changed(
        request, course, f"{person.name} is off the current inventory (kept in the record)."
    )


@require_POST
def inventory_complete(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    counts = course.people.current().details_count()
    form = CompletionForm(
        request.POST,
        people_count=counts["people"],
        with_details=counts["with_details"],
        course=course,
    )
    if form.is_valid():
        try:
            services.complete_inventory(
                course, request.user, form.cleaned_data["reason"], form.cleaned_data["completed_on"]
            )
        except services.DetailsMissing as missing:
            form.add_error(None, str(missing))
    if not form.is_valid():
        return render(request, PAGE, _inventory_context(request, course, completion_form=form))
    messages.success(request, "Inventory marked complete.")
    return redirect("inventory:page", course.pk)


@require_POST
def snapshot_take(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        return render(request, PAGE, _inventory_context(request, course, snapshot_form=form))
    snapshot = services.take_snapshot(course, request.user, **form.cleaned_data)
    messages.success(request, f"Snapshot “{snapshot.label}” saved.")
    return redirect(reverse("inventory:page", args=[course.pk]) + "#snapshots")


# Timeline ---------------------------------------------------------------------------------


def _timeline_context(request: HttpRequest, course: Course, **extra) -> dict:
    events = list(course.timeline.current().prefetch_related("people"))
    context = {
        "course": course,
        "client": course.client,
        "events": events,
        "chart_svg": timeline_chart(events, **outcomes.chart_kwargs(course)),
        "form": TimelineEventForm(course=course),
        "editing": None,
        "can_edit": request.user.pk == course.therapist_id,
    }
    context.update(extra)
    return context


@require_GET
def timeline_page(request: HttpRequest, course_id: int) -> HttpResponse:
    course = readable_course(request, course_id)
    record(request.user, "view", course, client=course.client, detail={"page": "timeline"})
    context = _timeline_context(request, course)
    edit_id = _int_param(request, "edit")
    if edit_id and context["can_edit"]:
        event = get_object_or_404(course.timeline.current(), pk=edit_id)
        context.update(editing=event, form=TimelineEventForm(instance=event, course=course))
    if request.htmx:
        return render(request, f"{TIMELINE}#event_form", context)
    return render(request, TIMELINE, context)


@require_POST
def event_add(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    form = TimelineEventForm(request.POST, course=course)
    if not form.is_valid():
        return render(request, TIMELINE, _timeline_context(request, course, form=form))
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    event = services.add_event(course, request.user, data)
    messages.success(request, f"Added to the timeline: {event.description}")
    return redirect("inventory:timeline", course.pk)


@require_POST
def event_edit(request: HttpRequest, course_id: int, event_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    event = get_object_or_404(course.timeline.current(), pk=event_id)
    form = TimelineEventForm(request.POST, instance=event, course=course)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_event(event, request.user, data, form.cleaned_data["version"])
        except services.StaleEdit as stale:
            form.add_error(None, str(stale))
        else:
            messages.success(request, "Timeline entry updated.")
            return redirect("inventory:timeline", course.pk)
    event.refresh_from_db()
    return render(request, TIMELINE, _timeline_context(request, course, form=form, editing=event))


@require_POST
def event_remove(request: HttpRequest, course_id: int, event_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    event = get_object_or_404(course.timeline.current(), pk=event_id)
    services.remove_event(event, request.user)
    messages.success(request, "Removed from the timeline (kept in the record).")
    return redirect("inventory:timeline", course.pk)
