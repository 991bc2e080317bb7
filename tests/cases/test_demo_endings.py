import pytest
from django.core.management import call_command

from cases.models import Course, CourseEnding
from measures.models import RiskFlag
from measures.queries import open_risk_off_caseload, outcomes_for

pytestmark = pytest.mark.django_db


def test_the_demo_shows_an_early_ending_with_open_risk_and_a_non_responder_s_decision(
    settings,
):
    settings.DEBUG = True
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        call_command("seed_demo", stdout=quiet)
    marek = Course.objects.get(client__record_number="DEMO-1008")
    assert marek.status == "ended_early"
    assert RiskFlag.objects.open().filter(course=marek).count() == 1
    ending = marek.endings.get()
    assert ending.open_risk_flags == 1 and "crisis team" in ending.handover_arranged
    carla = Course.objects.get(client__record_number="DEMO-1009")
    assert carla.status == "completed"
    assert carla.endings.get().decision == "medication_review"
    assert not outcomes_for([carla])[carla.pk].outcome.reliable_recovery
    supervisor = marek.therapist.supervisor
    assert [c.pk for c in open_risk_off_caseload(supervisor)] == [marek.pk]
    count = CourseEnding.objects.count()
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    assert CourseEnding.objects.count() == count
