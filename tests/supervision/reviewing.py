"""Building a trainee's signed note for the review tests (plain functions, no fixtures)."""

from sessions import services as note_services
from tests import factories


def make_trainee(supervisor, **fields):
    return factories.make_therapist(supervisor=supervisor, is_trainee=True, **fields)


def signed_note(therapist, course=None, text: str = "Talked through the row with her sister."):
    """An attended session of ``therapist``'s course, its note written and signed by them."""
    course = course or factories.make_course(therapist=therapist)
    session = factories.make_session(course)
    session = note_services.save_note(
        session,
        therapist,
        note_services.NoteChanges(
            fields={"note": text, "next_task": "Ask her sister for help.", "risk_asked": True}
        ),
        expected_version=session.version,
    )
    return note_services.sign_session(session, therapist)
