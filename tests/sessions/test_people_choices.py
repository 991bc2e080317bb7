"""The note's people checkboxes read the course's people once per form (sessions.people_choices),
offering the same people in the same order as Django's own iterator."""

import pytest
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from sessions.forms import FocalWorkForm, NoteForm
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_the_current_people_in_order_from_one_read(course, django_assert_num_queries):
    session = factories.make_session(course)
    factories.make_person(course, name="Zara", closeness="inner")
    factories.make_person(course, name="Adam")
    factories.make_person(course, name="Gone", removed_at=timezone.now())
    form = NoteForm(None, instance=session)
    field = form.fields["people_involved"]
    expected = [label for _, label in ModelChoiceIterator(field)]
    with django_assert_num_queries(1):
        first = [label for _, label in field.widget.choices]
        again = [label for _, label in field.widget.choices]
    assert first == again == expected
    assert [str(label) for label in first] == [
        "Zara (friend)",
        "Adam (friend)",
    ]  # inner circle first; no Gone


def test_the_focal_work_people_are_read_once_too(course, django_assert_num_queries):
    session = factories.make_session(course)
    factories.make_person(course, name="Adam")
    form = FocalWorkForm(None, prefix="fa-grief", area="grief", course_id=course.pk)
    form.instance.session = session
    with django_assert_num_queries(1):
        str(form["people"])
        str(form["people"])
