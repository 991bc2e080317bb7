import pytest
from django.core.management import call_command

from cases.models import Course
from measures import instruments
from measures.demo import answers_for
from measures.models import QuestionnaireResponse, RiskFlag
from measures.queries import outcomes_for

pytestmark = pytest.mark.django_db


def test_it_scores_the_demo_courses_once(settings):
    settings.DEBUG = True
    for _ in range(2):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    courses = {c.client.record_number: c for c in Course.objects.select_related("client")}
    facts = outcomes_for(courses.values())
    assert facts[courses["DEMO-1003"].pk].outcome.reliable_recovery
    assert facts[courses["DEMO-1002"].pk].not_on_track
    assert facts[courses["DEMO-2004"].pk].outcome.reliable_improvement
    open_on_active = RiskFlag.objects.open().filter(course__status="active")
    # Among individual courses only Maya's; in the demo group, Esther's (groups/demo.py).
    flag = open_on_active.get(course__delivery="individual")
    assert flag.course == courses["DEMO-1001"]
    in_group = {f.course.client.record_number for f in open_on_active.exclude(pk=flag.pk)}
    assert in_group == {"DEMO-3005"}
    assert QuestionnaireResponse.objects.filter(instrument="epds").exists()
    perinatal = facts[courses["DEMO-2003"].pk]
    assert [c.code for c in perinatal.outcome.changes if c.paired] == ["phq9", "gad7", "epds"]
    assert perinatal.outcome.reliable_improvement and not perinatal.outcome.recovery
    assert "EPDS was still 13" in perinatal.outcome.notes[0]
    adolescent = facts[courses["DEMO-2001"].pk]
    assert adolescent.outcome.depression.in_words == "PHQ-A 15 to 12 (down 3)"
    assert adolescent.outcome.summary == "Lower (reliable change not known)"
    count = QuestionnaireResponse.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert QuestionnaireResponse.objects.count() == count


@pytest.mark.parametrize(
    ("code", "total"),
    [("phq9", 17), ("gad7", 13), ("epds", 16), ("phqa", 15), ("wsas", 22), ("smfq", 20)],
)
def test_it_builds_answers_that_add_up(code, total):
    result = instruments.score(instruments.get(code), answers_for(code, total))
    assert result.complete and result.total == total and not result.risk_positive
