import pytest

from accounts.demo import seed_users
from inventory import demo
from inventory.models import Formulation, Person, TimelineEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_seeds_courses_past_the_initial_phase_once():
    users = seed_users()
    past = factories.make_course(therapist=users["therapist1"])
    for _ in range(4):
        factories.make_session(past)
    starting = factories.make_course(therapist=users["therapist2"])
    factories.make_session(starting)

    demo.seed(users)
    demo.seed(users)

    formulation = Formulation.objects.get(course=past)
    assert formulation.is_shared and len(formulation.goals) >= 2
    assert TimelineEvent.objects.filter(course=past).count() >= 4
    assert Person.objects.filter(course=starting).count() == 2
    assert not Formulation.objects.filter(course=starting).exists()
    assert Person.objects.filter(course=past).count() == len(demo.SCENARIOS[0]["people"])
