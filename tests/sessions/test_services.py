import pytest

from audit.models import AuditEvent
from sessions import services
from sessions.models import Attendance, NoteStatus, Session
from supervision.models import NoteReview
from tests import factories
from tests.sessions.conftest import scheduled

pytestmark = pytest.mark.django_db


def _changes(**fields):
    return services.NoteChanges(fields=fields)


def test_it_saves_a_draft_bumps_the_version_and_audits(session, therapist):
    saved = services.save_note(
        session, therapist, _changes(note="Talked about work."), expected_version=1
    )
    assert saved.version == 2
    assert Session.objects.get(pk=session.pk).note == "Talked about work."
    event = AuditEvent.objects.get(action="session.update")
    assert event.object_id == str(session.pk) and event.client == session.course.client


def test_it_refuses_a_stale_version_and_keeps_the_saved_text(session, therapist):
    services.save_note(session, therapist, _changes(note="First tab"), expected_version=1)
    with pytest.raises(services.StaleVersion) as raised:
        services.save_note(session, therapist, _changes(note="Second tab"), expected_version=1)
    assert raised.value.current.note == "First tab"
    assert Session.objects.get(pk=session.pk).note == "First tab"


def test_it_refuses_to_sign_an_empty_note(session, therapist):
    with pytest.raises(services.NotSignable, match="empty"):
        services.sign_session(session, therapist)
    assert Session.objects.get(pk=session.pk).status == NoteStatus.DRAFT


def test_a_signed_note_cannot_change_through_the_service(session, therapist):
    services.save_note(session, therapist, _changes(note="Original"), expected_version=1)
    signed = services.sign_session(session, therapist)
    assert signed.status == NoteStatus.SIGNED and signed.signed_by == therapist
    with pytest.raises(services.NoteLocked):
        services.save_note(
            signed, therapist, _changes(note="Rewritten"), expected_version=signed.version
        )
    with pytest.raises(services.NoteLocked):
        services.add_record(signed, therapist, "roleplay", {"rehearsed": "x"})
    with pytest.raises(services.NoteLocked):
        services.sign_session(signed, therapist)
    assert Session.objects.get(pk=session.pk).note == "Original"
    assert AuditEvent.objects.filter(action="session.sign").count() == 1


def test_a_returned_note_can_be_revised_and_signed_again(session, therapist):
    services.save_note(session, therapist, _changes(note="Original"), expected_version=1)
    signed = services.sign_session(session, therapist)
    # A return needs the supervisor's review row: the database refuses it otherwise.
    NoteReview.objects.create(
        session=session, action="returned", comment="Say more.", reviewed_by=therapist.supervisor
    )
    Session.objects.filter(pk=session.pk).update(status=NoteStatus.RETURNED)
    returned = Session.objects.get(pk=session.pk)
    revised = services.save_note(
        returned, therapist, _changes(note="Revised"), expected_version=signed.version
    )
    assert services.sign_session(revised, therapist).status == NoteStatus.SIGNED


def test_a_trainee_note_awaits_cosignature(supervisor):
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    course = factories.make_course(therapist=trainee)
    session = factories.make_session(course, note="Seen.")
    assert services.sign_session(session, trainee).awaiting_cosignature


def test_a_qualified_therapist_note_does_not_await_cosignature(session, therapist):
    services.save_note(session, therapist, _changes(note="Seen."), expected_version=1)
    assert not services.sign_session(session, therapist).awaiting_cosignature


def test_only_the_course_therapist_writes(session, supervisor, other_therapist):
    for user in (supervisor, other_therapist):
        with pytest.raises(services.NotAllowed):
            services.save_note(session, user, _changes(note="x"), expected_version=1)


def test_addenda_only_on_signed_notes(session, therapist):
    with pytest.raises(services.NotAllowed):
        services.add_addendum(session, therapist, "Correction")
    session = services.save_note(session, therapist, _changes(note="x"), expected_version=1)
    session = services.sign_session(session, therapist)
    addendum = services.add_addendum(session, therapist, "  Date of the row was Sunday.  ")
    assert addendum.text == "Date of the row was Sunday." and addendum.author == therapist
    assert AuditEvent.objects.filter(action="session.addendum").exists()


def test_attendance_numbers_only_attended_sessions_in_held_order(course, therapist):
    first, second, third = (scheduled(course, week) for week in range(3))
    for s in (first, second, third):
        services.record_attendance(
            s,
            therapist,
            attendance=Attendance.ATTENDED,
            held_at=s.scheduled_for,
            duration_minutes=50,
        )
    services.record_attendance(
        first,
        therapist,
        attendance=Attendance.DID_NOT_ATTEND,
        held_at=first.scheduled_for,
        duration_minutes=None,
        follow_up_action="Phoned; new time agreed.",
    )
    numbers = dict(course.sessions.values_list("pk", "number"))
    assert numbers == {first.pk: None, second.pk: 1, third.pk: 2}
    assert AuditEvent.objects.filter(action="session.attendance").count() == 4


def test_voiding_keeps_the_session_and_renumbers(course, therapist):
    a, b, c = (factories.make_session(course) for _ in range(3))
    services.void_session(b, therapist, "Created twice by mistake")
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.is_void and b.number is None and b.void_reason == "Created twice by mistake"
    assert c.number == 2
    assert course.sessions.attended().count() == 2
    assert Session.objects.filter(pk=b.pk).exists()
    with pytest.raises(services.NotAllowed):
        services.void_session(a, therapist, "   ")


def test_extra_sessions_are_unplanned(course, therapist):
    extra = services.add_extra_session(course, therapist)
    assert extra.planned_week is None and extra.attendance == Attendance.SCHEDULED
    assert AuditEvent.objects.filter(action="session.create", object_id=str(extra.pk)).exists()


def test_course_plans_refuse_a_stale_version(course, therapist):
    plan = services.save_course_plan(
        course, therapist, "relapse", {"warning_signs": "Sleeping badly"}, expected_version=1
    )
    assert plan.version == 2
    with pytest.raises(services.StaleVersion):
        services.save_course_plan(
            course, therapist, "relapse", {"warning_signs": "Other"}, expected_version=1
        )
    plan.refresh_from_db()
    assert plan.warning_signs == "Sleeping badly"


def test_a_signed_session_attendance_is_frozen_in_the_service(session, therapist):
    session = services.save_note(session, therapist, _changes(note="x"), expected_version=1)
    session = services.sign_session(session, therapist)
    with pytest.raises(services.NoteLocked):
        services.record_attendance(
            session,
            therapist,
            attendance=Attendance.ATTENDED,
            held_at=session.held_at,
            duration_minutes=20,
        )
    assert Session.objects.get(pk=session.pk).duration_minutes == 50
