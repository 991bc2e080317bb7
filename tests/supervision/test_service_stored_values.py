"""The service figures count from values stored per course (``sessions.tallies``,
``measures.scores``): they must be what the sessions and the questionnaires say, after every
kind of write, and a stored classification made under another adaptation is never used."""

import datetime

import pytest
from django.utils import timezone

from cases.course_kinds import CourseDelivery
from cases.models import Course
from cases.models.courses import CourseStatus, EndReason
from measures.models import StoredClassification
from measures.queries import course_outcome
from measures.scores import rebuild_classifications
from sessions import services
from sessions.models import Attendance, AttendanceTally
from sessions.tallies import rebuild_tallies
from supervision.phase_query import current_phase
from supervision.service_stats import Rate, courses_ended_in, service_figures
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 6, 30)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def tally(course) -> tuple:
    row = AttendanceTally.objects.get(course=course)
    return (row.attended, row.first_attended_on, row.last_attended_on)


def test_it_keeps_the_tally_current_as_attendance_is_recorded_and_voided(course, therapist):
    first = factories.make_session(course, attendance=Attendance.SCHEDULED)
    second = factories.make_session(course, attendance=Attendance.SCHEDULED)
    assert tally(course) == (0, None, None)
    day1, day2 = datetime.date(2026, 2, 2), datetime.date(2026, 2, 9)
    for session, day in ((first, day1), (second, day2)):
        services.record_attendance(
            session, therapist, attendance=Attendance.ATTENDED, held_at=at(day), duration_minutes=50
        )
    assert tally(course) == (2, day1, day2)
    services.void_session(second, therapist, "Entered on the wrong client")
    assert tally(course) == (1, day1, day1)
    services.record_attendance(
        first,
        therapist,
        attendance=Attendance.DID_NOT_ATTEND,
        held_at=at(day1),
        duration_minutes=None,
    )
    assert tally(course) == (0, None, None)


def test_it_counts_the_same_courses_and_sessions_as_the_extract_reads(therapist, service_admin):
    """The figures read the tallies; the extract and FHIR export group the sessions: the same
    courses, the same attended counts, for late write-ups, missed and voided sessions, and a
    course closed before any session was held."""
    # (last session booked, closed in the app): the last session is then voided, so the
    # clinical end is the week before it.
    for last, closed in (
        (datetime.date(2025, 12, 29), datetime.date(2026, 1, 5)),  # 22 Dec: out
        (datetime.date(2026, 1, 7), datetime.date(2026, 1, 7)),  # 31 Dec: out
        (datetime.date(2026, 7, 6), datetime.date(2026, 8, 1)),  # 29 Jun, closed later: in
        (datetime.date(2026, 7, 8), datetime.date(2026, 7, 8)),  # 1 Jul: out
    ):
        course = factories.make_course(
            therapist=therapist,
            status=CourseStatus.ENDED_EARLY,
            end_reason=EndReason.MOVED_AWAY,
            ended_on=closed,
            start_date=last - datetime.timedelta(weeks=3),
        )
        for week in range(3, -1, -1):
            factories.make_session(course, scheduled_for=at(last - datetime.timedelta(weeks=week)))
        factories.make_session(course, attendance=Attendance.DID_NOT_ATTEND)
        last_held = course.sessions.attended().order_by("-number").first()
        services.void_session(last_held, therapist, "Wrong day")
    factories.make_course(
        therapist=therapist,
        status=CourseStatus.ENDED_EARLY,
        end_reason=EndReason.DROPPED_OUT,
        ended_on=datetime.date(2026, 3, 1),
    )
    expected = list(courses_ended_in(service_admin, START, END))
    assert len(expected) == 2
    figures = service_figures(service_admin, START, END)
    assert figures.period.ended == 2
    assert figures.period.end_reasons == [("Dropped out", 1), ("Moved away", 1)]
    assert sorted(c.attended for c in expected) == [0, 3]


def test_it_classifies_a_course_afresh_when_its_adaptation_changed(
    therapist, service_admin, django_assert_num_queries
):
    course = factories.make_course(
        therapist=therapist,
        status=CourseStatus.COMPLETED,
        ended_on=datetime.date(2026, 3, 9),
        start_date=datetime.date(2026, 1, 5),
    )
    for week in range(8):
        factories.make_session(
            course, scheduled_for=at(course.start_date + datetime.timedelta(weeks=week))
        )
    make_response(course, "phq9", 15, on=course.start_date)
    make_response(course, "phq9", 5, on=datetime.date(2026, 2, 23))
    assert service_figures(service_admin, START, END).period.recovery == Rate(1, 1)
    # Edited to IPT-A after the scores: its depression measure is the PHQ-A, never taken.
    Course.objects.filter(pk=course.pk).update(adaptation="ipt_a")
    with django_assert_num_queries(5):  # the stale course's scores, read once
        figures = service_figures(service_admin, START, END)
    assert figures.period.finished_rate == Rate(0, 1)
    assert figures.period.recovery == Rate(0, 0)
    assert not course_outcome(Course.objects.get(pk=course.pk)).outcome.enough_data


def test_it_rebuilds_the_same_rows_it_keeps_on_write(therapist):
    courses = []
    for scores in ([18, 12, 7], [9], [6, 14], []):
        course = factories.make_course(therapist=therapist)
        for _ in range(len(scores) + 1):
            factories.make_session(course)
        for i, score in enumerate(scores):
            make_response(course, "phq9", score, on=course.start_date + datetime.timedelta(days=i))
        courses.append(course)
    ids = [c.pk for c in courses]

    def snapshot():
        tallies = sorted(AttendanceTally.objects.filter(course__in=ids).values_list())
        stored = sorted(StoredClassification.objects.filter(course__in=ids).values_list())
        return tallies, stored

    kept = snapshot()
    AttendanceTally.objects.filter(course__in=ids).update(
        attended=0, first_attended_on=None, last_attended_on=None
    )
    StoredClassification.objects.filter(course__in=ids).update(enough_data=False, worsened=True)
    rebuild_tallies(ids)
    rebuild_classifications(ids)
    assert snapshot()[0] == kept[0]
    # A course never scored gets its row (not enough data) from a rebuild; the others match.
    assert [row for row in snapshot()[1] if row[0] != courses[3].pk] == kept[1]


@pytest.mark.parametrize("planned", [2, 5, 9, 11])
def test_the_running_phase_of_a_group_members_course_is_its_own_rule(supervisor, planned):
    """A member's course: the pre-group meeting and the first group session are initial, the
    group's last two sessions termination (``cases.phases.member_phase_for``)."""
    therapist = factories.make_therapist(supervisor=supervisor)
    for attended in range(0, planned + 2):
        course = factories.make_course(
            therapist=therapist,
            planned_sessions=planned,
            length_reason="Group format.",
            delivery=CourseDelivery.GROUP_MEMBER,
        )
        for _ in range(attended):
            factories.make_session(course)
    courses = Course.objects.filter(therapist=therapist).with_progress()
    for course in courses.annotate(phase_now=current_phase()):
        assert course.phase_now == course.phase, (planned, course.attended)
