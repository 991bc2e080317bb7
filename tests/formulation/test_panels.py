import pytest
from django.template import Context, Template

from tests import factories

pytestmark = pytest.mark.django_db


def render(template, course):
    return Template(template).render(Context({"course": course}))


def test_it_summarises_the_formulation_on_the_course_page(course):
    factories.make_formulation(course, shared_on=course.start_date, client_agreed=True)
    html = render("{% load formulation_panels %}{% course_formulation_panel course %}", course)
    assert "Role dispute" in html and "client agreed" in html
    assert "Ask" not in html or "Say clearly" in html
    assert "Not shared by the end of the initial phase" not in html


def test_it_shouts_when_the_initial_phase_ended_without_sharing(course):
    for _ in range(3):
        factories.make_session(course)
    factories.make_formulation(course)
    html = render("{% load formulation_panels %}{% course_formulation_panel course %}", course)
    assert "Not shared by the end of the initial phase" in html and 'role="alert"' in html


def test_it_summarises_the_inventory_and_timeline(course):
    factories.make_person(course, closeness="inner", conflict_level="high")
    factories.make_person(course)
    factories.make_event(course)
    factories.make_event(course, kind="mood_onset")
    html = render("{% load inventory_panels %}{% course_inventory_panel course %}", course)
    assert (
        "2 people" in html and "1 in the inner circle" in html and "1 in serious conflict" in html
    )
    assert "1 event, 1 mood marker" in html and "not complete" in html
