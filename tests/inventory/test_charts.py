import pytest

from inventory.charts import _pack_levels, relationship_map
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_marks_support_by_fill_and_conflict_by_line(course):
    people = [
        factories.make_person(
            course, name="Dan", closeness="inner", support_level="strong", conflict_level="high"
        ),
        factories.make_person(
            course, name="Jo", closeness="outer", support_level="none", conflict_level="none"
        ),
        factories.make_person(course, name="Gran", closeness="middle", is_deceased=True),
    ]
    svg = str(relationship_map(people, "Robin"))
    assert (
        'role="img"' in svg
        and 'aria-labelledby="relationship-map-title relationship-map-desc"' in svg
    )
    assert 'fill="#1d6b3a"' in svg  # strong support
    assert 'stroke="#a4161a" stroke-width="4" stroke-dasharray="3 3"' in svg  # serious conflict
    assert "Gran †" in svg
    # The <desc> is the text alternative read by screen readers.
    assert "Dan, friend, inner circle, strong support, serious conflict" in svg
    assert "style=" not in svg


def test_it_places_closer_people_nearer_the_centre(course):
    near = factories.make_person(course, name="Near", closeness="inner")
    far = factories.make_person(course, name="Far", closeness="outer")
    svg = str(relationship_map([near, far], "Robin"))

    def distance(name):
        marker = f">{name}</text>"
        before = svg[: svg.index(marker)]
        circle = before[before.rindex("<circle") :]
        cx = float(circle.split('cx="')[1].split('"')[0])
        cy = float(circle.split('cy="')[1].split('"')[0])
        return ((cx - 260) ** 2 + (cy - 260) ** 2) ** 0.5

    assert distance("Near") < distance("Far")


def test_it_lifts_a_label_that_would_overlap_the_previous_one():
    assert _pack_levels([100, 120, 400], [150, 150, 150], 760, levels=4) == [0, 1, 0]
