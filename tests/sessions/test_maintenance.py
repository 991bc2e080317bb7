"""Maintenance IPT: opening a maintenance course from a completed one (pre-filled, inheriting
the inventory, formulation and relapse plan as its own copies), its own session note, and
booster sessions on a completed course."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.course_kinds import Cadence
from cases.exceptions import RuleBroken
from cases.models import Course
from cases.models.courses import CourseStatus
from inventory.models import Formulation, InventoryCompletion, Person, TimelineEvent
from sessions import maintenance
from sessions.boosters import BoosterSession
from sessions.models import Attendance, NoteStatus, RelapsePreventionPlan, Session
from sessions.signing import missing_items
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def completed_course(therapist, held=12):
    """A completed 12-session course with an inventory, timeline, formulation and plan."""
    course = factories.make_course(
        therapist=therapist,
        planned_sessions=12,
        start_date=today() - datetime.timedelta(weeks=held + 1),
    )
    for _ in range(held):
        factories.make_session(course, status=NoteStatus.SIGNED)
    partner = factories.make_person(course, name="Sam", relationship="partner")
    factories.make_person(course, name="Jo")
    event = factories.make_event(course, people=[partner], description="Sam moved out")
    factories.complete_inventory(course, completed_on=today() - datetime.timedelta(weeks=10))
    factories.make_formulation(
        course,
        primary_area="role_dispute",
        onset_event=event,
        shared_on=today() - datetime.timedelta(weeks=9),
        client_agreed=True,
    )
    RelapsePreventionPlan.objects.create(
        course=course, warning_signs="Waking at 4am; cancelling plans", who_to_contact="GP"
    )
    course.status = CourseStatus.COMPLETED
    course.ended_on = today()
    course.save()
    return course


def open_for(therapist, acute, **fields):
    fields.setdefault("start_date", today() + datetime.timedelta(weeks=4))
    return maintenance.open_maintenance_course(therapist, acute, **fields)


# The service --------------------------------------------------------------------------------


def test_it_copies_the_inventory_formulation_and_plan_onto_the_new_course(therapist):
    acute = completed_course(therapist)
    course = open_for(therapist, acute)
    assert course.is_maintenance and course.continues_course == acute
    assert course.cadence_weeks == Cadence.MONTHLY and course.planned_sessions == 6
    assert course.status == CourseStatus.PLANNED
    assert sorted(Person.objects.filter(course=course).values_list("name", flat=True)) == [
        "Jo",
        "Sam",
    ]
    event = TimelineEvent.objects.get(course=course)
    assert [p.name for p in event.people.all()] == ["Sam"]
    formulation = Formulation.objects.get(course=course)
    assert formulation.number == 1 and formulation.primary_area == "role_dispute"
    assert formulation.onset_event == event and formulation.client_agreed
    assert InventoryCompletion.objects.filter(course=course).exists()
    plan = RelapsePreventionPlan.objects.get(course=course)
    assert plan.warning_signs == "Waking at 4am; cancelling plans"
    assert [v.version for v in plan.versions.all()] == [1]
    assert AuditEvent.objects.filter(action="course.maintenance_open").count() == 1


def test_it_lays_out_the_appointments_at_the_cadence(therapist):
    acute = completed_course(therapist)
    course = open_for(therapist, acute, cadence_weeks=Cadence.SIX_WEEKS, planned_sessions=7)
    dates = [
        timezone.localdate(s.scheduled_for)
        for s in Session.objects.filter(course=course).order_by("planned_week")
    ]
    assert len(dates) == 7
    assert {(b - a).days for a, b in zip(dates, dates[1:], strict=False)} == {42}


def test_it_leaves_the_acute_records_unchanged_when_the_copies_are_revised(therapist):
    acute = completed_course(therapist)
    course = open_for(therapist, acute)
    copy = RelapsePreventionPlan.objects.get(course=course)
    copy.warning_signs = "Skipping meals"
    copy.save()
    Person.objects.filter(course=course, name="Sam").update(name="Sam (ex-partner)")
    factories.make_formulation(course, primary_area="role_transition")
    original = RelapsePreventionPlan.objects.get(course=acute)
    assert original.warning_signs == "Waking at 4am; cancelling plans"
    assert Person.objects.filter(course=acute, name="Sam").exists()
    assert list(Formulation.objects.filter(course=acute).values_list("number", flat=True)) == [1]
    assert Formulation.objects.filter(course=course).count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": CourseStatus.ACTIVE}, "completed course"),
        ({"status": CourseStatus.ENDED_EARLY, "end_reason": "dropped_out"}, "completed course"),
    ],
)
def test_it_refuses_a_course_that_is_not_completed(therapist, change, message):
    acute = completed_course(therapist)
    Course.objects.filter(pk=acute.pk).update(**change)
    acute.refresh_from_db()
    with pytest.raises(RuleBroken, match=message):
        open_for(therapist, acute)


def test_it_refuses_a_client_who_is_archived(therapist):
    acute = completed_course(therapist)
    acute.client.archived_at = timezone.now()
    acute.client.archive_reason = "Discharged"
    acute.client.save()
    with pytest.raises(RuleBroken, match="archived"):
        open_for(therapist, acute)


def test_it_refuses_a_second_open_maintenance_course_and_lengths_outside_6_to_12(therapist):
    acute = completed_course(therapist)
    with pytest.raises(RuleBroken, match="6 to 12"):
        open_for(therapist, acute, planned_sessions=13)
    open_for(therapist, acute)
    with pytest.raises(RuleBroken, match="already open"):
        open_for(therapist, acute)


# The pages ----------------------------------------------------------------------------------


def test_it_opens_the_form_pre_filled_from_the_acute_course(client, therapist):
    acute = completed_course(therapist)
    client.force_login(therapist)
    response = client.get(reverse("sessions:maintenance_create", args=[acute.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["cadence_weeks"].value() == Cadence.MONTHLY
    assert form["planned_sessions"].value() == 6
    assert form["start_date"].value() == acute.clinical_end + datetime.timedelta(weeks=4)
    assert response.context["inherited"] == {"people": 2, "formulations": 1, "relapse_plan": 1}
    assert "Carried over from the acute course" in response.content.decode()


def test_it_opens_the_course_and_shows_it_linked_both_ways(client, therapist):
    acute = completed_course(therapist)
    client.force_login(therapist)
    start = today() + datetime.timedelta(weeks=4)
    response = client.post(
        reverse("sessions:maintenance_create", args=[acute.pk]),
        {"cadence_weeks": "4", "planned_sessions": "8", "start_date": start.isoformat()},
    )
    course = Course.objects.get(continues_course=acute)
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()
    page = client.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="maintenance-plan"' in page and "Monthly (every 4 weeks)" in page
    assert "Initial phase checklist" not in page
    assert 'data-testid="maintenance-link"' in client.get(acute.get_absolute_url()).content.decode()


def test_it_keeps_what_was_typed_on_a_bad_form(client, therapist):
    acute = completed_course(therapist)
    client.force_login(therapist)
    response = client.post(
        reverse("sessions:maintenance_create", args=[acute.pk]),
        {"cadence_weeks": "4", "planned_sessions": "20", "start_date": "2001-01-01"},
    )
    assert response.status_code == 400
    assert not Course.objects.filter(continues_course=acute).exists()
    assert response.context["form"]["planned_sessions"].value() == "20"
    assert "at most 12 sessions" in response.content.decode()


def test_it_hides_the_course_from_another_therapist(client, therapist, other_therapist):
    acute = completed_course(therapist)
    client.force_login(other_therapist)
    for name in ("sessions:maintenance_create", "sessions:booster_create"):
        assert client.get(reverse(name, args=[acute.pk])).status_code == 404
        assert client.post(reverse(name, args=[acute.pk]), {}).status_code == 404
    assert not Course.objects.filter(continues_course=acute).exists()
    assert not BoosterSession.objects.exists()


def test_it_lets_the_supervisor_see_but_not_open_one(client, therapist, supervisor):
    acute = completed_course(therapist)
    client.force_login(supervisor)
    assert client.get(reverse("sessions:maintenance_create", args=[acute.pk])).status_code == 403


def test_the_ending_decision_opens_the_maintenance_form(client, therapist):
    course = factories.make_course(
        therapist=therapist, planned_sessions=12, start_date=today() - datetime.timedelta(weeks=13)
    )
    sessions = [factories.make_session(course) for _ in range(12)]
    make_response(course, "phq9", 18, session=sessions[0], on=sessions[0].held_at.date())
    make_response(course, "phq9", 12, session=sessions[-1], on=sessions[-1].held_at.date())
    client.force_login(therapist)
    form_page = client.get(reverse("cases:course_complete", args=[course.pk])).content.decode()
    assert 'data-testid="maintenance-next"' in form_page
    response = client.post(
        reverse("cases:course_complete", args=[course.pk]),
        {
            "version": course.version,
            "decision": "maintenance",
            "decision_reason": "Residual symptoms; two earlier episodes",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:maintenance_create", args=[course.pk])
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED


# The maintenance session note ------------------------------------------------------------------


def maintenance_session(therapist):
    acute = completed_course(therapist)
    course = open_for(therapist, acute, start_date=today())
    course.status = CourseStatus.ACTIVE
    course.save()
    session = Session.objects.get(course=course, planned_week=1)
    session.attendance = Attendance.ATTENDED
    session.number = 1
    session.held_at = timezone.now()
    session.duration_minutes = 50
    session.author = therapist
    session.save()
    return session


def test_a_maintenance_session_uses_its_own_note(client, therapist):
    session = maintenance_session(therapist)
    assert session.phase == "middle"
    client.force_login(therapist)
    page = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert 'data-testid="maintenance-note"' in page
    for label in (
        "Interpersonal events since last time",
        "Review of the focal area",
        "Early warning signs noticed",
        "Relapse-prevention plan reviewed with the client",
    ):
        assert label in page
    assert "<legend>Initial phase</legend>" not in page
    assert "Next interpersonal task" not in page
    assert "Review of last session" not in page
    assert "Role dispute" in page  # the focus carried over is shown


def test_signing_a_maintenance_note_asks_for_its_own_items(therapist):
    session = maintenance_session(therapist)
    gaps = missing_items(session)
    assert "early warning signs not recorded" in gaps
    assert "relapse-prevention plan not reviewed" in gaps
    assert not any("task" in gap for gap in gaps)
    session.warning_signs_noticed = "None this month"
    session.relapse_plan_reviewed = True
    assert "relapse-prevention plan not reviewed" not in missing_items(session)


def test_the_signed_maintenance_note_shows_its_review(client, therapist):
    session = maintenance_session(therapist)
    session.events_since_last = "Started a new job"
    session.warning_signs_noticed = "Slept badly one week"
    session.relapse_plan_reviewed = True
    session.status = NoteStatus.SIGNED
    session.save()
    client.force_login(therapist)
    page = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert 'data-testid="maintenance-review"' in page
    assert "Started a new job" in page and "Slept badly one week" in page
    assert "No task set" not in page


# Boosters -------------------------------------------------------------------------------------


def test_a_booster_is_counted_and_shown_and_the_course_stays_completed(client, therapist):
    course = completed_course(therapist)
    client.force_login(therapist)
    response = client.post(
        reverse("sessions:booster_create", args=[course.pk]),
        {
            "held_on": today().isoformat(),
            "duration_minutes": "50",
            "reason": "Anniversary of the separation coming up",
            "warning_signs_noticed": "Cancelling plans",
            "relapse_plan_reviewed": "on",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED and course.attended_count == 12
    assert BoosterSession.objects.filter(course=course).count() == 1
    page = client.get(course.get_absolute_url()).content.decode()
    assert "1 booster session" in page and "Anniversary of the separation" in page
    from ipt_site.pages.summary import summary_context

    context = summary_context(course, by=therapist)
    assert [b.reason for b in context["boosters"]] == ["Anniversary of the separation coming up"]
    assert AuditEvent.objects.filter(action="course.booster").count() == 1


def test_a_booster_is_refused_on_an_open_course_and_before_the_end(client, therapist):
    active = factories.make_course(therapist=therapist)
    client.force_login(therapist)
    data = {"held_on": today().isoformat(), "duration_minutes": "50", "reason": "Check-in"}
    response = client.post(reverse("sessions:booster_create", args=[active.pk]), data)
    assert response.status_code == 409 and not BoosterSession.objects.exists()
    course = completed_course(therapist)
    early = {**data, "held_on": (today() - datetime.timedelta(weeks=20)).isoformat()}
    response = client.post(reverse("sessions:booster_create", args=[course.pk]), early)
    assert response.status_code == 400 and not BoosterSession.objects.exists()
    assert "a booster is held after that" in response.content.decode()


def test_the_fidelity_page_checks_the_maintenance_steps_not_the_acute_ones(client, therapist):
    from supervision.fidelity import fidelity_items

    session = maintenance_session(therapist)
    session.warning_signs_noticed = "None this month"
    session.risk_asked = True
    session.save()
    items = {item.key: item for item in fidelity_items(session.course)}
    assert list(items) == [
        "formulation_agreed",
        "warning_signs",
        "plan_reviewed",
        "risk_each_session",
        "relapse_plan",
    ]
    assert items["warning_signs"].status == "done"
    assert items["risk_each_session"].status == "done"
    assert items["plan_reviewed"].status == "missing"
    assert items["plan_reviewed"].missing == "Not recorded in session 1."
    assert items["formulation_agreed"].status == "done"
    client.force_login(therapist)
    page = client.get(reverse("supervision:fidelity", args=[session.course.pk])).content.decode()
    assert "Early warning signs looked for" in page
    assert "Diagnosis given and sick role explained" not in page


def test_the_database_refuses_to_change_or_remove_a_booster(therapist):
    from tests.audit.test_append_only import refused

    course = completed_course(therapist)
    booster = maintenance.record_booster(
        therapist, course, {"held_on": today(), "duration_minutes": 50, "reason": "Check-in"}
    )
    refused("UPDATE session_logs_boostersession SET reason = 'x' WHERE id = %s", [booster.pk])
    refused("DELETE FROM session_logs_boostersession WHERE id = %s", [booster.pk])
    assert BoosterSession.objects.get(pk=booster.pk).reason == "Check-in"
