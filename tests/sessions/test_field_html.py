"""The note page's fields written in Python (sessions.field_html) are byte for byte what the
template session_logs/includes/field.html writes, which stays the reference."""

import pytest
from django import forms
from django.template.loader import render_to_string

from sessions.field_html import field_html
from sessions.forms import AttendanceForm
from sessions.note_page import NotePage
from sessions.views.page import _attendance_initial
from tests import factories
from tests.sessions.conftest import scheduled

pytestmark = pytest.mark.django_db

TEMPLATE = "session_logs/includes/field.html"


def _forms_in(value, found: list) -> None:
    if isinstance(value, forms.BaseForm):
        found.append(value)
    elif isinstance(value, list | tuple):
        for item in value:
            _forms_in(item, found)
    elif hasattr(value, "form") and isinstance(value.form, forms.BaseForm):
        found.append(value.form)


def _page_forms(session, therapist, data) -> list:
    page = NotePage.for_editing(session, therapist, data)
    found: list = []
    for value in page.context().values():
        _forms_in(value, found)
    for form in found:
        form.is_valid()  # errors shown when bound
    return found


def _assert_same(fields, empty=None) -> int:
    compared = 0
    for field in fields:
        context = {"field": field} if empty is None else {"field": field, "empty": empty}
        assert field_html(field, empty) == render_to_string(TEMPLATE, context), field.name
        compared += 1
    return compared


def test_it_writes_every_note_page_field_as_the_template_does(therapist):
    course = factories.make_course(therapist=therapist)
    sessions = [factories.make_session(course) for _ in range(14)]
    compared = 0
    for session in (sessions[0], sessions[5], sessions[13]):
        session.refresh_from_db()
        for data in (None, {"version": "x", "mood_rating": "<b>11</b>", "people_involved": "9"}):
            for form in _page_forms(session, therapist, data):
                compared += _assert_same(form)
                compared += _assert_same(form, empty="No one & <nobody> yet.")
    assert compared > 100


def test_it_writes_the_attendance_fields_as_the_template_does(therapist):
    course = factories.make_course(therapist=therapist)
    session = scheduled(course)
    for data in (None, {"attendance": "attended", "held_on": "not a date"}):
        form = AttendanceForm(data, session=session, initial=_attendance_initial(session))
        form.is_valid() if data else None
        assert _assert_same(form) == len(form.fields)


def test_it_shows_a_choice_field_with_nothing_to_choose_as_the_template_does(therapist):
    class Choices(forms.Form):
        people = forms.MultipleChoiceField(
            choices=[], widget=forms.CheckboxSelectMultiple, help_text="Tick <any>."
        )
        level = forms.ChoiceField(choices=[("a", "A & B")], widget=forms.RadioSelect)
        agreed = forms.BooleanField(label="Agreed <now>")

    for data in (None, {"people": ["x"], "level": "z"}):
        form = Choices(data)
        form.is_valid() if data else None
        _assert_same(form)
        _assert_same(form, empty="No one is on the inventory yet.")


def test_it_writes_a_field_the_form_does_not_have_as_the_template_does():
    from django.template import engines

    tag = engines["django"].from_string(
        "{% load session_notes %}[{% note_field form.nothing_here %}]"
    )
    include = engines["django"].from_string(
        '[{% include "session_logs/includes/field.html" with field=form.nothing_here %}]'
    )
    context = {"form": AttendanceForm}
    assert tag.render(context) == include.render(context)
    assert 'id="field-"' in tag.render(context)
