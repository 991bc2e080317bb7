import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Course
from inventory.formulation_progress import (
    current_focal_areas,
    focal_area_chosen,
    formulation_shared,
    formulation_shared_not_agreed,
)
from inventory.models import Formulation
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "primary_area": "role_dispute",
        "secondary_area": "",
        "plain_words": "Your mood dropped when the rows with Dan started.",
        "goal_1": "Ask Dan for one evening together a week",
        "goal_2": "Say what I need about chores calmly",
        "ws-other_person": "Dan",
        "ws-stage": "impasse",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signed_in(client, course):
    client.force_login(course.therapist)
    return client


def save(client, course, **overrides):
    return client.post(reverse("formulation:save", args=[course.pk]), form_data(**overrides))


def share(client, course, **overrides):
    data = {
        "shared_on": timezone.localdate().isoformat(),
        "client_agreed": "on",
        "client_words": "I get low when we fight.",
    }
    data.update(overrides)
    return client.post(reverse("formulation:share", args=[course.pk]), data)


def test_it_saves_a_first_version_with_its_worksheet(signed_in, course):
    assert save(signed_in, course).status_code == 302
    f = Formulation.objects.get(course=course)
    assert (f.number, f.primary_area) == (1, "role_dispute")
    assert f.worksheet == {"role_dispute": {"other_person": "Dan", "stage": "impasse"}}
    assert AuditEvent.objects.filter(action="formulation.create").exists()
    assert current_focal_areas(course) == ("role_dispute", None)
    assert focal_area_chosen(course).where.startswith("Formulation v1: Role dispute")


def test_it_refuses_two_primary_areas(signed_in, course):
    data = form_data()
    data["primary_area"] = ["role_dispute", "grief"]
    response = signed_in.post(reverse("formulation:save", args=[course.pk]), data)
    html = response.content.decode()
    assert "Choose one primary focal area" in html
    assert "Your mood dropped when the rows with Dan started." in html
    assert not Formulation.objects.exists()


def test_it_refuses_a_secondary_equal_to_the_primary(signed_in, course):
    response = save(signed_in, course, secondary_area="role_dispute")
    html = response.content.decode()
    assert "The secondary area must differ from the primary" in html
    assert 'value="Ask Dan for one evening together a week"' in html
    assert not Formulation.objects.exists()


def test_it_refuses_a_future_date_of_death_in_the_grief_worksheet(signed_in, course):
    response = save(
        signed_in,
        course,
        primary_area="grief",
        **{"ws-died_on": "2999-01-01", "ws-who_died": "Dad"},
    )
    html = response.content.decode()
    assert "A date of death cannot be in the future." in html
    assert 'value="Dad"' in html


def test_it_replaces_the_primary_area_and_says_so(signed_in, course):
    save(signed_in, course)
    response = save(
        signed_in, course, primary_area="role_transition", version=1, **{"ws-old_role": "Worker"}
    )
    assert response.status_code == 302
    f = Formulation.objects.get(course=course)
    assert (f.number, f.primary_area, f.secondary_area) == (1, "role_transition", "")
    assert f.worksheet["role_dispute"]["other_person"] == "Dan"  # kept if they switch back
    page = signed_in.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "it replaced Role dispute" in page


def test_it_refuses_a_stale_draft_save(signed_in, course):
    save(signed_in, course)
    Formulation.objects.update(version=4)
    response = save(signed_in, course, plain_words="My newer words", version=1)
    html = response.content.decode()
    assert "Someone saved this formulation after you opened it" in html
    assert "My newer words" in html
    assert Formulation.objects.get().plain_words.startswith("Your mood")


def test_it_only_offers_interpersonal_events_as_the_onset(signed_in, course):
    row = factories.make_event(course, description="Row with Dan")
    low = factories.make_event(course, kind="mood_onset", description="Low mood starts")
    html = signed_in.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "Row with Dan" in html and "Low mood starts" not in html
    save(signed_in, course, onset_event=row.pk)
    assert Formulation.objects.get().onset_event == row
    response = save(signed_in, course, onset_event=low.pk, version=2)
    assert "Select a valid choice" in response.content.decode()


