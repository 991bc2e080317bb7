import pytest
from django.core.management import call_command

from accounts.models import User
from cases.models import Client, Course

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_therapist_every_phase_and_status(settings):
    settings.DEBUG = True
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        call_command("seed_demo", stdout=quiet)
    assert Client.objects.filter(record_number="DEMO-1001").count() == 1
    for username in ("therapist1", "therapist2"):
        therapist = User.objects.get(username=username)
        courses = Course.objects.filter(therapist=therapist).with_progress()
        current = [c for c in courses if c.is_open]
        assert {c.phase for c in current} == {"initial", "middle", "termination"}
        assert {c.status for c in courses} == {"planned", "active", "completed", "ended_early"}
    transferred = Course.objects.get(client__record_number="DEMO-2004")
    assert transferred.therapist.username == "therapist2"
    assert transferred.transfers.count() == 1
    assert Client.objects.get(record_number="DEMO-1007").is_archived
