"""Questionnaires answered on the client's phone: open before a session, scored like any other,
risk raised at once, staff told by email without clinical content, never changed after sending."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from client_area import questionnaires
from client_area.models import StaffNotice
from measures import instruments
from measures.models import QuestionnaireResponse, RiskFlag, SafetyPlan
from sessions.models import Attendance
from tests import factories
from tests.client_area.links import client_phone

pytestmark = pytest.mark.django_db

PHQ9_RISK = {str(n): "1" for n in range(1, 9)} | {"9": "2"}
PHQ9_CALM = {str(n): "0" for n in range(1, 10)}


@pytest.fixture
def run_worker(monkeypatch):
    """Run the queued tasks as `manage.py db_worker` would. Inside a test's transaction the
    worker's close_old_connections would close PostgreSQL's connection (autocommit is off)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def upcoming(course, days: int = 1):
    when = timezone.now() + datetime.timedelta(days=days)
    return factories.make_session(course, attendance=Attendance.SCHEDULED, scheduled_for=when)


def walk(phone, code: str, answers: dict[str, str]):
    """Answer one screen at a time, as the phone does; then send."""
    url = reverse("client_area:questionnaire", args=[code])
    instrument = instruments.get(code)
    given: dict[str, str] = {}
    for step, item in enumerate(instrument.items):
        if item.key in answers:
            given[f"item-{item.key}"] = answers[item.key]
        response = phone.post(url, {"step": step, "go": "next", **given})
        assert response.status_code == 200
    return phone.post(url, {"step": len(instrument.items), "go": "send", **given})


def test_it_opens_the_courses_measures_in_the_days_before_a_session(course, settings):
    settings.CLIENT_QUESTIONNAIRE_DAYS = 3
    upcoming(course, days=2)
    phone, _, _ = client_phone(course)
    html = phone.get(reverse("client_area:questionnaires")).content.decode()
    assert "PHQ-9" in html and "GAD-7" in html


def test_it_keeps_them_closed_until_the_window(course, settings):
    settings.CLIENT_QUESTIONNAIRE_DAYS = 3
    upcoming(course, days=6)
    phone, _, _ = client_phone(course)
    html = phone.get(reverse("client_area:questionnaires")).content.decode()
    assert "open on" in html
    response = phone.get(reverse("client_area:questionnaire", args=["phq9"]))
    assert response.status_code == 302


def test_it_asks_one_question_per_screen_with_progress(course):
    upcoming(course)
    phone, _, _ = client_phone(course)
    html = phone.get(reverse("client_area:questionnaire", args=["phq9"])).content.decode()
    assert "Question 1 of 10" in html or "Question 1 of 9" in html
    assert 'name="item-1"' in html and 'name="item-2"' not in html
    response = phone.post(reverse("client_area:questionnaire", args=["phq9"]), {"step": 0})
    assert "Please choose one answer" in response.content.decode()


def test_it_stores_the_answers_as_an_in_session_entry_would(course):
    session = upcoming(course)
    phone, link, _ = client_phone(course)
    response = walk(phone, "phq9", PHQ9_CALM)
    assert response.status_code == 302
    stored = QuestionnaireResponse.objects.get()
    expected = instruments.score(instruments.PHQ9, PHQ9_CALM)
    assert (stored.total, stored.band) == (expected.total, expected.band.label)
    assert stored.completed_by_client and stored.session == session
    assert stored.entered_by == link.created_by
    event = AuditEvent.objects.get(action="questionnaire.create")
    assert event.actor is None and event.detail["by_client"] is True


def test_it_never_takes_a_second_set_of_answers_for_the_same_session(course):
    upcoming(course)
    phone, link, _ = client_phone(course)
    walk(phone, "phq9", PHQ9_CALM)
    url = reverse("client_area:questionnaire", args=["phq9"])
    again = phone.post(
        url, {"step": 10, "go": "send"} | {f"item-{k}": v for k, v in PHQ9_RISK.items()}
    )
    assert again.status_code == 302 and again["Location"] == reverse("client_area:questionnaires")
    with pytest.raises(questionnaires.AlreadySent):
        questionnaires.submit(link, "phq9", PHQ9_RISK)
    assert QuestionnaireResponse.objects.count() == 1
    assert QuestionnaireResponse.objects.get().total == 0


