"""Suicide risk is never missed: flags open at once, show everywhere, close only by a review."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from measures.models import RiskFlag, RiskLevel, RiskReview
from measures.services import close_flag, raise_flags_for_session
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "overrides"),
    [
        ("phq9", {"9": "1"}),
        ("epds", {"10": "2"}),
        ("phqa", {"thoughts_month": "yes"}),
        ("phqa", {"attempt_ever": "yes"}),
    ],
)
def test_it_opens_a_flag_for_every_positive_risk_item(course, code, overrides):
    from django.utils import timezone

    from measures import instruments
    from measures.services import record_response

    instrument = instruments.get(code)
    answers = {item.key: item.options[-1].code for item in instrument.items}
    if code == "phq9":
        answers = {item.key: "0" for item in instrument.items}
    answers.update(overrides)
    record_response(
        course=course,
        instrument_code=code,
        answers=answers,
        completed_on=timezone.localdate(),
        by=course.therapist,
    )
    assert RiskFlag.objects.open().filter(course=course).count() == 1


def test_it_opens_no_flag_for_a_negative_risk_item(course):
    make_response(course, "phq9", 20)
    assert not RiskFlag.objects.exists()


@pytest.mark.parametrize(
    ("level", "expected"), [("moderate", RiskLevel.MODERATE), ("high", RiskLevel.HIGH)]
)
def test_it_opens_a_flag_for_a_session_rated_moderate_or_high(course, level, expected):
    session = factories.make_session(course, risk_level=level)
    flag = raise_flags_for_session(session, course.therapist)
    assert flag.level == expected and flag.session == session and flag.is_open
    assert AuditEvent.objects.filter(action="risk.flag", object_id=str(flag.pk)).exists()


@pytest.mark.parametrize("level", ["", "none", "low"])
def test_it_opens_no_flag_for_low_or_no_session_risk(course, level):
    session = factories.make_session(course, risk_level=level)
    assert raise_flags_for_session(session, course.therapist) is None
    assert not RiskFlag.objects.exists()


def test_it_keeps_one_flag_per_session_across_saves_and_raises_its_level(course):
    session = factories.make_session(course, risk_level="moderate")
    first = raise_flags_for_session(session, course.therapist)
    raise_flags_for_session(session, course.therapist)
    session.risk_level = "high"
    again = raise_flags_for_session(session, course.therapist)
    assert again.pk == first.pk
    assert RiskFlag.objects.get().level == RiskLevel.HIGH


def test_it_does_not_reopen_a_reviewed_session_flag_at_the_same_level(course):
    session = factories.make_session(course, risk_level="moderate")
    flag = raise_flags_for_session(session, course.therapist)
    close_flag(flag, by=course.therapist, assessment="a", actions="b", contacted="c")
    assert raise_flags_for_session(session, course.therapist) is None
    session.risk_level = "high"
    reopened = raise_flags_for_session(session, course.therapist)
    assert reopened.pk != flag.pk and reopened.is_open


def test_it_refuses_to_close_a_flag_without_a_review(client, therapist, course):
    flag = make_flag(course)
    client.force_login(therapist)
    response = client.post(
        reverse("measures:flag_review", args=[flag.pk]),
        {"assessment": "Talked it through", "actions": "   ", "contacted": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Record what was done before closing the flag." in page
    assert "Record who was contacted" in page
    assert "Talked it through" in page
    flag.refresh_from_db()
    assert flag.is_open
    assert not RiskReview.objects.exists()


def test_it_closes_a_flag_with_a_full_review_and_keeps_it(client, therapist, course):
    flag = make_flag(course)
    client.force_login(therapist)
    response = client.post(
        reverse("measures:flag_review", args=[flag.pk]),
        {
            "assessment": "Passive thoughts, no plan or intent.",
            "actions": "Safety plan written with the client.",
            "contacted": "GP informed by phone.",
        },
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert not flag.is_open
    assert flag.review.contacted == "GP informed by phone."
    assert AuditEvent.objects.filter(action="risk.review", object_id=str(flag.pk)).exists()
    history = client.get(reverse("measures:course_risk", args=[course.pk])).content.decode()
    assert "GP informed by phone." in history
    assert 'data-testid="no-open-flags"' in history


def test_it_refuses_a_review_service_call_with_a_blank_part(course):
    flag = make_flag(course)
    with pytest.raises(ValueError):
        close_flag(flag, by=course.therapist, assessment="a", actions="b", contacted=" ")
    flag.refresh_from_db()
    assert flag.is_open


def test_it_has_no_way_to_delete_a_flag(client, therapist, course):
    flag = make_flag(course)
    client.force_login(therapist)
    response = client.delete(reverse("measures:flag_review", args=[flag.pk]))
    assert response.status_code == 405
    assert RiskFlag.objects.filter(pk=flag.pk).exists()


def test_it_shows_the_banner_on_course_pages_with_an_open_flag(client, therapist, course):
    make_flag(course)
    client.force_login(therapist)
    for url in [
        reverse("measures:course_measures", args=[course.pk]),
        reverse("measures:safety_plan", args=[course.pk]),
        reverse("measures:response_new", args=[course.pk]),
    ]:
        page = client.get(url).content.decode()
        assert 'data-testid="risk-banner"' in page, url
        assert "PHQ-9 item 9 answered positively." in page


def test_it_says_ordinary_ipt_pauses_when_risk_is_high(client, therapist, course):
    make_flag(course, level=RiskLevel.HIGH)
    client.force_login(therapist)
    page = client.get(reverse("measures:course_risk", args=[course.pk])).content.decode()
    assert "banner--high" in page
    assert "Ordinary IPT work pauses until the client is stabilised" in page
    assert "crisis and psychiatric support" in page


def test_it_shows_no_banner_without_an_open_flag(client, therapist, course):
    flag = make_flag(course)
    close_flag(flag, by=therapist, assessment="a", actions="b", contacted="c")
    client.force_login(therapist)
    page = client.get(reverse("measures:course_measures", args=[course.pk])).content.decode()
    assert 'data-testid="risk-banner"' not in page


def test_it_renders_the_banner_for_a_client_across_their_courses(therapist):
    from django.template import Context, Template

    course = factories.make_course(therapist=therapist)
    make_flag(course)
    html = Template("{% load risk_panels %}{% risk_banner client=client %}").render(
        Context({"client": course.client})
    )
    assert "risk-banner" in html


def test_it_shows_the_banner_on_the_client_and_course_pages(client, therapist, supervisor, course):
    make_flag(course, level=RiskLevel.HIGH)
    for user in (therapist, supervisor):
        client.force_login(user)
        for url in (
            reverse("cases:course_detail", args=[course.pk]),
            reverse("cases:client_detail", args=[course.client.pk]),
        ):
            page = client.get(url).content.decode()
            assert 'data-testid="risk-banner"' in page, (user, url)
            assert "Ordinary IPT work pauses" in page


def test_it_keeps_the_flag_open_when_the_rating_is_lowered_later(course):
    session = factories.make_session(course, risk_level="high")
    flag = raise_flags_for_session(session, course.therapist)
    session.risk_level = "low"
    assert raise_flags_for_session(session, course.therapist) is None
    flag.refresh_from_db()
    assert flag.is_open and flag.level == RiskLevel.HIGH


@pytest.mark.parametrize(
    "name", ["formulation:page", "inventory:page", "inventory:timeline", "measures:course_risk"]
)
def test_it_shows_the_banner_on_the_course_s_other_pages(client, therapist, course, name):
    make_flag(course)
    client.force_login(therapist)
    page = client.get(reverse(name, args=[course.pk])).content.decode()
    assert 'data-testid="risk-banner"' in page
