"""The supervisor's rating of a course on our rubric: who may rate, one rating per date, history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from audit.models import AuditEvent
from supervision.models import FidelityRating
from supervision.rubric import DOMAINS
from supervision.services import ratings
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def form_url(course) -> str:
    return reverse("supervision:rating_new", args=[course.pk])


def page_url(course) -> str:
    return reverse("supervision:fidelity", args=[course.pk])


def rating_data(level: int = 3, on: datetime.date | None = None, **overrides) -> dict:
    on = on or today()
    data = {f"score_{domain.key}": str(level) for domain in DOMAINS}
    data |= {"reviewed_on": on.isoformat(), "comments": "Good structure; start role play."}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def scores(level: int) -> dict:
    return {domain.key: level for domain in DOMAINS}


# ---- rating ------------------------------------------------------------------------------


def test_it_saves_the_supervisors_rating_and_audits_it(client, course, supervisor):
    client.force_login(supervisor)
    response = client.post(form_url(course), rating_data(4))
    assert response.status_code == 302 and response["Location"] == page_url(course)
    rating = FidelityRating.objects.get()
    assert rating.scores == scores(4)
    assert (rating.rated_by, rating.reviewed_on) == (supervisor, today())
    event = AuditEvent.objects.get(action="fidelity.rate")
    assert event.client == course.client and event.actor == supervisor
    assert event.object_id == str(rating.pk) and event.detail["scores"] == scores(4)
    page = client.get(response["Location"]).content.decode()
    assert "saved" in page and "Good structure; start role play." in page
    assert escape(DOMAINS[0].descriptor(4)) in page


def test_the_form_offers_each_levels_descriptor_in_a_labelled_group(client, course, supervisor):
    client.force_login(supervisor)
    html = client.get(form_url(course)).content.decode()
    for domain in DOMAINS:
        assert f"<legend>{DOMAINS.index(domain) + 1}. {domain.label}</legend>" in html
        for level in range(1, 6):
            assert escape(domain.descriptor(level)) in html
            assert f'for="id_score_{domain.key}_{level - 1}"' in html


def test_it_keeps_a_second_rating_on_another_date_and_shows_the_change(client, course, supervisor):
    ratings.rate_course(course, supervisor, today() - datetime.timedelta(days=7), scores(2), "")
    client.force_login(supervisor)
    assert client.post(form_url(course), rating_data(3)).status_code == 302
    assert FidelityRating.objects.filter(course=course).count() == 2
    latest, earlier = FidelityRating.objects.filter(course=course)
    assert (latest.reviewed_on, earlier.reviewed_on) == (today(), today() - datetime.timedelta(7))
    html = client.get(page_url(course)).content.decode()
    assert "Levels across review dates" in html
    assert html.count("up 1") == len(DOMAINS)
    earlier_on = today() - datetime.timedelta(days=7)
    assert html.index(f"Review of {today():%-d %B %Y}") < html.index(
        f"Review of {earlier_on:%-d %B %Y}"
    )


def test_a_second_rating_on_the_same_date_comes_back_as_a_form_error(client, course, supervisor):
    ratings.rate_course(course, supervisor, today(), scores(2), "First look")
    client.force_login(supervisor)
    response = client.post(form_url(course), rating_data(5, comments="Typed comment kept"))
    assert response.status_code == 200
    assert "already has a rating on" in str(response.context["form"].errors["reviewed_on"])
    html = response.content.decode()
    assert "Typed comment kept" in html
    assert html.count(" checked>") == len(DOMAINS)
    assert response.context["form"][f"score_{DOMAINS[0].key}"].value() == "5"
    assert FidelityRating.objects.get().scores == scores(2)


def test_the_database_constraint_is_reported_not_raised(course, supervisor):
    ratings.rate_course(course, supervisor, today(), scores(3))
    with pytest.raises(ratings.AlreadyRated):
        ratings.rate_course(course, supervisor, today(), scores(4))
    assert AuditEvent.objects.filter(action="fidelity.rate").count() == 1


def test_it_asks_for_every_domain_and_keeps_the_levels_already_chosen(client, course, supervisor):
    first = DOMAINS[0]
    client.force_login(supervisor)
    response = client.post(form_url(course), rating_data(4, **{f"score_{first.key}": None}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"score_{first.key}"]
    assert f'href="#id_score_{first.key}_0"' in response.content.decode()
    assert response.context["form"]["score_risk"].value() == "4"
    assert not FidelityRating.objects.exists()


def test_termination_may_wait_until_the_course_reaches_it(client, course, supervisor):
    client.force_login(supervisor)
    form = client.get(form_url(course)).context["form"]
    assert form["score_termination"].value() == "not_yet"  # session 1: suggested
    assert form["score_structure"].value() is None  # nothing chosen for the supervisor
    response = client.post(form_url(course), rating_data(3, score_termination="not_yet"))
    assert response.status_code == 302
    rating = FidelityRating.objects.get()
    assert "termination" not in rating.scores
    assert "Not rated" in client.get(page_url(course)).content.decode()


def test_it_does_not_suggest_waiting_once_the_course_is_in_termination(client, course, supervisor):
    for _ in range(13):
        factories.make_session(course)
    client.force_login(supervisor)
    form = client.get(form_url(course)).context["form"]
    assert form["score_termination"].value() is None
    response = client.post(form_url(course), rating_data(3, score_termination=None))
    assert "score_termination" in response.context["form"].errors


@pytest.mark.parametrize(
    ("day", "error"),
    [
        (today() + datetime.timedelta(days=1), "cannot be in the future"),
        (today() - datetime.timedelta(days=60), "cannot be earlier"),
    ],
)
def test_it_refuses_a_review_date_outside_the_course(client, course, supervisor, day, error):
    client.force_login(supervisor)
    response = client.post(form_url(course), rating_data(3, on=day))
    assert error in str(response.context["form"].errors["reviewed_on"])
    assert not FidelityRating.objects.exists()


def test_it_refuses_a_level_outside_the_rubric(client, course, supervisor):
    client.force_login(supervisor)
    response = client.post(form_url(course), rating_data(3, score_risk="9"))
    assert "score_risk" in response.context["form"].errors
    with pytest.raises(ratings.InvalidScores):
        ratings.rate_course(course, supervisor, today(), scores(3) | {"risk": 0})
    with pytest.raises(ratings.InvalidScores):
        ratings.rate_course(course, supervisor, today(), scores(3) | {"made_up": 3})
    assert not FidelityRating.objects.exists()


# ---- who may rate ------------------------------------------------------------------------


def test_only_the_therapists_own_supervisor_may_rate(course, supervisor, other_supervisor):
    assert ratings.may_rate(supervisor, course)
    for someone in (course.therapist, other_supervisor, factories.make_service_admin()):
        assert not ratings.may_rate(someone, course)
        with pytest.raises(ratings.NotAllowed):
            ratings.rate_course(course, someone, today(), scores(3))
    assert not FidelityRating.objects.exists()


@pytest.mark.parametrize("role", ["therapist", "service_admin"])
def test_others_who_see_the_course_get_a_useful_refusal(client, course, role, request):
    client.force_login(request.getfixturevalue(role))
    for response in (client.get(form_url(course)), client.post(form_url(course), rating_data())):
        assert response.status_code == 403
        html = response.content.decode()
        assert "Only Sam Supervisor, who supervises Tess Therapist, rates this course" in html
        assert page_url(course) in html
    assert not FidelityRating.objects.exists()


def test_a_course_whose_therapist_has_no_supervisor_cannot_be_rated(client, service_admin):
    course = factories.make_course(therapist=factories.make_therapist(supervisor=None))
    client.force_login(service_admin)
    response = client.get(form_url(course))
    assert response.status_code == 403
    assert "has no supervisor recorded" in response.content.decode()


@pytest.mark.parametrize("stranger", ["other_therapist", "other_supervisor"])
def test_it_is_not_found_outside_the_users_scope(client, course, stranger, request):
    client.force_login(request.getfixturevalue(stranger))
    assert client.get(form_url(course)).status_code == 404
    assert client.post(form_url(course), rating_data()).status_code == 404
    assert not FidelityRating.objects.exists()


def test_it_sends_a_signed_out_visitor_to_sign_in(client, course):
    response = client.post(form_url(course), rating_data())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not FidelityRating.objects.exists()


def test_the_therapist_reads_the_rating_history(client, course, supervisor):
    ratings.rate_course(course, supervisor, today(), scores(4), "Keep going")
    client.force_login(course.therapist)
    html = client.get(page_url(course)).content.decode()
    assert "Keep going" in html and "by Sam Supervisor" in html
    assert "Levels across review dates" not in html  # one rating: nothing to compare yet
