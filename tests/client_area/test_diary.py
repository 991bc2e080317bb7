import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from client_area.diary_models import DiaryEntry, DiaryPerson, TaskCheck
from sessions.models import NoteStatus
from tests import factories
from tests.client_area.links import client_phone

pytestmark = pytest.mark.django_db


def _diary_url() -> str:
    return reverse("client_area:diary")


def _entry_data(**fields) -> dict:
    data = {
        "happened_on": timezone.localdate().isoformat(),
        "who": "My sister",
        "what_happened": "She cancelled lunch again.",
        "felt": "Hurt, then angry.",
        "said": "I said it was fine.",
        "wish_said": "That I was disappointed.",
        "mood": "3",
    }
    data.update(fields)
    return data


def _entry(course, **fields) -> DiaryEntry:
    fields.setdefault("happened_on", timezone.localdate())
    fields.setdefault("who", "Sam")
    fields.setdefault("what_happened", "We argued about the rent.")
    fields.setdefault("mood", 4)
    return DiaryEntry.objects.create(course=course, **fields)


def test_it_adds_an_entry_from_the_phone_and_audits_it(course):
    phone, link, _ = client_phone(course)
    response = phone.post(_diary_url(), _entry_data())
    assert response.status_code == 302
    entry = DiaryEntry.objects.get(course=course)
    assert entry.what_happened == "She cancelled lunch again."
    assert entry.mood == 3
    event = AuditEvent.objects.get(action="client_diary.add")
    assert event.actor is None and event.client_id == course.client_id
    page = phone.get(response["Location"]).content.decode()
    assert "She cancelled lunch again." in page
    assert "Your entry is saved" in page


