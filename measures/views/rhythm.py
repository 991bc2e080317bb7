"""The social rhythm sheet of a week: typed in from the client's paper or app record."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from audit.trail import record
from measures.rhythm import ANCHORS
from measures.rhythm_chart import weeks_for
from measures.rhythm_forms import RhythmWeekForm, initial_for
from measures.rhythm_services import StaleRhythmWeek, record_week, week_days, week_token
from measures.views.access import HtmxHttpRequest, editable_course

STALE = (
    "This week was changed elsewhere since you opened it. Your entries are kept below and the "
    "saved days are shown beside them: check them, then save again to replace the saved week."
)


def _default_start(course) -> datetime.date:
    """The week after the last one entered, else seven days ago."""
    weeks = weeks_for(course)
    if weeks:
        return weeks[-1].week_start + datetime.timedelta(days=7)
    return timezone.localdate() - datetime.timedelta(days=6)


def _requested_start(request, course) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return _default_start(course)


@require_http_methods(["GET", "POST"])
def rhythm_week(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    stale = None
    if request.method == "POST":
        form = RhythmWeekForm(request.POST)
        if form.is_valid():
            start = form.cleaned_data["week_start"]
            try:
                changed = record_week(
                    course, form.days(), by=request.user, seen=form.cleaned_data["seen"]
                )
            except StaleRhythmWeek:
                stale = week_days(course, start)
                data = request.POST.copy()
                data["seen"] = week_token(stale)  # saving again deliberately replaces them
                form = RhythmWeekForm(data)
                form.is_valid()
            else:
                messages.success(
                    request,
                    f"Week from {start:%d %b %Y} saved ({changed} day(s) added or corrected).",
                )
                return redirect("cases:course_detail", course.pk)
    else:
        start = _requested_start(request, course)
        saved = week_days(course, start)
        form = RhythmWeekForm(initial=initial_for(start, saved) | {"seen": week_token(saved)})
        with transaction.atomic():
            record(request.user, "view", course, client=course.client, detail={"page": "rhythm"})
    status = 409 if stale is not None else (400 if form.errors else 200)
    return render(
        request,
        "measures/rhythm_week.html",
        {
            "course": course,
            "form": form,
            "anchors": ANCHORS,
            "stale": stale,
            "stale_message": STALE,
        },
        status=status,
    )
