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


def test_it_lifts_a_label_that_would_overlap_the_next_one():
    # The first label runs over the second point: lifting the first keeps the second's stem
    # out of it (lifting the second would run its stem through the first label).
    assert _pack_levels([100, 120, 400], [150, 150, 150], 760, levels=4) == [1, 0, 0]


def test_it_lifts_a_long_label_above_the_stems_it_runs_over():
    # DEMO-2003: "Leaves work for maternity leave", then "Zara is born" a month later under
    # its label, then "Stops seeing friends". Left to right, Zara's stem crossed the first label.
    levels = _pack_levels([115, 178, 303], [210, 90, 120], 760, levels=4)
    assert levels == [1, 0, 0]


def test_it_keeps_labels_running_left_apart_near_the_end_of_the_axis():
    # Past 70% of the axis labels run left of their point: the later label is lifted.
    assert _pack_levels([600, 640], [150, 150], 760, levels=4) == [0, 1]