def test_it_keeps_the_input_and_explains_a_missing_person(course):
    phone, _, _ = client_phone(course)
    response = phone.post(_diary_url(), _entry_data(who="", mood="11"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please say who it was with" in page
    assert "She cancelled lunch again." in page
    assert not DiaryEntry.objects.exists()


def test_it_offers_only_the_shared_people_by_first_name(course):
    shared = factories.make_person(course, name="Maria Lopez")
    factories.make_person(course, name="Derek Hidden")
    DiaryPerson.objects.create(course=course, person=shared, updated_by=course.therapist)
    phone, _, _ = client_phone(course)
    page = phone.get(_diary_url()).content.decode()
    assert ">Maria<" in page
    assert "Lopez" not in page
    assert "Derek" not in page
    response = phone.post(_diary_url(), _entry_data(who="", person=str(shared.pk)))
    assert response.status_code == 302
    assert DiaryEntry.objects.get().person == shared


def test_it_refuses_a_person_who_is_not_shared(course):
    hidden = factories.make_person(course, name="Derek Hidden")
    shared = factories.make_person(course, name="Maria Lopez")
    DiaryPerson.objects.create(course=course, person=shared, updated_by=course.therapist)
    phone, _, _ = client_phone(course)
    response = phone.post(_diary_url(), _entry_data(who="", person=str(hidden.pk)))
    assert response.status_code == 400
    assert not DiaryEntry.objects.exists()


def test_it_keeps_the_original_when_the_client_adds_a_correction(course):
    original = _entry(course, what_happened="We argued about the rent.")
    phone, _, _ = client_phone(course)
    url = reverse("client_area:diary_entry", args=[original.pk])
    response = phone.post(url, _entry_data(what_happened="It was about the car, not the rent."))
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.what_happened == "We argued about the rent."
    correction = DiaryEntry.objects.get(corrects=original)
    assert correction.what_happened == "It was about the car, not the rent."
    page = phone.get(url).content.decode()
    assert "We argued about the rent." in page and "about the car" in page
    assert AuditEvent.objects.filter(action="client_diary.correct").exists()


def test_it_has_no_way_to_delete_an_entry(course):
    entry = _entry(course)
    phone, _, _ = client_phone(course)
    response = phone.delete(reverse("client_area:diary_entry", args=[entry.pk]))
    assert response.status_code == 405
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DiaryEntry._meta.db_table} WHERE id = %s", [entry.pk])
    assert DiaryEntry.objects.filter(pk=entry.pk).exists()


def test_it_answers_the_neutral_page_for_another_courses_entry(course):
    other = factories.make_course()
    theirs = _entry(other, what_happened="Someone else's private words.")
    phone, _, _ = client_phone(course)
    response = phone.get(reverse("client_area:diary_entry", args=[theirs.pk]))
    assert response.status_code == 404
    assert "private words" not in response.content.decode()
    response = phone.post(reverse("client_area:diary_entry", args=[theirs.pk]), _entry_data())
    assert response.status_code == 404
    assert not DiaryEntry.objects.filter(corrects=theirs).exists()


def test_it_lists_only_this_courses_entries(course):
    _entry(factories.make_course(), what_happened="Someone else's private words.")
    _entry(course, what_happened="Mine.")
    phone, _, _ = client_phone(course)
    page = phone.get(_diary_url()).content.decode()
    assert "Mine." in page and "private words" not in page


def test_it_lists_entries_in_a_fixed_number_of_queries(course):
    phone, _, _ = client_phone(course)
    for _ in range(2):
        _entry(course)
    with CaptureQueriesContext(connection) as few:
        phone.get(_diary_url())
    for _ in range(10):
        _entry(course, person=factories.make_person(course))
    with CaptureQueriesContext(connection) as many:
        phone.get(_diary_url())
    assert len(many) == len(few)


def test_it_shows_the_weeks_task_and_records_the_clients_answer(course):
    session = factories.make_session(
        course, next_task="Ask Maria for help with the move", status=NoteStatus.SIGNED
    )
    factories.make_session(course, next_task="Draft task, not signed yet")
    phone, _, _ = client_phone(course)
    page = phone.get(_diary_url()).content.decode()
    assert "Ask Maria for help with the move" in page
    assert "Draft task" not in page
    response = phone.post(
        reverse("client_area:diary_task"), {"tried": "yes", "how_it_went": "She said yes!"}
    )
    assert response.status_code == 302
    check = TaskCheck.objects.get()
    assert check.session == session and check.tried and check.how_it_went == "She said yes!"
    assert "You said: <strong>I tried it</strong>" in phone.get(_diary_url()).content.decode()


def test_it_shows_no_task_before_a_signed_session(course):
    phone, _, _ = client_phone(course)
    assert 'data-testid="weekly-task"' not in phone.get(_diary_url()).content.decode()
    response = phone.post(reverse("client_area:diary_task"), {"tried": "yes"})
    assert response.status_code == 404


def test_it_shows_only_a_shared_formulation_and_the_plans(course):
    factories.make_formulation(course, plain_words="Draft words not yet shared.")
    phone, _, _ = client_phone(course)
    page = phone.get(reverse("client_area:my_plans")).content.decode()
    assert "Draft words" not in page
    assert "Staying well" not in page
    factories.make_formulation(
        course, plain_words="Since the move you have felt alone.", shared_on=timezone.localdate()
    )
    from measures.models import SafetyPlan
    from sessions.models import RelapsePreventionPlan

    SafetyPlan.objects.create(
        course=course, help_contacts="My brother 0700 000000", updated_by=course.therapist
    )
    RelapsePreventionPlan.objects.create(course=course, what_to_do="Call a friend the same day")
    page = phone.get(reverse("client_area:my_plans")).content.decode()
    assert "Since the move you have felt alone." in page
    assert "Say clearly to my partner" in page
    assert "My brother 0700 000000" in page
    assert "Call a friend the same day" in page
    assert "Draft words" not in page


def test_it_never_shows_another_courses_plans(course):
    other = factories.make_course()
    factories.make_formulation(other, plain_words="Their words.", shared_on=timezone.localdate())
    phone, _, _ = client_phone(course)
    assert "Their words." not in phone.get(reverse("client_area:my_plans")).content.decode()


def test_it_sends_a_strict_policy_and_loads_nothing_from_elsewhere(course):
    _entry(course)
    phone, _, _ = client_phone(course)
    for name in ("client_area:diary", "client_area:my_plans"):
        response = phone.get(reverse(name))
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        page = response.content.decode()
        assert "http://" not in page and "https://" not in page
        assert "style=" not in page and "<script" not in page


def test_a_diary_entry_is_dated_no_later_than_today(course):
    phone, _, _ = client_phone(course)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = phone.post(_diary_url(), _entry_data(happened_on=tomorrow.isoformat()))
    assert response.status_code == 400
    assert "in the future" in response.content.decode()


def test_it_says_the_diary_is_read_at_the_next_session_with_the_crisis_text(course, settings):
    settings.CLIENT_CRISIS_TEXT = "Call the crisis line on 0800 123 456."
    phone, _, _ = client_phone(course)
    page = phone.get(_diary_url()).content.decode()
    note = page[page.find('data-testid="diary-not-watched"') :][:600]
    assert "reads your diary when you next meet" in note
    assert "Call the crisis line on 0800 123 456." in note