def test_it_swaps_the_worksheet_for_htmx(signed_in, course):
    response = signed_in.get(
        reverse("formulation:page", args=[course.pk]),
        {"primary_area": "grief"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<fieldset id="worksheet"')
    assert "Worksheet: Grief" in html and "Unfinished conversations" in html


def test_it_refuses_to_share_before_the_inventory_is_complete(signed_in, course):
    save(signed_in, course)
    response = share(signed_in, course)
    html = response.content.decode()
    assert "inventory is not marked complete" in html
    assert "I get low when we fight." in html
    assert Formulation.objects.get().shared_on is None
    assert formulation_shared(course) is None


def test_it_refuses_to_share_with_fewer_than_two_goals(signed_in, course):
    factories.complete_inventory(course)
    save(signed_in, course, goal_2="")
    assert "at least two concrete interpersonal goals" in share(signed_in, course).content.decode()


def test_it_shares_and_a_revision_becomes_a_new_version(signed_in, course):
    factories.complete_inventory(course)
    save(signed_in, course)
    assert share(signed_in, course).status_code == 302
    v1 = Formulation.objects.get()
    assert v1.is_shared and v1.client_agreed and v1.client_words == "I get low when we fight."
    assert formulation_shared(course).on == timezone.localdate()
    assert AuditEvent.objects.filter(action="formulation.share").exists()

    save(signed_in, course, goal_3="See Priya every fortnight")
    v1.refresh_from_db()
    v2 = Formulation.objects.get(number=2)
    assert v1.goal_3 == "" and v1.is_shared
    assert v2.goal_3 == "See Priya every fortnight" and not v2.is_shared
    assert AuditEvent.objects.filter(action="formulation.revise").exists()
    old = signed_in.get(reverse("formulation:version", args=[course.pk, 1])).content.decode()
    assert "An earlier version" in old and "I get low when we fight." in old
    page = signed_in.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "Read version 1" in page
    # The shared version is still the evidence while the revision is a draft.
    assert formulation_shared(course).where.startswith("Formulation v1")


def test_the_checklist_counts_the_formulation_only_once_the_client_agreed(signed_in, course):
    """H31: shared without the client's agreement is not done; the page says what to do."""
    factories.complete_inventory(course)
    save(signed_in, course)
    assert share(signed_in, course, client_agreed="").status_code == 302
    assert formulation_shared(course) is None
    assert formulation_shared_not_agreed(course).where.endswith("the client did not agree")
    page = signed_in.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="checklist-not-agreed"' in page
    assert "Formulation v1, shared; the client did not agree" in page
    assert "Revise it with the client until they recognise it" in page

    # A revision the client agrees to completes the step.
    save(signed_in, course, goal_3="See Priya every fortnight")
    course = Course.objects.get(pk=course.pk)
    assert share(signed_in, course).status_code == 302
    course = Course.objects.get(pk=course.pk)
    assert formulation_shared(course).where == "Formulation v2, shared (client agreed)"
    assert formulation_shared_not_agreed(course) is None
    page = signed_in.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="checklist-not-agreed"' not in page


def test_an_earlier_agreement_does_not_complete_a_revision_shared_without_it(signed_in, course):
    factories.complete_inventory(course)
    save(signed_in, course)
    share(signed_in, course)
    save(signed_in, course, goal_3="See Priya every fortnight")
    share(signed_in, Course.objects.get(pk=course.pk), client_agreed="")
    course = Course.objects.get(pk=course.pk)
    assert formulation_shared(course) is None
    assert formulation_shared_not_agreed(course).where.startswith("Formulation v2")


def test_it_refuses_sharing_before_the_course_started(signed_in, course):
    factories.complete_inventory(course)
    save(signed_in, course)
    response = share(signed_in, course, shared_on="2000-01-01")
    assert "cannot be shared before the course started" in response.content.decode()


def test_it_warns_when_the_initial_phase_ends_without_a_shared_formulation(signed_in, course):
    for _ in range(3):
        factories.make_session(course)
    page = signed_in.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "No formulation has been shared, and the initial phase is over." in page


def test_it_stays_quiet_in_the_initial_phase(signed_in, course):
    factories.make_session(course)
    page = signed_in.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "initial phase is over" not in page


def test_it_records_a_view(signed_in, course):
    signed_in.get(reverse("formulation:page", args=[course.pk]))
    assert AuditEvent.objects.filter(action="view", detail__page="formulation").exists()


def test_it_reports_the_secondary_area(course):
    factories.make_formulation(course, primary_area="grief", secondary_area="role_transition")
    assert current_focal_areas(course) == ("grief", "role_transition")


def test_it_costs_the_same_queries_for_one_or_many_versions(
    signed_in, course, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.make_formulation(course, shared_on=course.start_date)
    url = reverse("formulation:page", args=[course.pk])
    with CaptureQueriesContext(connection) as one:
        signed_in.get(url)
    for _ in range(4):
        factories.make_formulation(course, shared_on=course.start_date)
    with django_assert_num_queries(len(one.captured_queries)):
        response = signed_in.get(url)
    assert response.content.decode().count("Read version") == 4