def test_it_shows_the_crisis_contacts_from_the_safety_plan_and_raises_the_flag(
    course, django_capture_on_commit_callbacks
):
    SafetyPlan.objects.create(
        course=course,
        help_contacts="My sister Jo: 07700 900123",
        professional_contacts="Crisis team: 0300 555 0101",
        updated_by=course.therapist,
    )
    upcoming(course)
    phone, _, _ = client_phone(course)
    with django_capture_on_commit_callbacks(execute=True):
        response = walk(phone, "phq9", PHQ9_RISK)
    flag = RiskFlag.objects.get(course=course)
    assert flag.is_open and "by the client" in flag.reason
    page = phone.get(response["Location"]).content.decode()
    assert "07700 900123" in page and "0300 555 0101" in page
    assert "not watched around the clock" in page


def test_it_shows_the_services_crisis_text_when_there_is_no_plan(course, settings):
    settings.CLIENT_CRISIS_TEXT = "Ring the Example crisis line on 0800 000 000."
    upcoming(course)
    phone, _, _ = client_phone(course)
    response = walk(phone, "phq9", PHQ9_RISK)
    page = phone.get(response["Location"]).content.decode()
    assert "0800 000 000" in page and 'data-testid="crisis"' in page


def test_it_shows_no_crisis_box_for_a_calm_answer(course):
    upcoming(course)
    phone, _, _ = client_phone(course)
    page = phone.get(walk(phone, "phq9", PHQ9_CALM)["Location"]).content.decode()
    assert 'data-testid="crisis"' not in page


def test_it_emails_the_therapist_and_a_trainees_supervisor_through_the_worker(
    supervisor, django_capture_on_commit_callbacks, run_worker
):
    trainee = factories.make_therapist(
        supervisor=supervisor, is_trainee=True, email="trainee@example.org"
    )
    supervisor.email = "boss@example.org"
    supervisor.save(update_fields=["email"])
    course = factories.make_course(therapist=trainee)
    upcoming(course)
    phone, _, _ = client_phone(course)
    with django_capture_on_commit_callbacks(execute=True):
        walk(phone, "phq9", PHQ9_RISK)
    assert mail.outbox == []  # queued in the database, not sent in the client's request
    run_worker()
    (message,) = mail.outbox
    assert sorted(message.to) == ["boss@example.org", "trainee@example.org"]
    assert reverse("cases:course_detail", args=[course.pk]) in message.body
    for clinical in (course.client.given_name, course.client.family_name, "PHQ", "suicid"):
        assert clinical not in message.body and clinical not in message.subject
    assert StaffNotice.objects.get().status == "sent"


def test_a_failing_mail_server_never_fails_the_submission_and_is_retried(
    course, monkeypatch, django_capture_on_commit_callbacks, run_worker
):
    from client_area import tasks

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(tasks, "send_mail", broken)
    upcoming(course)
    phone, _, _ = client_phone(course)
    with django_capture_on_commit_callbacks(execute=True):
        response = walk(phone, "phq9", PHQ9_RISK)
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    notice = StaffNotice.objects.get()
    assert notice.status == "retrying" and notice.attempts == 1
    assert "mail server down" in notice.last_error
    assert RiskFlag.objects.filter(course=course).exists()


def test_it_gives_up_after_the_last_attempt_and_shows_the_administrator(
    course, service_admin, monkeypatch, client
):
    from client_area import tasks
    from client_area.notifications import tell_staff_on_commit

    monkeypatch.setattr(tasks, "send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError("x")))
    phone, link, _ = client_phone(course)
    notice = tell_staff_on_commit(link, "risk")
    for _ in range(tasks.NOTICE_ATTEMPTS):
        tasks.send_staff_notice.call(notice.pk)
    notice.refresh_from_db()
    assert notice.status == "failed" and notice.attempts == tasks.NOTICE_ATTEMPTS
    client.force_login(service_admin)
    page = client.get(reverse("client_links:undelivered")).content.decode()
    assert course.client.family_name in page and "Failed, gave up" in page


def test_it_shows_the_client_answers_on_the_session_page(course, client):
    session = upcoming(course)
    phone, _, _ = client_phone(course)
    walk(phone, "phq9", PHQ9_RISK)
    client.force_login(course.therapist)
    html = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert "Sent by the client before this session" in html
    assert "Completed by the client" in html
    assert "Thoughts that you would be better off dead" in html
    detail = reverse("measures:response_detail", args=[QuestionnaireResponse.objects.get().pk])
    assert "Completed by the client" in client.get(detail).content.decode()


def test_it_refuses_another_courses_sent_page(course):
    other = factories.make_course()
    upcoming(other)
    other_phone, _, _ = client_phone(other)
    sent = walk(other_phone, "phq9", PHQ9_CALM)["Location"]
    phone, _, _ = client_phone(course)
    response = phone.get(sent)
    assert response.status_code == 404
    assert "This link is not working" in response.content.decode()
