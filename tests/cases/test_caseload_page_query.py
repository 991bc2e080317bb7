"""The caseload page reads its rows and the closed courses with open risk in one query
(``ipt_site.pages.caseload.PAGE_QUERY``); split apart they are exactly what the two queries
they replace give, in their orders, for every viewer."""

import datetime

import pytest
from django.utils import timezone

from accounts.services import deactivate
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.services import clients as client_services
from cases.services import endings as ending_services
from ipt_site.pages.caseload import (
    CASELOAD_QUERY,
    CLOSED_RISK_QUERY,
    PAGE_QUERY,
    _split,
    current_q,
)
from measures.models import RiskFlag, RiskLevel
from tests import factories
from tests.measures.factories import make_flag

pytestmark = pytest.mark.django_db

SHOWN = (
    "first_attended_on",
    "last_attended_on",
    "risk_level",
    "risk_reason",
    "risk_raised_at",
    "handover_told",
    "handover_arranged",
    "clinical_end",
    "status",
    "end_reason",
)


def _ended_with_flag(therapist, level, days_ago, sessions=1):
    course = factories.make_course(therapist=therapist)
    for _ in range(sessions):
        factories.make_session(course)
    flag = make_flag(course, level=level, reason=f"Raised {days_ago} days ago.")
    RiskFlag.objects.filter(pk=flag.pk).update(
        raised_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    ending_services.end_course_early(
        therapist, course, "dropped_out", told="GP by phone", arranged="Crisis line given"
    )
    return course


@pytest.fixture
def service(therapist, supervisor):
    """Current courses, closed ones with open risk at several levels and ages, an archived
    client's, and a therapist who left with an open course at risk (on a caseload and off
    every working one at once)."""
    for _ in range(3):
        factories.make_session(factories.make_course(therapist=therapist))
    _ended_with_flag(therapist, RiskLevel.SCREEN, 3)
    # The later course's flag is the older: the order is by age, not by id.
    _ended_with_flag(therapist, RiskLevel.HIGH, 2, sessions=3)
    _ended_with_flag(therapist, RiskLevel.HIGH, 10, sessions=0)
    _ended_with_flag(therapist, RiskLevel.SCREEN, 3)
    archived = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    client_services.archive_client(therapist, archived.client, reason="Moved away.")
    make_flag(archived)  # raised after: a late questionnaire entry
    leaver = factories.make_therapist(supervisor=supervisor)
    left = factories.make_course(therapist=leaver)
    make_flag(left, level=RiskLevel.MODERATE)
    deactivate(leaver, by=factories.make_service_admin())
    return {"left": left}


def test_it_gives_the_rows_and_the_closed_courses_the_two_queries_gave(
    therapist, supervisor, service
):
    admin = factories.make_service_admin()
    now = timezone.now()
    for user in (therapist, supervisor, admin, factories.make_therapist()):
        courses, closed = _split(PAGE_QUERY.list(user=user, now=now))
        assert [c.pk for c in courses] == [c.pk for c in CASELOAD_QUERY.list(user=user, now=now)]
        before = CLOSED_RISK_QUERY.list(user=user, now=now)
        assert [c.pk for c in closed] == [c.pk for c in before], user.role
        for mine, theirs in zip(closed, before, strict=True):
            for name in SHOWN:
                assert getattr(mine, name) == getattr(theirs, name), name
    # The fixture shows what it is meant to: several closed rows, and one on both lists.
    courses, closed = _split(PAGE_QUERY.list(user=supervisor, now=now))
    assert len(closed) >= 5
    assert service["left"].pk in {c.pk for c in courses} & {c.pk for c in closed}


def test_it_tells_current_courses_apart_by_the_querysets_own_rule():
    assert str(Course.objects.filter(current_q()).query) == str(Course.objects.current().query)
