"""A plan shown on a signed termination note is frozen with it (issue 14, F8).

Later changes to the course's relapse-prevention or follow-up plan are new versions; the signed
note keeps showing what was signed, every version is kept, and the course's current plan (the
draft note, the end-of-treatment letter) is the newest.
"""

import datetime

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.urls import reverse

from ipt_site.pages.summary import summary_context
from sessions import services
from sessions.models import FollowUpPlan, RelapsePreventionPlan
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


@pytest.fixture
def course(therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    for _ in range(11):
        factories.make_session(course)
    return course


def _termination(course, number):
    return course.sessions.get(number=number)


def _save_plan(client, session, which, version, **fields):
    data = {f"{which}-version": str(version)} | {f"{which}-{k}": v for k, v in fields.items()}
    return client.post(reverse("sessions:save_plan", args=[session.pk, which]), data)


def _sign(session, therapist):
    services.save_note(
        session,
        therapist,
        services.NoteChanges(fields={"note": "Ending well."}),
        expected_version=1,
    )
    return services.sign_session(session, therapist)


def _detail(client, session) -> str:
    response = client.get(reverse("sessions:detail", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_signed_note_keeps_showing_the_relapse_plan_it_was_signed_with(
    signed_in, course, therapist
):
    ten, eleven = _termination(course, 10), _termination(course, 11)
    _save_plan(signed_in, ten, "relapse", 1, warning_signs="Waking at 4am")
    _sign(ten, therapist)
    # Later, from the next termination session, the plan changes.
    response = _save_plan(signed_in, eleven, "relapse", 2, warning_signs="Cancelling plans")
    assert response.status_code == 302
    body = _detail(signed_in, ten)
    assert "Waking at 4am" in body and "Cancelling plans" not in body
    assert "Cancelling plans" in _detail(signed_in, eleven)  # the draft shows the newest


def test_a_signed_note_keeps_its_follow_up_plan(signed_in, course, therapist):
    ten, eleven = _termination(course, 10), _termination(course, 11)
    _save_plan(signed_in, ten, "followup", 1, kind="booster", details="Two boosters")
    _sign(ten, therapist)
    _save_plan(signed_in, eleven, "followup", 2, kind="referral", details="To the GP")
    body = _detail(signed_in, ten)
    assert "Two boosters" in body and "To the GP" not in body


def test_every_version_is_kept_and_the_course_plan_is_the_newest(signed_in, course, therapist):
    ten, eleven = _termination(course, 10), _termination(course, 11)
    _save_plan(signed_in, ten, "relapse", 1, warning_signs="First")
    _sign(ten, therapist)
    _save_plan(signed_in, eleven, "relapse", 2, warning_signs="Second")
    _save_plan(signed_in, eleven, "relapse", 3, warning_signs="Third")
    plan = RelapsePreventionPlan.objects.get(course=course)
    assert plan.warning_signs == "Third" and plan.version == 4
    kept = list(plan.versions.order_by("version").values_list("version", "warning_signs"))
    assert kept == [(2, "First"), (3, "Second"), (4, "Third")]
    ten.refresh_from_db()
    assert ten.signed_relapse_plan.warning_signs == "First"


def test_a_note_signed_before_any_plan_shows_no_later_plan(signed_in, course, therapist):
    ten, eleven = _termination(course, 10), _termination(course, 11)
    _sign(ten, therapist)
    _save_plan(signed_in, eleven, "relapse", 1, warning_signs="Written after signing")
    body = _detail(signed_in, ten)
    assert "Written after signing" not in body


def test_a_plan_written_outside_the_form_is_frozen_at_signing(course, therapist, signed_in):
    RelapsePreventionPlan.objects.create(course=course, warning_signs="Seeded", version=3)
    ten = _termination(course, 10)
    _sign(ten, therapist)
    RelapsePreventionPlan.objects.filter(course=course).update(warning_signs="Rewritten")
    body = _detail(signed_in, ten)
    assert "Seeded" in body and "Rewritten" not in body


def test_the_end_of_treatment_letter_prints_the_newest_plan(signed_in, course, therapist):
    ten, eleven = _termination(course, 10), _termination(course, 11)
    _save_plan(signed_in, ten, "relapse", 1, warning_signs="Old signs")
    _save_plan(signed_in, ten, "followup", 1, kind="booster", details="Old follow-up")
    _sign(ten, therapist)
    _save_plan(signed_in, eleven, "relapse", 2, warning_signs="New signs")
    _save_plan(
        signed_in,
        eleven,
        "followup",
        2,
        kind="booster",
        details="New follow-up",
        follow_up_date=(datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
    )
    context = summary_context(course, by=therapist)
    assert context["relapse_plan"].warning_signs == "New signs"
    assert context["follow_up_plan"].details == "New follow-up"
    assert FollowUpPlan.objects.get(course=course).versions.count() == 2


def test_a_plan_version_cannot_be_rewritten(signed_in, course):
    _save_plan(signed_in, _termination(course, 10), "relapse", 1, warning_signs="Kept")
    version = RelapsePreventionPlan.objects.get(course=course).versions.get()
    version.warning_signs = "Changed"
    with pytest.raises(Exception, match="never changes"):
        version.save()
    with pytest.raises(Exception, match="never changes"):
        version.delete()


def test_the_database_refuses_to_swap_the_plan_of_a_signed_note(signed_in, course, therapist):
    ten, eleven = _termination(course, 10), _termination(course, 11)
    _save_plan(signed_in, ten, "relapse", 1, warning_signs="Signed text")
    _sign(ten, therapist)
    _save_plan(signed_in, eleven, "relapse", 2, warning_signs="Later text")
    newest = RelapsePreventionPlan.objects.get(course=course).versions.get(version=3)
    with pytest.raises(IntegrityError, match="cannot be changed"):
        _raw(
            "UPDATE session_logs_session SET signed_relapse_plan_id = %s WHERE id = %s",
            [newest.pk, ten.pk],
        )
    # The runtime role has no UPDATE/DELETE on the table; the trigger stops its owner too.
    with pytest.raises((IntegrityError, ProgrammingError), match="never changes|permission"):
        _raw(
            "UPDATE session_logs_relapseplanversion SET warning_signs = 'x' WHERE id = %s",
            [newest.pk],
        )
    with pytest.raises((IntegrityError, ProgrammingError), match="never changes|permission"):
        _raw("DELETE FROM session_logs_relapseplanversion WHERE id = %s", [newest.pk])


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
