"""A booster session asks about suicide risk as a session note does, and a moderate or high
rating opens a risk flag on the completed course (H44): shown on the course page, the caseload
and the supervisor's dashboard like any open flag, and closed by the usual review."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEvent
from cases.models.courses import CourseStatus
from measures.models import RiskFlag, RiskLevel, RiskSource
from measures.services import close_flag
from sessions import maintenance
from sessions.boosters import BoosterSession
from tests.sessions.test_maintenance import completed_course, today

pytestmark = pytest.mark.django_db


def post_booster(client, course, **risk):
    data = {
        "held_on": today().isoformat(),
        "duration_minutes": "50",
        "reason": "Warning signs since the new job",
        "warning_signs_noticed": "Waking at 4am",
        **risk,
    }
    return client.post(reverse("sessions:booster_create", args=[course.pk]), data)


def panel(html: str) -> str:
    start = html.find('data-testid="open-risk-closed"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


def test_it_opens_a_flag_at_high_risk_shown_on_the_course_page_caseload_and_dashboard(
    client, therapist, supervisor
):
    course = completed_course(therapist)
    client.force_login(therapist)
    response = post_booster(
        client,
        course,
        risk_asked="on",
        risk_level="high",
        risk_action="Crisis team called; safety plan updated",
    )
    assert response.status_code == 302
    flag = RiskFlag.objects.get(course=course)
    booster = BoosterSession.objects.get(course=course)
    assert flag.is_open and flag.level == RiskLevel.HIGH
    assert flag.source == RiskSource.BOOSTER and flag.booster == booster
    assert flag.session is None and flag.response is None
    assert "booster session" in flag.reason
    assert AuditEvent.objects.filter(action="risk.flag").count() == 1
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED and course.attended_count == 12
    page = client.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="risk-banner"' in page and "banner--high" in page
    assert "Crisis team called" in page  # the booster's row shows its risk and action
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert course.client.full_name in panel(caseload)
    client.force_login(supervisor)
    dashboard = client.get(reverse("supervision:dashboard")).content.decode()
    assert course.client.full_name in panel(dashboard)
    assert "booster session" in panel(dashboard)


def test_it_opens_a_moderate_flag_that_the_usual_review_closes(client, therapist):
    course = completed_course(therapist)
    values = {"held_on": today(), "duration_minutes": 50, "reason": "Check-in"}
    booster = maintenance.record_booster(
        therapist, course, values | {"risk_asked": True, "risk_level": "moderate"}
    )
    flag = booster.risk_flags.get()
    assert flag.level == RiskLevel.MODERATE and flag.is_open
    client.force_login(therapist)
    page = client.get(reverse("measures:course_risk", args=[course.pk])).content.decode()
    assert "risk rating in a booster session" in page
    close_flag(flag, by=therapist, assessment="No plan", actions="GP review", contacted="GP")
    assert not RiskFlag.objects.open().filter(course=course).exists()
    page = client.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="risk-banner"' not in page


@pytest.mark.parametrize("level", ["none", "low"])
def test_it_opens_no_flag_at_none_or_low_risk(client, therapist, level):
    course = completed_course(therapist)
    client.force_login(therapist)
    assert post_booster(client, course, risk_asked="on", risk_level=level).status_code == 302
    assert BoosterSession.objects.get(course=course).risk_level == level
    assert not RiskFlag.objects.filter(course=course).exists()
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED


def test_it_asks_for_a_level_when_risk_was_asked_and_an_action_when_it_is_high(client, therapist):
    course = completed_course(therapist)
    client.force_login(therapist)
    response = post_booster(client, course, risk_asked="on")
    assert response.status_code == 400
    assert "Choose the risk level you assessed." in response.content.decode()
    assert "Warning signs since the new job" in response.content.decode()  # input kept
    response = post_booster(client, course, risk_asked="on", risk_level="high")
    assert response.status_code == 400
    assert "Say what was done about the high risk." in response.content.decode()
    response = post_booster(client, course, risk_level="moderate")
    assert response.status_code == 400
    assert not BoosterSession.objects.exists() and not RiskFlag.objects.exists()


def test_the_database_refuses_a_flag_with_a_booster_and_a_session(therapist):
    from tests import factories

    course = completed_course(therapist)
    booster = maintenance.record_booster(
        therapist, course, {"held_on": today(), "duration_minutes": 50, "reason": "Check-in"}
    )
    session = factories.make_session(course)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskFlag.objects.create(
            course=course,
            level=RiskLevel.HIGH,
            source=RiskSource.BOOSTER,
            booster=booster,
            session=session,
            reason="Both",
            raised_by=therapist,
        )


def test_the_database_refuses_an_unasked_rating_or_high_risk_without_action(therapist):
    course = completed_course(therapist)
    base = {"course": course, "held_on": today(), "duration_minutes": 50, "reason": "x"}
    with pytest.raises(IntegrityError), transaction.atomic():
        BoosterSession.objects.create(recorded_by=therapist, risk_level="low", **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        BoosterSession.objects.create(
            recorded_by=therapist, risk_asked=True, risk_level="high", **base
        )
