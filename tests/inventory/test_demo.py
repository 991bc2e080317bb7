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


def test_every_demo_person_has_details_and_the_stories_show_each_status():
    users = seed_users()
    courses = [factories.make_course(therapist=users["therapist1"]) for _ in range(2)]
    for course in courses:
        for _ in range(4):
            factories.make_session(course)
    demo.seed(users)
    people = Person.objects.filter(course__in=courses)
    assert people.count() == people.with_details().count() > 0
    statuses = set(people.values_list("relationship_status", flat=True))
    assert statuses == {"current", "ended", "estranged", "deceased"}
    assert set(
        people.filter(relationship_status="deceased").values_list("is_deceased", flat=True)
    ) == {True}
    for course in courses:
        completion = course.inventory_completion
        assert completion.people_with_details == completion.people_count
