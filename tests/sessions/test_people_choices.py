"""The note's people checkboxes read the course's people once per form (sessions.people_choices),
offering the same people in the same order as Django's own iterator."""

import copy

import pytest
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inventory.models import Person
from sessions.forms import FocalWorkForm, NoteForm
from sessions.people_choices import note_people, preload_ticked
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


def _people_of(course, session):
    zara = factories.make_person(course, name="Zara", closeness="inner")
    adam = factories.make_person(course, name="Adam")
    gone = factories.make_person(course, name="Gone")
    factories.make_person(course, name="Left", removed_at=timezone.now())
    session.people_involved.set([adam, gone])
    gone.removed_at = timezone.now()  # ticked on the note, removed from the inventory since
    gone.save()
    return zara, adam, gone


def test_it_reads_the_people_offered_and_ticked_in_one_query(course, django_assert_num_queries):
    session = factories.make_session(course)
    other = factories.make_course()
    factories.make_person(other, name="Elsewhere")
    _people_of(course, session)
    offered = list(Person.objects.filter(course=course).current())
    ticked = list(session.people_involved.all())
    with django_assert_num_queries(1):
        people = note_people(session)
    assert people.offered == offered  # the current people, in their order
    assert people.ticked == ticked  # the ticks as stored, the removed person too
    assert [p.name for p in people.ticked] == ["Adam", "Gone"]


def test_the_note_form_lists_and_ticks_from_the_page_read(course, django_assert_num_queries):
    session = factories.make_session(course)
    zara, adam, gone = _people_of(course, session)
    people = note_people(session)
    instance = copy.copy(session)
    preload_ticked(instance, people.ticked)
    with django_assert_num_queries(0):
        form = NoteForm(None, instance=instance, offered=people.offered)
        field = form["people_involved"]
        html = str(field)
    assert form.initial["people_involved"] == [adam, gone]
    assert field.value() == [adam.pk, gone.pk]
    assert [str(label) for _, label in form.fields["people_involved"].widget.choices] == [
        "Zara (friend)",
        "Adam (friend)",
    ]
    assert f'value="{adam.pk}" id="id_people_involved_1" checked' in html
    assert f'value="{zara.pk}" id="id_people_involved_0">' in html
    assert "Gone" not in html and "Left" not in html


def test_the_note_page_keeps_a_removed_persons_tick_in_what_it_posts_back(
    client, therapist, course
):
    session = factories.make_session(course)
    zara, adam, gone = _people_of(course, session)
    client.force_login(therapist)
    html = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    was = ",".join(sorted([str(adam.pk), str(gone.pk)]))
    assert f'name="people_was" id="people-was" value="{was}"' in html
    assert f'value="{adam.pk}" id="id_people_involved_1" checked' in html
    assert f'value="{zara.pk}" id="id_people_involved_0">' in html


@pytest.mark.parametrize("count", [1, 20])
def test_the_note_page_reads_the_people_once_however_many(client, therapist, course, count):
    factories.make_formulation(course)  # a focal area: its form lists the people too
    for _ in range(5):
        factories.make_session(course)
    session = factories.make_session(course)
    people = [factories.make_person(course) for _ in range(count)]
    session.people_involved.set(people[:count])
    client.force_login(therapist)
    url = reverse("sessions:edit", args=[session.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    people_reads = [q for q in queries if 'FROM "inventory_person"' in q["sql"]]
    assert len(people_reads) == 1
    assert html.count('name="people_involved"') == count
    assert html.count('name="fa-role_dispute-people"') == count
