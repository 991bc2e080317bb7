"""The phase rule of a maintenance course: no initial phase; the last session is termination."""

import pytest

from cases.phases import (
    course_phase_for,
    course_phase_spans,
    maintenance_phase_for,
    phase_for,
)


@pytest.mark.parametrize(
    ("planned", "spans"),
    [
        (6, [("middle", 1, 5), ("termination", 6, 6)]),
        (8, [("middle", 1, 7), ("termination", 8, 8)]),
        (12, [("middle", 1, 11), ("termination", 12, 12)]),
        (1, [("middle", 1, 1)]),
    ],
)
def test_it_skips_the_initial_phase_and_ends_on_the_last_session(planned, spans):
    assert course_phase_spans(planned, maintenance=True) == spans
    assert all(maintenance_phase_for(n, planned) != "initial" for n in range(1, planned + 3))


def test_it_counts_a_session_past_the_plan_as_termination():
    assert maintenance_phase_for(7, 6) == "termination"


def test_it_keeps_the_acute_rule_for_an_acute_course():
    assert course_phase_for(1, 12, maintenance=False) == phase_for(1, 12) == "initial"
    assert course_phase_for(1, 12, maintenance=True) == "middle"
    assert course_phase_spans(12, maintenance=False)[0] == ("initial", 1, 3)


def test_it_refuses_impossible_numbers():
    with pytest.raises(ValueError):
        maintenance_phase_for(0, 6)
    with pytest.raises(ValueError):
        maintenance_phase_for(1, 0)
