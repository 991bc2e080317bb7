"""Entering a questionnaire: server-side scoring, risk flags, bad input, and the live total."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from measures.models import QuestionnaireResponse, RiskFlag
from tests import factories
from tests.measures.factories import answers_totalling

pytestmark = pytest.mark.django_db


def post_data(code, answers, **extra):
    data = {"instrument": code, "completed_on": timezone.localdate().isoformat()}
    data.update({f"item_{key}": value for key, value in answers.items()})
    data.update(extra)
    return data


def new_url(course, code="phq9"):
    return reverse("measures:response_new", args=[course.pk]) + f"?instrument={code}"


def test_it_shows_each_item_with_its_options_and_the_licence(client, therapist, course):
    client.force_login(therapist)
    response = client.get(new_url(course))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thoughts that you would be better off dead" in page
    assert page.count('type="radio"') == 9 * 4
    assert "no permission required" in page


def test_it_saves_a_phq9_with_the_total_computed_by_the_server(client, therapist, course):
    client.force_login(therapist)
    response = client.post(new_url(course), post_data("phq9", answers_totalling("phq9", 12)))
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get()
    assert (saved.total, saved.band, saved.risk_positive) == (12, "Moderate", False)
    assert AuditEvent.objects.filter(
        action="questionnaire.create", object_id=str(saved.pk)
    ).exists()
    assert not RiskFlag.objects.exists()


def test_it_opens_a_risk_flag_at_once_when_item_9_is_positive(client, therapist, course):
    client.force_login(therapist)
    answers = answers_totalling("phq9", 8, **{"9": "1"})
    response = client.post(new_url(course), post_data("phq9", answers))
    assert response.status_code == 302
    assert response["Location"] == reverse("measures:course_risk", args=[course.pk])
    flag = RiskFlag.objects.get()
    assert flag.course == course and flag.is_open
    assert "item 9" in flag.reason
    assert AuditEvent.objects.filter(action="risk.flag", object_id=str(flag.pk)).exists()


def test_it_refuses_a_form_with_an_unanswered_item_and_says_which(client, therapist, course):
    client.force_login(therapist)
    answers = answers_totalling("phq9", 5)
    del answers["6"]
    response = client.post(new_url(course), post_data("phq9", answers))
    assert response.status_code == 400
    assert response.context["form"].errors["item_6"] == ["Please answer this item."]
    assert 'href="#item-6"' in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()
    # What was typed is kept.
    assert 'name="item_1" value="3" id="id_item_1_3" checked' in response.content.decode()


def test_it_rejects_an_answer_outside_the_options(client, therapist, course):
    client.force_login(therapist)
    answers = answers_totalling("gad7", 5, **{"2": "7"})
    response = client.post(new_url(course, "gad7"), post_data("gad7", answers))
    assert response.status_code == 400
    assert "That answer is not one of this item&#x27;s options." in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_it_refuses_a_hand_sent_total_that_disagrees_with_the_items(client, therapist, course):
    client.force_login(therapist)
    data = post_data("phq9", answers_totalling("phq9", 12), total="3")
    response = client.post(new_url(course), data)
    assert response.status_code == 400
    assert "the total sent (3) does not match" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_it_ignores_a_hand_sent_total_that_agrees(client, therapist, course):
    client.force_login(therapist)
    client.post(new_url(course), post_data("phq9", answers_totalling("phq9", 12), total="12"))
    assert QuestionnaireResponse.objects.get().total == 12


def test_it_rejects_a_session_of_another_course(client, therapist, course):
    other_course = factories.make_course(therapist=therapist)
    foreign = factories.make_session(other_course)
    client.force_login(therapist)
    data = post_data("phq9", answers_totalling("phq9", 12), session=str(foreign.pk))
    response = client.post(new_url(course), data)
    assert response.status_code == 400
    assert "That session is not one of this course&#x27;s sessions." in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_it_attaches_a_questionnaire_to_the_course_session(client, therapist, course):
    session = factories.make_session(course)
    client.force_login(therapist)
    data = post_data("gad7", answers_totalling("gad7", 9), session=str(session.pk))
    client.post(new_url(course, "gad7"), data)
    assert QuestionnaireResponse.objects.get().session == session


def test_it_refuses_a_session_query_of_another_course(client, therapist, course):
    other = factories.make_session(factories.make_course(therapist=therapist))
    client.force_login(therapist)
    response = client.get(new_url(course) + f"&session={other.pk}")
    assert response.status_code == 400


def test_it_answers_an_unknown_questionnaire_with_a_clear_400(client, therapist, course):
    client.force_login(therapist)
    response = client.get(new_url(course, "nope"))
    assert response.status_code == 400
    assert "There is no questionnaire with that name." in response.content.decode()


def test_it_defaults_to_the_adaptation_s_questionnaire(client, therapist):
    teen = factories.make_course(therapist=therapist, adaptation="ipt_a")
    client.force_login(therapist)
    response = client.get(reverse("measures:response_new", args=[teen.pk]))
    assert response.context["instrument"].code == "phqa"


def test_it_returns_the_running_total_as_an_htmx_partial(client, therapist, course):
    client.force_login(therapist)
    answers = {"1": "2", "2": "3"}
    response = client.post(
        reverse("measures:response_score", args=[course.pk]),
        post_data("phq9", answers),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="score"')
    assert "<html" not in page
    assert 'data-testid="score-total">5<' in page
    assert "2 of 9 items answered" in page


def test_it_shows_the_band_and_the_risk_warning_once_complete(client, therapist, course):
    client.force_login(therapist)
    answers = answers_totalling("phq9", 14, **{"9": "1"})
    response = client.post(
        reverse("measures:response_score", args=[course.pk]),
        post_data("phq9", answers),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'data-testid="score-band">Moderately severe<' in page
    assert 'data-testid="score-risk"' in page


def test_it_shows_a_response_s_answers(client, therapist, course):
    from tests.measures.factories import make_response

    saved = make_response(course, "phq9", 6)
    client.force_login(therapist)
    response = client.get(reverse("measures:response_detail", args=[saved.pk]))
    assert response.status_code == 200
    assert "Nearly every day" in response.content.decode()
    assert AuditEvent.objects.filter(action="view", object_id=str(saved.pk)).exists()


def test_it_voids_a_questionnaire_entered_in_error_and_leaves_it_out_of_outcomes(
    client, therapist, course
):
    from measures.reporting import outcome_report
    from tests.measures.factories import make_response

    make_response(course, "phq9", 18)
    wrong = make_response(course, "phq9", 4)
    assert outcome_report(course).facts.outcome.reliable_improvement
    client.force_login(therapist)
    url = reverse("measures:response_void", args=[wrong.pk])
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "Say why this questionnaire is being voided." in refused.content.decode()
    assert client.post(url, {"reason": "Entered for the wrong date"}).status_code == 302
    wrong.refresh_from_db()
    assert wrong.is_void and wrong.void_reason == "Entered for the wrong date"
    assert AuditEvent.objects.filter(action="questionnaire.void", object_id=str(wrong.pk)).exists()
    assert not outcome_report(course).facts.outcome.enough_data
    page = client.get(reverse("measures:course_measures", args=[course.pk])).content.decode()
    assert "Voided" in page


def test_it_keeps_the_risk_flag_open_when_its_questionnaire_is_voided(client, therapist, course):
    from measures.services import void_response
    from tests.measures.factories import make_response

    response = make_response(course, "phq9", 5, **{"9": "1"})
    void_response(response, by=therapist, reason="Wrong client")
    assert RiskFlag.objects.open().filter(course=course).count() == 1


def test_it_goes_back_to_the_session_form_after_saving_from_it(client, therapist, course):
    session = factories.make_session(course)
    client.force_login(therapist)
    back = f"/sessions/{session.pk}/edit/"
    form = client.get(new_url(course) + f"&session={session.pk}&next={back}")
    assert f'name="next" value="{back}"' in form.content.decode()
    data = post_data("phq9", answers_totalling("phq9", 7), session=str(session.pk), next=back)
    response = client.post(new_url(course), data)
    assert response["Location"] == back


def test_it_never_follows_a_next_address_off_the_site(client, therapist, course):
    session = factories.make_session(course)
    client.force_login(therapist)
    data = post_data(
        "phq9", answers_totalling("phq9", 7), session=str(session.pk), next="https://evil.example/"
    )
    response = client.post(new_url(course), data)
    assert response["Location"] == reverse("measures:course_measures", args=[course.pk])
