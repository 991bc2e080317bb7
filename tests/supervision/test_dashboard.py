import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models.courses import CourseStatus
from sessions.models import NoteStatus
from tests import factories
from tests.database import audit_append_queries
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db

URL = reverse("supervision:dashboard")


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def course_at(therapist, attended: int, **fields):
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=max(attended, 1)))
    course = factories.make_course(therapist=therapist, **fields)
    for _ in range(attended):
        factories.make_session(course, status=NoteStatus.SIGNED, next_task="Call a friend")
    return course


def listed(response) -> list:
    return [row.course for row in response.context["page"].object_list]


# Access --------------------------------------------------------------------------------------


def test_it_refuses_therapists_and_service_admins(client, therapist, service_admin):
    for user in (therapist, service_admin):
        client.force_login(user)
        assert client.get(URL).status_code == 404


def test_it_sends_the_signed_out_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_lists_only_the_supervisees_active_courses(
    client, supervisor, therapist, other_therapist
):
    mine = course_at(therapist, 2)
    course_at(other_therapist, 2)
    factories.make_course(therapist=therapist, status=CourseStatus.PLANNED)
    factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    archived = factories.make_course(therapist=therapist)
    archived.client.archived_at = timezone.now()
    archived.client.save()
    client.force_login(supervisor)
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == [mine]


def test_another_supervisor_sees_none_of_them(client, other_supervisor, therapist):
    course_at(therapist, 2)
    client.force_login(other_supervisor)
    response = client.get(URL)
    assert listed(response) == []
    assert "None of the therapists you supervise has an active course" in response.content.decode()


def test_it_redraws_a_rows_scores_and_trend_at_once_after_a_new_score(
    client, supervisor, therapist
):
    """The row reads its scores, trend and outcome from the stored flag state: a new
    response makes it stale, so the next page shows the new score with no other write."""
    course = course_at(therapist, 5)
    make_response(course, "phq9", 18, on=today() - datetime.timedelta(weeks=5))
    client.force_login(supervisor)
    html = client.get(URL).content.decode()
    assert 'aria-label="PHQ-9 18 (one score so far)"' in html
    make_response(course, "phq9", 9, on=today() - datetime.timedelta(weeks=1))
    html = client.get(URL).content.decode()
    assert 'aria-label="PHQ-9 18 → 9 (2 scores)"' in html
    assert '<td class="num nowrap">9\n' in html and "Reliable recovery" in html


# Content -------------------------------------------------------------------------------------


def test_a_row_shows_the_course_facts_and_links(client, supervisor, therapist):
    course = course_at(
        therapist,
        5,
        client=factories.make_client(given_name="Rosa", family_name="Marsh", record_number="K-1"),
    )
    factories.complete_inventory(course, completed_on=today() - datetime.timedelta(weeks=4))
    factories.make_formulation(
        course, primary_area="grief", shared_on=today() - datetime.timedelta(weeks=3)
    )
    make_response(course, "phq9", 18, on=today() - datetime.timedelta(weeks=5))
    make_response(course, "phq9", 9, on=today() - datetime.timedelta(weeks=1))
    client.force_login(supervisor)
    html = client.get(URL).content.decode()
    assert "Rosa Marsh" in html and "K-1" in html and therapist.display_name in html
    assert "6 of 16" in html and "Middle" in html and "Grief" in html
    assert "Standard adult IPT" in html
    assert 'aria-label="PHQ-9 18 → 9 (2 scores)"' in html and "<polyline" in html
    assert "Reliable recovery" in html
    assert reverse("cases:course_detail", args=[course.pk]) in html
    assert reverse("supervision:fidelity", args=[course.pk]) in html
    assert "Read only" in html
    assert "What the flags mean" in html


def test_it_shows_risk_and_flags_on_the_row(client, supervisor, therapist):
    course = course_at(therapist, 4)
    make_flag(course)
    client.force_login(supervisor)
    response = client.get(URL)
    row = response.context["page"].object_list[0]
    assert {"risk", "no_formulation", "no_questionnaire"} <= row.flag_keys
    html = response.content.decode()
    assert "Assess now" in html and "No recent questionnaire" in html


