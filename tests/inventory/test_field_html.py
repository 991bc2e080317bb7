"""The inventory, timeline and formulation pages' fields written in Python
(inventory.field_html) are byte for byte what the template inventory/_field.html writes, which
stays the reference."""

import pytest
from django.template.loader import render_to_string

from cases.focal_areas import FocalArea
from inventory.field_html import FIELD_TEMPLATE, field_html
from inventory.forms import CompletionForm, PersonForm, SnapshotForm, TimelineEventForm
from inventory.formulation_forms import FormulationForm, ShareForm
from inventory.worksheets import WorksheetForm
from tests import factories

pytestmark = pytest.mark.django_db

BAD = {
    "name": "<b>x</b>" * 40,
    "occurred_on": "31/02/2020",
    "completed_on": "2999-01-01",
    "taken_on": "nonsense",
    "shared_on": "2999-01-01",
    "primary_area": "nonsense",
    "secondary_area": "grief",
    "onset_event": "999999",
    "people": ["999999"],
    "version": "x",
    "goal_1": "g" * 400,
    "ws-date_of_death": "never",
    "kind": "nonsense",
    "relationship": "nonsense",
}


def _forms(course, data) -> list:
    forms = [
        FormulationForm(data, course=course),
        ShareForm(data, course=course),
        PersonForm(data, course=course, auto_id="add_%s"),
        PersonForm(data, instance=course.people.first(), course=course, auto_id="edit_%s"),
        TimelineEventForm(data, course=course),
        CompletionForm(data, people_count=1, course=course),
        SnapshotForm(data),
    ]
    forms += [WorksheetForm(data, area=area) for area in FocalArea.values]
    for form in forms:
        if data is not None:
            form.is_valid()
    return forms


def test_it_writes_every_field_of_these_pages_as_the_template_does(therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_person(course, name="Ana & <Bo>")
    factories.make_event(course)
    compared = 0
    seen = set()
    for data in (None, BAD):
        for form in _forms(course, data):
            for field in form:
                assert field_html(field) == render_to_string(FIELD_TEMPLATE, {"field": field}), (
                    type(form).__name__,
                    field.name,
                )
                compared += 1
                seen.add(
                    (field.is_hidden, field.use_fieldset, field.widget_type, bool(field.errors))
                )
    assert compared > 100
    # Hidden, grouped (radio/checkbox lists), checkbox and plain fields, with and without errors.
    assert {(True, False), (False, True)} <= {(h, g) for h, g, _, _ in seen}
    assert any(kind == "checkbox" for _, _, kind, _ in seen)
    assert any(errors for *_, errors in seen) and any(not errors for *_, errors in seen)
