"""No way out of a course hides an open suicide-risk flag: complete, end early, transfer,
archive the client, a therapist deactivated. Each path is checked for the therapist, the
supervisor and the service administrator."""

import pytest
from django.urls import reverse

from accounts.services import deactivate
from cases.exceptions import RuleBroken
from cases.models.courses import CourseStatus
from cases.services import clients as client_services
from cases.services import courses as course_services
from cases.services import endings as ending_services
from tests import factories
from tests.database import audit_append_queries
from tests.measures.factories import make_flag

pytestmark = pytest.mark.django_db

REASON = "PHQ-9 item 9 answered 'more than half the days'."


def risk_panel(client, user, url_name: str) -> str:
    """The 'open risk on closed courses' panel of a page, as ``user`` sees it ('' if none)."""
    client.force_login(user)
    html = client.get(reverse(url_name)).content.decode()
    start = html.find('data-testid="open-risk-closed"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


def ended_early_with_flag(therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    flag = make_flag(course, reason=REASON)
    ending_services.end_course_early(
        therapist,
        course,
        "dropped_out",
        told="GP by phone",
        arranged="GP review on Friday; crisis line given",
    )
    return course, flag


def test_complete_is_refused_while_a_flag_is_open(therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    for _ in range(10):
        factories.make_session(course)
    make_flag(course, reason=REASON)
    with pytest.raises(RuleBroken, match="item 9"):
        ending_services.complete_course(
            therapist, course, decision="client_choice", reason="Wants to stop"
        )
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


def test_end_early_needs_a_handover_and_the_service_refuses_without(therapist):
    course = factories.make_course(therapist=therapist)
    make_flag(course)
    with pytest.raises(RuleBroken, match="who was told"):
        ending_services.end_course_early(therapist, course, "dropped_out", arranged="GP")
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


def test_an_early_ending_with_a_flag_stays_listed_for_everyone_who_oversees_it(
    client, therapist, supervisor, service_admin
):
    course, flag = ended_early_with_flag(therapist)
    for user, page in (
        (therapist, "cases:caseload"),
        (supervisor, "supervision:dashboard"),
        (supervisor, "cases:caseload"),
        (service_admin, "supervision:service"),
    ):
        panel = risk_panel(client, user, page)
        assert course.client.full_name in panel, (user, page)
        assert "item 9" in panel and "GP review on Friday" in panel
    # ... until a risk review closes the flag.
    from measures.services import close_flag

    close_flag(flag, by=therapist, assessment="No plan", actions="GP follows up", contacted="GP")
    assert risk_panel(client, therapist, "cases:caseload") == ""


def test_a_stranger_does_not_see_another_caseload_s_closed_risk(
    client, therapist, other_therapist, other_supervisor
):
    course, _ = ended_early_with_flag(therapist)
    for user, page in ((other_therapist, "cases:caseload"), (other_supervisor, "cases:caseload")):
        assert course.client.full_name not in risk_panel(client, user, page)


def test_a_transferred_flag_follows_the_course_to_the_new_caseload(client, therapist, supervisor):
    new_therapist = factories.make_therapist(supervisor=supervisor)
    course = factories.make_course(therapist=therapist)
    make_flag(course, reason=REASON)
    course_services.transfer_course(therapist, course, new_therapist, "Leaving the team")
    client.force_login(new_therapist)
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert course.client.display_name in caseload and "tag--risk" in caseload
    client.force_login(supervisor)
    board = client.get(reverse("supervision:dashboard"), {"flag": "risk"})
    assert [row.course.pk for row in board.context["page"].object_list] == [course.pk]


def test_archiving_a_client_with_an_open_flag_is_refused(therapist):
    course, _ = ended_early_with_flag(therapist)
    with pytest.raises(RuleBroken, match="suicide-risk flag is still open"):
        client_services.archive_client(therapist, course.client, "Moved away")
    course.client.refresh_from_db()
    assert not course.client.is_archived


def test_a_planned_course_of_an_archived_client_with_a_flag_is_still_listed(
    client, therapist, supervisor
):
    # Records from before the archive rule: the panel still lists them.
    course = factories.make_course(therapist=therapist, status=CourseStatus.PLANNED)
    make_flag(course, reason=REASON)
    course.client.archived_at = course.created_at
    course.client.archive_reason = "Older record"
    course.client.save()
    assert course.client.full_name in risk_panel(client, therapist, "cases:caseload")
    assert "Client archived" in risk_panel(client, supervisor, "supervision:dashboard")


def test_a_deactivated_therapist_s_flags_stay_listed_for_supervisor_and_admin(
    client, therapist, supervisor, service_admin
):
    course = factories.make_course(therapist=therapist)
    make_flag(course, reason=REASON)
    deactivate(therapist, by=service_admin)
    for user, page in (
        (supervisor, "supervision:dashboard"),
        (service_admin, "supervision:service"),
    ):
        panel = risk_panel(client, user, page)
        assert course.client.full_name in panel and "No longer active" in panel


def test_the_panel_costs_one_query_however_many_courses(
    client, therapist, django_assert_num_queries
):
    for _ in range(3):
        ended_early_with_flag(therapist)
    client.force_login(therapist)
    client.get(reverse("cases:caseload"))
    # session with its user, current courses and the panel's (one query; none current: no
    # questionnaire query), returned notes, one append of a read row per client in it (the
    # insert and the chain's own reads)
    with django_assert_num_queries(4 + audit_append_queries()):
        response = client.get(reverse("cases:caseload"))
    assert response.content.decode().count('class="row--risk" data-course') == 3