def test_it_lists_notes_awaiting_co_signature(client, supervisor, therapist, other_supervisor):
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    trainee_course = course_at(trainee, 0)
    waiting = factories.make_session(
        trainee_course, status=NoteStatus.SIGNED, signed_at=timezone.now()
    )
    factories.make_session(trainee_course, status=NoteStatus.COSIGNED)
    factories.make_session(trainee_course, status=NoteStatus.DRAFT)
    # Signed by a qualified therapist before the course was handed to the trainee: final.
    factories.make_session(
        trainee_course, status=NoteStatus.SIGNED, author=therapist, signed_by=therapist
    )
    course_at(therapist, 1)  # a qualified therapist's signed note needs no co-signature
    other_trainee = factories.make_therapist(supervisor=other_supervisor, is_trainee=True)
    factories.make_session(course_at(other_trainee, 0), status=NoteStatus.SIGNED)
    client.force_login(supervisor)
    response = client.get(URL)
    assert response.context["awaiting"] == [waiting]
    assert reverse("sessions:detail", args=[waiting.pk]) in response.content.decode()


# Filters, sorting, paging --------------------------------------------------------------------


def test_it_filters_by_therapist(client, supervisor, therapist):
    colleague = factories.make_therapist(supervisor=supervisor)
    mine = course_at(therapist, 1)
    theirs = course_at(colleague, 1)
    client.force_login(supervisor)
    assert listed(client.get(URL, {"therapist": therapist.pk})) == [mine]
    assert listed(client.get(URL, {"therapist": colleague.pk})) == [theirs]


def test_it_ignores_a_therapist_outside_the_supervisees(
    client, supervisor, therapist, other_therapist
):
    mine = course_at(therapist, 1)
    course_at(other_therapist, 1)
    client.force_login(supervisor)
    for value in (other_therapist.pk, "nonsense"):
        response = client.get(URL, {"therapist": value})
        assert response.status_code == 200 and listed(response) == [mine]


def test_it_filters_by_phase(client, supervisor, therapist):
    initial = course_at(therapist, 1)
    middle = course_at(therapist, 5)
    ending = course_at(therapist, 13)
    client.force_login(supervisor)
    assert listed(client.get(URL, {"phase": "initial"})) == [initial]
    assert listed(client.get(URL, {"phase": "middle"})) == [middle]
    assert listed(client.get(URL, {"phase": "termination"})) == [ending]
    assert len(listed(client.get(URL, {"phase": "nonsense"}))) == 3


def test_it_filters_by_flag(client, supervisor, therapist):
    at_risk = course_at(therapist, 1)
    make_flag(at_risk)
    course_at(therapist, 1)
    client.force_login(supervisor)
    response = client.get(URL, {"flag": "risk"})
    assert listed(response) == [at_risk]
    assert "match the filters" not in response.content.decode()  # one course "matches"
    assert "1 course matches the filters" in response.content.decode()
    assert len(listed(client.get(URL, {"flag": "bogus"}))) == 2


def test_the_default_order_puts_at_risk_courses_first(client, supervisor, therapist):
    names = ["Adams", "Baker", "Clark"]
    courses = {
        name: course_at(therapist, 1, client=factories.make_client(family_name=name))
        for name in names
    }
    make_flag(courses["Clark"])
    client.force_login(supervisor)
    order = [c.client.family_name for c in listed(client.get(URL))]
    assert order == ["Clark", "Adams", "Baker"]


def test_it_sorts_by_any_column_both_ways(client, supervisor, therapist):
    for name, attended in (("Adams", 5), ("Baker", 1), ("Clark", 9)):
        course_at(therapist, attended, client=factories.make_client(family_name=name))
    client.force_login(supervisor)

    def order(sort):
        return [c.client.family_name for c in listed(client.get(URL, {"sort": sort}))]

    assert order("client") == ["Adams", "Baker", "Clark"]
    assert order("-client") == ["Clark", "Baker", "Adams"]
    assert order("session") == ["Baker", "Adams", "Clark"]
    assert order("-session") == ["Clark", "Adams", "Baker"]
    # Not on the whitelist: the default order, no error.
    assert client.get(URL, {"sort": "client__date_of_birth"}).status_code == 200


