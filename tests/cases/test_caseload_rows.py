"""The caseload's rows written in Python (ipt_site.pages.caseload_rows) are byte for byte what
the template cases/includes/caseload_rows.html writes, which stays the reference."""

import datetime
import zoneinfo

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from cases.services.courses import sync_schedule
from ipt_site.pages.caseload import _rows
from ipt_site.pages.caseload_rows import ROWS_TEMPLATE, caseload_rows
from measures.queries import outcomes_for
from tests import factories

pytestmark = pytest.mark.django_db


def _caseload(user) -> list:
    courses = list(_rows(Course.objects.visible_to(user).with_progress(timezone.now()).current()))
    outcomes_for(courses)
    return courses


def _assert_same(courses, show_therapist: bool) -> str:
    context = {"courses": courses, "show_therapist": show_therapist}
    written = caseload_rows(courses, show_therapist)
    assert written == render_to_string(ROWS_TEMPLATE, context)
    return written


@pytest.fixture
def varied(therapist):
    """Courses in every state a row shows."""
    planned = factories.make_course(
        therapist=therapist,
        status=CourseStatus.PLANNED,
        client=factories.make_client(given_name="Ana", preferred_name="A & <B>"),
    )
    middle = factories.make_course(
        therapist=therapist,
        client=factories.make_client(given_name="Ben", family_name="O'Neill"),
        adaptation="ipt_a",
    )
    for _ in range(5):
        factories.make_session(middle)
    sync_schedule(middle)
    over = factories.make_course(therapist=therapist, planned_sessions=12)
    for _ in range(14):
        factories.make_session(over)
    return [planned, middle, over]


def test_it_writes_every_kind_of_row_as_the_template_does(therapist, supervisor, varied):
    courses = _caseload(therapist)
    assert len(courses) == 3
    # Flags, and an appointment in summer time (the local time shown, not UTC).
    courses[0].risk_open, courses[0].risk_level = True, 3
    courses[1].risk_open, courses[1].risk_level = True, None
    courses[2].mania_total = 9
    courses[2].next_appointment = datetime.datetime(2026, 7, 3, 13, 30, tzinfo=datetime.UTC)
    written = _assert_same(courses, show_therapist=False)
    for shown in (
        "High risk",
        "Risk: assess now",
        "Possible mania",
        "Planned",
        "plus 2 extra",
        "None booked",
        "A &amp; &lt;B&gt;",
        "O&#x27;Neill",
        "Fri 3 Jul, 14:30",
        "IPT-A (adolescents 12-18)",
    ):
        assert shown in written, shown
    assert f"<td>{therapist.display_name}</td>" not in written
    # A supervisor's caseload adds the therapist's column.
    written = _assert_same(_caseload(supervisor), show_therapist=True)
    assert f"<td>{therapist.display_name}</td>" in written


def test_it_writes_the_local_time_of_the_zone_in_use(therapist, varied):
    courses = _caseload(therapist)
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        written = _assert_same(courses, show_therapist=False)
    assert "<time datetime=" in written


def test_it_writes_nothing_for_no_rows():
    assert caseload_rows([], show_therapist=True) == ""
    assert render_to_string(ROWS_TEMPLATE, {"courses": []}) == ""


def test_it_writes_appointments_on_every_weekday_and_month_as_the_template_does(therapist, varied):
    course = _caseload(therapist)[1]
    start = datetime.datetime(2026, 1, 1, 0, 5, tzinfo=datetime.UTC)
    for step in range(40):
        course.next_appointment = start + datetime.timedelta(days=9 * step, hours=7 * step)
        _assert_same([course], show_therapist=False)
