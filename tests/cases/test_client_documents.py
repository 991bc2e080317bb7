"""The leaflet about the sessions and the between-session diary sheet, and the course page's
"For the client" box linking every client document."""

import datetime
import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.models.courses import Adaptation
from tests import factories
from tests.client_documents import assert_nothing_clinical, course_with_clinical_record, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_course(therapist, supervisor):
    return course_with_clinical_record(therapist, supervisor)


def _get(client, user, name, course):
    client.force_login(user)
    return client.get(reverse(name, args=[course.pk]))


def test_it_gives_the_client_a_leaflet_in_plain_words(client, therapist, full_course, tmp_path):
    response = _get(client, therapist, "cases:client_leaflet", full_course)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Robin Ashby" in text and "Hello Rob." in text
    for heading in (
        "Depression is an illness",
        "It is all right to do a bit less for now",
        "Our sessions have a clear end",
        "What the sessions involve",
    ):
        assert heading in text
    assert "12 sessions, once a week" in text
    assert "Tess Therapist" in text
    assert_nothing_clinical(text, full_course)


def test_it_tells_a_young_client_a_parent_or_carer_may_come(client, therapist, tmp_path):
    young = factories.make_client(
        registered_by=therapist, given_name="Kai", date_of_birth=datetime.date(2011, 1, 5)
    )
    course = factories.make_course(
        therapist=therapist, client=young, adaptation=Adaptation.ADOLESCENT
    )
    text = pdf_text(_get(client, therapist, "cases:client_leaflet", course).content, tmp_path)
    assert "parent or carer may come" in text


def test_it_leaves_the_parent_out_of_an_adult_leaflet(client, therapist, full_course, tmp_path):
    text = pdf_text(_get(client, therapist, "cases:client_leaflet", full_course).content, tmp_path)
    assert "parent or carer" not in text


def test_it_gives_the_client_a_diary_sheet_with_the_five_columns(
    client, therapist, full_course, tmp_path
):
    response = _get(client, therapist, "cases:client_diary", full_course)
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "Robin Ashby" in text
    for column in (
        "What happened",
        "Who was there",
        "What I felt",
        "What I said, or did not say",
        "What I would like to say",
    ):
        assert column in text
    assert_nothing_clinical(text, full_course)


@pytest.mark.parametrize("name", ["cases:client_leaflet", "cases:client_diary"])
def test_it_audits_each_download(client, therapist, full_course, name):
    _get(client, therapist, name, full_course)
    event = AuditEvent.objects.get(action="pdf.export", client=full_course.client)
    assert event.actor == therapist
    assert event.detail["for_client"] is True


@pytest.mark.parametrize("name", ["cases:client_leaflet", "cases:client_diary"])
def test_it_lets_the_supervisor_print_them(client, supervisor, full_course, name):
    assert _get(client, supervisor, name, full_course).status_code == 200


@pytest.mark.parametrize("name", ["cases:client_leaflet", "cases:client_diary"])
def test_it_hides_them_from_another_therapist(client, other_therapist, full_course, name):
    assert _get(client, other_therapist, name, full_course).status_code == 404
    assert not AuditEvent.objects.filter(action="pdf.export").exists()


def _box_links(html: str) -> dict[str, str]:
    box = html.split('data-testid="for-the-client"', 1)[1].split("</section>", 1)[0]
    return {
        testid: href
        for href, testid in re.findall(r'href="([^"]+)" data-testid="client-doc-([a-z-]+)"', box)
    }


def test_it_links_every_client_document_from_the_course_page(client, therapist, full_course):
    page = _get(client, therapist, "cases:course_detail", full_course)
    links = _box_links(page.content.decode())
    assert set(links) == {"leaflet", "formulation", "diary", "staying-well"}
    for href in links.values():
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"] == "application/pdf"


def test_it_offers_only_what_exists_on_a_new_course(client, therapist, course):
    page = _get(client, therapist, "cases:course_detail", course)
    html = page.content.decode()
    assert set(_box_links(html)) == {"leaflet", "diary"}
    assert "available once a formulation is written" in html
    assert "available once the relapse-prevention plan is started" in html


@pytest.mark.parametrize(
    "name",
    [
        "cases:client_leaflet",
        "cases:client_diary",
        "inventory:client_formulation",
        "sessions:staying_well",
    ],
)
def test_every_client_document_says_where_to_get_urgent_help(
    client, therapist, full_course, name, tmp_path
):
    text = pdf_text(_get(client, therapist, name, full_course).content, tmp_path)
    assert "call 999 or go to the nearest emergency department" in text


def test_the_box_costs_two_queries_however_much_the_course_holds(
    therapist, supervisor, django_assert_num_queries
):
    from django.template.loader import render_to_string

    course = course_with_clinical_record(therapist, supervisor)
    course = type(course).objects.select_related("client").get(pk=course.pk)
    # One for "has a formulation", one for "has a relapse-prevention plan".
    with django_assert_num_queries(2):
        html = render_to_string(
            "cases/includes/for_the_client.html", {"course": course, "client": course.client}
        )
    assert "My plan for staying well" in html