@pytest.mark.parametrize(
    "column",
    ["therapist", "adaptation", "phase", "focal", "phq9_first", "phq9_last", "outcome", "risk"],
)
def test_every_column_sorts_with_missing_values_last(client, supervisor, therapist, column):
    scored = course_at(therapist, 2, client=factories.make_client(family_name="Scored"))
    factories.make_formulation(scored)
    make_response(scored, "phq9", 14, on=today() - datetime.timedelta(days=3))
    course_at(therapist, 2, client=factories.make_client(family_name="Bare"))
    client.force_login(supervisor)
    for sort in (column, f"-{column}"):
        response = client.get(URL, {"sort": sort})
        assert response.status_code == 200 and len(listed(response)) == 2
    if column in ("focal", "phq9_first", "phq9_last"):
        for sort in (column, f"-{column}"):
            assert listed(client.get(URL, {"sort": sort}))[0] == scored


def test_sort_links_keep_the_filters_and_mark_the_sorted_column(client, supervisor, therapist):
    course_at(therapist, 1)
    client.force_login(supervisor)
    html = client.get(URL, {"phase": "initial", "sort": "client", "page": "1"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert "?phase=initial&amp;sort=-client" in html  # the same header reverses, page dropped
    assert "?phase=initial&amp;sort=-flags" in html  # counts sort the largest first
    assert 'name="sort" value="client" form="dashboard-filters"' in html
    assert reverse("supervision:dashboard_csv") + "?phase=initial&amp;sort=client" in html


def test_it_pages_the_rows_keeping_the_filters(client, supervisor, therapist):
    for _ in range(27):
        course_at(therapist, 1)
    client.force_login(supervisor)
    first = client.get(URL, {"phase": "initial"})
    assert len(listed(first)) == 25
    assert "?phase=initial&amp;page=2" in first.content.decode()
    second = client.get(URL, {"phase": "initial", "page": "2"})
    assert len(listed(second)) == 2 and "showing 26–27" in second.content.decode()
    assert client.get(URL, {"page": "nonsense"}).status_code == 200
    assert len(listed(client.get(URL, {"page": "99"}))) == 2  # the last page


def test_htmx_gets_only_the_results(client, supervisor, therapist):
    course_at(therapist, 1)
    client.force_login(supervisor)
    response = client.get(URL, {"phase": "initial"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<table" in html and "<h1" not in html and "What the flags mean" not in html
    assert "co-signature" not in html


@pytest.mark.parametrize("rows", [1, 50])
def test_it_makes_the_same_queries_for_1_or_50_courses(
    client, supervisor, therapist, django_assert_num_queries, rows
):
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    for n in range(rows):
        course = course_at(trainee if n % 2 else therapist, 1 + n % 9)
        make_response(course, "phq9", 10 + n % 8, on=today() - datetime.timedelta(days=n % 20))
        factories.make_formulation(course)
        if n % 3 == 0:
            make_flag(course)
    client.force_login(supervisor)
    client.get(URL)  # warm the session
    # session with its user, supervisees, the count with the check that no course's stored flag
    # state is stale (supervision.flag_state), the page's courses with their stored flags,
    # evidence links, scores and trend (no session, fidelity record or questionnaire response
    # is read to show a page), notes awaiting co-signature, open risk on closed courses, the groups
    # (one query), the remote-completions panel (client_area: one query for the questionnaires
    # sent and the working links; no rows to read as none was sent), one append of a read row
    # per client shown (the insert and the chain's own reads)
    with django_assert_num_queries(9 + audit_append_queries()):
        response = client.get(URL, {"sort": "-phq9_last"})
    assert response.context["page"].paginator.count == rows
    with django_assert_num_queries(5 + audit_append_queries()):
        client.get(URL, {"flag": "risk"}, HTTP_HX_REQUEST="true")
