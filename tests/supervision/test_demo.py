import pytest
from django.core.management import call_command

from sessions.models import NoteStatus, Session
from supervision.demo import RETURN_COMMENT
from supervision.models import FidelityRating, NoteReview, SupervisionEntry, SupervisorComment

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_gives_the_supervisor_a_week_of_work_once(settings):
    settings.DEBUG = True
    _seed()
    trainee_notes = Session.objects.filter(course__therapist__username="therapist2")
    awaiting = [s for s in trainee_notes.filter(status=NoteStatus.SIGNED) if s.awaiting_cosignature]
    assert {s.course.client.record_number for s in awaiting} == {"DEMO-2002", "DEMO-2003"}
    returned = trainee_notes.get(status=NoteStatus.RETURNED)
    assert returned.reviews.get().comment == RETURN_COMMENT
    counts = (
        NoteReview.objects.count(),
        FidelityRating.objects.count(),
        SupervisionEntry.objects.count(),
        SupervisorComment.objects.count(),
    )
    assert counts == (1, 1, 2, 1)

    _seed()
    again = (
        NoteReview.objects.count(),
        FidelityRating.objects.count(),
        SupervisionEntry.objects.count(),
        SupervisorComment.objects.count(),
    )
    assert again == counts
